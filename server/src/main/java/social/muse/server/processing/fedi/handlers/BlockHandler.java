package social.muse.server.processing.fedi.handlers;

import org.jdbi.v3.core.Handle;
import social.muse.federation.ap.ApIri;
import social.muse.server.processing.fedi.InboundInteractions;

/** Block of a local account. */
public final class BlockHandler implements ActivityHandler<ApIri> {
    private final InboundInteractions interactions;
    private final LocalTargets targets;

    public BlockHandler(InboundInteractions interactions, LocalTargets targets) {
        this.interactions = interactions;
        this.targets = targets;
    }

    @Override
    public void handle(Handle h, InboundActivity in, ApIri object) {
        targets.local(h, object.iri()).ifPresent(local -> interactions.block(h, in.actor(), local, in.activity().id()));
    }
}
