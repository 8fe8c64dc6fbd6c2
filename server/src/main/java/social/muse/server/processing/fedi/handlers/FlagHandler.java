package social.muse.server.processing.fedi.handlers;

import org.jdbi.v3.core.Handle;
import social.muse.federation.ap.ApItem;
import social.muse.server.db.RemoteAccountDao;
import social.muse.server.processing.fedi.InboundInteractions;

/** Flag: a report about accounts (ours or known remote ones) and their posts; every object is read. */
public final class FlagHandler implements ActivityHandler<ApItem> {
    private final InboundInteractions interactions;
    private final LocalTargets targets;
    private final RemoteAccountDao remote;

    public FlagHandler(InboundInteractions interactions, LocalTargets targets, RemoteAccountDao remote) {
        this.interactions = interactions;
        this.targets = targets;
        this.remote = remote;
    }

    @Override
    public void handle(Handle h, InboundActivity in, ApItem first) {
        interactions.flag(h, in.actor(), in.activity(),
                id -> targets.local(h, id).or(() -> remote.byUri(h, id)));
    }
}
