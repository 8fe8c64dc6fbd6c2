package social.muse.server.http.mastodon;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import social.muse.server.convert.ApiConverter;
import social.muse.server.db.AccountRow;
import social.muse.server.http.IdText;
import social.muse.server.http.RequestParams;
import social.muse.server.http.Responses;
import social.muse.server.http.auth.Authenticator;
import social.muse.server.processing.media.Attachments;

/**
 * Uploading media for posts: {@code POST /api/v2/media} (and the older {@code /api/v1/media}), which answers 200 since
 * images are ready at once, plus {@code GET} and {@code PUT /api/v1/media/:id} to read and describe an upload.
 */
public final class MediaAttachmentsRoutes implements HttpService {
    private final Attachments attachments;
    private final Authenticator authenticator;
    private final ApiConverter converter;
    private final Responses responses;
    private final long maxBytes;

    public MediaAttachmentsRoutes(Attachments attachments, Authenticator authenticator, ApiConverter converter,
                                  Responses responses, long maxBytes) {
        this.attachments = attachments;
        this.authenticator = authenticator;
        this.converter = converter;
        this.responses = responses;
        this.maxBytes = maxBytes;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/api/v2/media", this::upload)
                .post("/api/v1/media", this::upload)
                .get("/api/v1/media/{id}", this::show)
                .put("/api/v1/media/{id}", this::describe);
    }

    private void upload(ServerRequest req, ServerResponse res) {
        AccountRow me = member(req, "write:media");
        RequestParams params = RequestParams.read(req, responses.mapper(), maxBytes);
        RequestParams.UploadedFile file = params.file("file")
                .orElseThrow(() -> MastodonException.unprocessable("Validation failed: File can't be blank"));
        responses.json(res, converter.mediaAttachment(attachments.upload(me, file.bytes(),
                params.string("description").orElse(null))));
    }

    private void show(ServerRequest req, ServerResponse res) {
        AccountRow me = member(req, "write:media");
        responses.json(res, converter.mediaAttachment(attachments.own(me, id(req))));
    }

    private void describe(ServerRequest req, ServerResponse res) {
        AccountRow me = member(req, "write:media");
        RequestParams params = RequestParams.read(req, responses.mapper(), 0);
        responses.json(res, converter.mediaAttachment(attachments.describe(me, id(req),
                params.string("description").orElse(null))));
    }

    private AccountRow member(ServerRequest req, String scope) {
        return authenticator.requireMember(req, scope).requireMember().account();
    }

    private static long id(ServerRequest req) {
        return IdText.parse(req.path().pathParameters().get("id")).orElseThrow(MastodonException::notFound);
    }
}
