package social.muse.server.processing.fedi.handlers;

import org.jdbi.v3.core.Handle;
import social.muse.federation.ap.ApItem;
import social.muse.server.processing.fedi.InboundInteractions;

/** Like of a post we know: a favourite. */
public final class LikeHandler implements ActivityHandler<ApItem> {
    private final InboundInteractions interactions;

    public LikeHandler(InboundInteractions interactions) {
        this.interactions = interactions;
    }

    @Override
    public void handle(Handle h, InboundActivity in, ApItem status) {
        if (status.id() != null) {
            interactions.like(h, in.actor(), status.id(), in.activity().id());
        }
    }
}
