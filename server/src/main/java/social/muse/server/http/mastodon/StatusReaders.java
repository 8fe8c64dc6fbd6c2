package social.muse.server.http.mastodon;

import io.helidon.webserver.http.ServerRequest;
import social.muse.server.convert.ApiConverter;
import social.muse.server.db.AccountRow;
import social.muse.server.db.StatusRow;
import social.muse.server.http.auth.Authenticator;
import social.muse.server.http.auth.Principal;
import social.muse.server.http.mastodon.model.StatusResponse;
import social.muse.server.processing.accounts.AccountProcessor.Member;
import social.muse.server.processing.social.StatusInteractions;

import java.util.List;
import java.util.Optional;

/** Who reads statuses on a route that also answers anonymous readers, and each status as that reader sees it. */
final class StatusReaders {
    private final StatusInteractions statuses;
    private final Authenticator authenticator;
    private final ApiConverter converter;

    StatusReaders(StatusInteractions statuses, Authenticator authenticator, ApiConverter converter) {
        this.statuses = statuses;
        this.authenticator = authenticator;
        this.converter = converter;
    }

    /** The signed-in reader, if any; a token without read:statuses is refused as Mastodon does. */
    Optional<AccountRow> reader(ServerRequest req) {
        Optional<Principal> caller = authenticator.optional(req);
        if (caller.isPresent() && !caller.get().scopes().allows("read:statuses")) {
            throw MastodonException.outsideScopes();
        }
        return caller.flatMap(Principal::member).map(Member::account);
    }

    StatusResponse render(StatusRow status, Optional<AccountRow> reader) {
        return renderAll(List.of(status), reader).getFirst();
    }

    /** A page of statuses, read together. */
    List<StatusResponse> renderAll(List<StatusRow> page, Optional<AccountRow> reader) {
        long readerId = reader.map(AccountRow::id).orElse(-1L);
        return statuses.views(page, reader).stream()
                .map(view -> converter.status(view, view.status().accountId() == readerId)).toList();
    }
}
