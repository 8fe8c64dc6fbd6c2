package social.muse.server.processing.fedi.handlers;

import org.jdbi.v3.core.Handle;
import social.muse.federation.ap.ApItem;
import social.muse.server.db.RemoteAccountDao;
import social.muse.server.processing.fedi.InboundStatuses;
import social.muse.server.processing.fedi.RemoteKeyCache;

/**
 * Delete, whatever the object's form (a reference, a Tombstone, the actor itself): of the sender itself, the
 * account is marked deleted and its posts and relationships purged; otherwise one of its statuses is deleted.
 */
public final class DeleteHandler implements ActivityHandler<ApItem> {
    private final InboundStatuses statuses;
    private final RemoteAccountDao accounts;
    private final RemoteKeyCache keyCache;

    public DeleteHandler(InboundStatuses statuses, RemoteAccountDao accounts, RemoteKeyCache keyCache) {
        this.statuses = statuses;
        this.accounts = accounts;
        this.keyCache = keyCache;
    }

    @Override
    public void handle(Handle h, InboundActivity in, ApItem object) {
        if (object.id() == null) {
            return;
        }
        if (object.id().equals(in.actor().uri())) {
            accounts.markDeleted(h, in.actor().id());
            keyCache.forgetAccountAfterCommit(h, in.actor().id());
        } else {
            statuses.delete(h, in.actor(), object.id());
        }
    }
}
