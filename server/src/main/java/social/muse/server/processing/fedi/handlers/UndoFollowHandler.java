package social.muse.server.processing.fedi.handlers;

import org.jdbi.v3.core.Handle;
import social.muse.federation.ap.ApActivity;
import social.muse.server.processing.fedi.InboundFollows;

/** Undo of an embedded Follow: the sender stops following (or withdraws its request). */
public final class UndoFollowHandler implements ActivityHandler<ApActivity> {
    private final InboundFollows follows;
    private final LocalTargets targets;

    public UndoFollowHandler(InboundFollows follows, LocalTargets targets) {
        this.follows = follows;
        this.targets = targets;
    }

    @Override
    public void handle(Handle h, InboundActivity in, ApActivity follow) {
        if (follow.actor() != null && !follow.actor().equals(in.actor().uri())) {
            return;
        }
        follow.singleObject()
                .flatMap(target -> targets.local(h, target.id()))
                .ifPresent(target -> follows.unfollow(h, in.actor(), target));
    }
}
