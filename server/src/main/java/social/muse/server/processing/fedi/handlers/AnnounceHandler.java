package social.muse.server.processing.fedi.handlers;

import org.jdbi.v3.core.Handle;
import social.muse.federation.ap.ApItem;
import social.muse.server.processing.fedi.InboundInteractions;

/** Announce of a post we know: a reblog. */
public final class AnnounceHandler implements ActivityHandler<ApItem> {
    private final InboundInteractions interactions;

    public AnnounceHandler(InboundInteractions interactions) {
        this.interactions = interactions;
    }

    @Override
    public void handle(Handle h, InboundActivity in, ApItem status) {
        if (status.id() != null) {
            interactions.announce(h, in.actor(), in.activity(), status.id());
        }
    }
}
