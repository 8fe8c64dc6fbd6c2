package social.muse.server.processing.fedi.handlers;

import org.jdbi.v3.core.Handle;
import social.muse.federation.ap.ApItem;
import social.muse.server.processing.fedi.InboundInteractions;
import social.muse.server.processing.fedi.RemoteStatuses;

/** Announce of a post: a reblog; a post we have not seen is fetched from its server first. */
public final class AnnounceHandler implements ActivityHandler<ApItem> {
    private final InboundInteractions interactions;
    private final RemoteStatuses remoteStatuses;

    public AnnounceHandler(InboundInteractions interactions, RemoteStatuses remoteStatuses) {
        this.interactions = interactions;
        this.remoteStatuses = remoteStatuses;
    }

    @Override
    public void handle(Handle h, InboundActivity in, ApItem status) {
        if (status.id() != null && remoteStatuses.byUri(status.id()).isPresent()) {
            interactions.announce(h, in.actor(), in.activity(), status.id());
        }
    }
}
