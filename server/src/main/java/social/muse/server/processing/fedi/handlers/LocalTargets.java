package social.muse.server.processing.fedi.handlers;

import org.jdbi.v3.core.Handle;
import social.muse.server.convert.Uris;
import social.muse.server.db.AccountDao;
import social.muse.server.db.AccountRow;

import java.util.Optional;

/** Turns an actor id an activity names into one of our local accounts, if it is one. */
public final class LocalTargets {
    private final AccountDao accounts;
    private final Uris uris;

    public LocalTargets(AccountDao accounts, Uris uris) {
        this.accounts = accounts;
        this.uris = uris;
    }

    public Optional<AccountRow> local(Handle h, String actorId) {
        String prefix = uris.actor("");
        if (actorId == null || !actorId.startsWith(prefix)) {
            return Optional.empty();
        }
        String username = actorId.substring(prefix.length());
        return username.matches("[A-Za-z0-9_]+")
                ? accounts.byUsername(h, username, null).filter(a -> a.suspendedAt() == null)
                : Optional.empty();
    }

    public Optional<AccountRow> byId(Handle h, long id) {
        return accounts.byId(h, id);
    }
}
