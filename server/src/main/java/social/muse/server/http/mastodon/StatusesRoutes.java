package social.muse.server.http.mastodon;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import social.muse.server.convert.ApiConverter;
import social.muse.server.db.AccountRow;
import social.muse.server.db.StatusRow;
import social.muse.server.http.IdText;
import social.muse.server.http.RequestParams;
import social.muse.server.http.Responses;
import social.muse.server.http.auth.Authenticator;
import social.muse.server.http.auth.Principal;
import social.muse.server.processing.accounts.AccountProcessor.Member;
import social.muse.server.processing.social.SocialProcessor;
import social.muse.server.processing.social.StatusInteractions;

import java.util.List;
import java.util.Optional;

/** {@code /api/v1/statuses}: posting, reading and deleting statuses. */
public final class StatusesRoutes implements HttpService {
    private final SocialProcessor social;
    private final StatusInteractions interactions;
    private final Authenticator authenticator;
    private final ApiConverter converter;
    private final Responses responses;

    public StatusesRoutes(SocialProcessor social, StatusInteractions interactions, Authenticator authenticator,
                          ApiConverter converter, Responses responses) {
        this.social = social;
        this.interactions = interactions;
        this.authenticator = authenticator;
        this.converter = converter;
        this.responses = responses;
    }

    private static final HeaderName IDEMPOTENCY_KEY = HeaderNames.create("Idempotency-Key");

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::create)
                .get("/{id}", this::show)
                .delete("/{id}", this::delete);
    }

    private void create(ServerRequest req, ServerResponse res) {
        AccountRow author = authenticator.requireMember(req, "write:statuses").requireMember().account();
        RequestParams params = RequestParams.read(req, responses.mapper(), 0);
        if (params.has("poll") || !params.indexed("poll").isEmpty()) {
            throw MastodonException.unprocessable("Validation failed: Polls are not supported yet");
        }
        List<Long> mediaIds = params.strings("media_ids").stream()
                .map(id -> IdText.parse(id).orElseThrow(() -> MastodonException.unprocessable(
                        "Validation failed: media_ids must be ids of your uploads")))
                .toList();
        Long inReplyTo = params.string("in_reply_to_id").filter(s -> !s.isEmpty())
                .map(s -> IdText.parse(s).orElseThrow(MastodonException::notFound)).orElse(null);
        StatusRow status = social.post(author, new SocialProcessor.Draft(
                params.strings("status").stream().findFirst().orElse(null),
                params.string("visibility").orElse("public"), params.string("spoiler_text").orElse(""),
                params.bool("sensitive").orElse(false), params.string("language").filter(l -> !l.isEmpty()).orElse(null),
                inReplyTo, req.headers().first(IDEMPOTENCY_KEY).filter(k -> !k.isBlank()).orElse(null), mediaIds));
        responses.json(res, converter.status(interactions.view(status, Optional.of(author)), true));
    }

    private void show(ServerRequest req, ServerResponse res) {
        Optional<AccountRow> viewer = authenticator.optional(req).flatMap(Principal::member).map(Member::account);
        StatusRow status = IdText.parse(req.path().pathParameters().get("id"))
                .flatMap(id -> interactions.visibleStatus(id, viewer))
                .orElseThrow(MastodonException::notFound);
        boolean own = viewer.map(v -> v.id() == status.accountId()).orElse(false);
        responses.json(res, converter.status(interactions.view(status, viewer), own));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        AccountRow author = authenticator.requireMember(req, "write:statuses").requireMember().account();
        StatusRow status = statusFromPath(req).filter(s -> s.accountId() == author.id() && s.deletedAt() == null)
                .orElseThrow(MastodonException::notFound);
        social.delete(author, status.id());
        // Mastodon answers with the deleted status, its source text included, for "delete and redraft".
        responses.json(res, converter.status(status, author, true));
    }

    private Optional<StatusRow> statusFromPath(ServerRequest req) {
        return IdText.parse(req.path().pathParameters().get("id")).flatMap(social::status);
    }
}
