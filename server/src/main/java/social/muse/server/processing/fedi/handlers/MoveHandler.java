package social.muse.server.processing.fedi.handlers;

import org.jdbi.v3.core.Handle;
import social.muse.federation.ap.ApItem;
import social.muse.server.processing.fedi.InboundInteractions;

/** Move of the sender's own account to {@code target}. */
public final class MoveHandler implements ActivityHandler<ApItem> {
    private final InboundInteractions interactions;

    public MoveHandler(InboundInteractions interactions) {
        this.interactions = interactions;
    }

    @Override
    public void handle(Handle h, InboundActivity in, ApItem object) {
        var target = in.activity().target();
        if (in.actor().uri().equals(object.id()) && target != null && target.id() != null) {
            interactions.move(h, in.actor(), target.id());
        }
    }
}
