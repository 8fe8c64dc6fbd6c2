package social.muse.server.processing.fedi.handlers;

import org.jdbi.v3.core.Handle;
import social.muse.federation.ap.ApIri;
import social.muse.server.processing.fedi.InboundFollows;

/** Follow of a local account. */
public final class FollowHandler implements ActivityHandler<ApIri> {
    private final InboundFollows follows;
    private final LocalTargets targets;

    public FollowHandler(InboundFollows follows, LocalTargets targets) {
        this.follows = follows;
        this.targets = targets;
    }

    @Override
    public void handle(Handle h, InboundActivity in, ApIri object) {
        targets.local(h, object.iri()).ifPresent(target -> follows.follow(h, in.actor(), target, in.activity().id()));
    }
}
