package social.muse.server.http.ap;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import social.muse.federation.ap.ApCodec;
import social.muse.server.convert.Uris;
import social.muse.server.db.AccountRow;
import social.muse.server.processing.accounts.ProfileProcessor;
import social.muse.server.processing.fedi.InboxProcessor;
import social.muse.server.processing.fedi.InboxRefused;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;

/**
 * The personal inboxes ({@code /users/{username}/inbox}) and the shared inbox ({@code /inbox}). Answers are
 * plain text: the caller is another server, which only logs them. A delivery is acknowledged with 202 once
 * stored; processing happens later.
 */
public final class InboxRoutes implements HttpService {
    private static final int MAX_BODY_BYTES = ApCodec.MAX_DOCUMENT_BYTES;

    private final InboxProcessor inbox;
    private final ProfileProcessor profiles;
    private final Uris uris;

    public InboxRoutes(InboxProcessor inbox, ProfileProcessor profiles, Uris uris) {
        this.inbox = inbox;
        this.profiles = profiles;
        this.uris = uris;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/users/{username}/inbox", this::personal)
                .post("/inbox", this::shared);
    }

    private void personal(ServerRequest req, ServerResponse res) {
        Optional<AccountRow> recipient = profiles.byUsername(req.path().pathParameters().get("username"), null)
                .filter(a -> a.suspendedAt() == null);
        if (recipient.isEmpty()) {
            plain(res, 404, "No such account");
            return;
        }
        receive(req, res, recipient);
    }

    private void shared(ServerRequest req, ServerResponse res) {
        receive(req, res, Optional.empty());
    }

    private void receive(ServerRequest req, ServerResponse res, Optional<AccountRow> recipient) {
        try {
            if (!isActivityJson(req)) {
                throw new InboxRefused(415, "Send application/activity+json or application/ld+json");
            }
            if (req.headers().contentLength().orElse(0) > MAX_BODY_BYTES) {
                throw new InboxRefused(413, "Activities are limited to 1 MiB");
            }
            byte[] body = readBody(req);
            inbox.receive(SignedRequests.of(req, uris, body), recipient);
            plain(res, 202, "Accepted");
        } catch (InboxRefused e) {
            plain(res, e.status(), e.getMessage());
        }
    }

    private static boolean isActivityJson(ServerRequest req) {
        return req.headers().contentType()
                .map(HttpMediaType::mediaType)
                .map(m -> (m.type() + "/" + m.subtype()).toLowerCase(Locale.ROOT))
                .filter(m -> m.equals("application/activity+json") || m.equals("application/ld+json"))
                .isPresent();
    }

    private static byte[] readBody(ServerRequest req) {
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new InboxRefused(413, "Activities are limited to 1 MiB");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void plain(ServerResponse res, int status, String message) {
        res.status(status).header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8").send(message);
    }
}
