package social.muse.server.http.mastodon;

import io.helidon.webserver.http.ServerRequest;
import social.muse.server.db.AccountRow;
import social.muse.server.http.IdText;
import social.muse.server.processing.accounts.ProfileProcessor;

/** The account a Mastodon API path names ({@code /api/v1/accounts/:id/...}): 404 when unknown, suspended or deleted. */
final class AccountPaths {
    private AccountPaths() {
    }

    static AccountRow account(ServerRequest req, ProfileProcessor profiles) {
        return IdText.parse(req.path().pathParameters().get("id"))
                .flatMap(profiles::byId)
                .filter(a -> a.suspendedAt() == null && a.deletedAt() == null)
                .orElseThrow(MastodonException::notFound);
    }
}
