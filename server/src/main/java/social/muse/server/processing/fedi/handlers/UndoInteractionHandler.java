package social.muse.server.processing.fedi.handlers;

import org.jdbi.v3.core.Handle;
import social.muse.federation.ap.ApActivity;
import social.muse.federation.ap.ApItem;
import social.muse.server.processing.fedi.InboundInteractions;

/** Undo of an embedded Like, Announce or Block of the sender's. */
public final class UndoInteractionHandler implements ActivityHandler<ApActivity> {
    private final InboundInteractions interactions;
    private final LocalTargets targets;

    public UndoInteractionHandler(InboundInteractions interactions, LocalTargets targets) {
        this.interactions = interactions;
        this.targets = targets;
    }

    @Override
    public void handle(Handle h, InboundActivity in, ApActivity undone) {
        if (undone.actor() != null && !undone.actor().equals(in.actor().uri())) {
            return;
        }
        String object = undone.singleObject().map(ApItem::id).orElse(null);
        if (object == null) {
            return;
        }
        switch (undone.type()) {
            case "Like" -> interactions.unlike(h, in.actor(), object);
            case "Announce" -> interactions.unannounce(h, in.actor(), object);
            case "Block" -> targets.local(h, object).ifPresent(local -> interactions.unblock(h, in.actor(), local));
            default -> throw new IllegalStateException("registered for Like, Announce and Block only: " + undone.type());
        }
    }
}
