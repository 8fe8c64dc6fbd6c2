package social.muse.server.processing.fedi.handlers;

import org.jdbi.v3.core.Handle;
import social.muse.federation.ap.ApItem;
import social.muse.server.db.RemoteAccountDao;
import social.muse.server.processing.fedi.InboundStatuses;

/**
 * Delete, whatever the object's form (a reference, a Tombstone, the actor itself): of the sender itself, the
 * account is marked deleted and its posts and relationships purged; otherwise one of its statuses is deleted.
 */
public final class DeleteHandler implements ActivityHandler<ApItem> {
    private final InboundStatuses statuses;
    private final RemoteAccountDao accounts;

    public DeleteHandler(InboundStatuses statuses, RemoteAccountDao accounts) {
        this.statuses = statuses;
        this.accounts = accounts;
    }

    @Override
    public void handle(Handle h, InboundActivity in, ApItem object) {
        if (object.id() == null) {
            return;
        }
        if (object.id().equals(in.actor().uri())) {
            accounts.markDeleted(h, in.actor().id());
        } else {
            statuses.delete(h, in.actor(), object.id());
        }
    }
}
