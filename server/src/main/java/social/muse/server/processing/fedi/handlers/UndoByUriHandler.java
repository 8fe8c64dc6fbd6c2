package social.muse.server.processing.fedi.handlers;

import org.jdbi.v3.core.Handle;
import social.muse.federation.ap.ApIri;
import social.muse.server.db.FollowLookupDao;
import social.muse.server.processing.fedi.InboundFollows;
import social.muse.server.processing.fedi.InboundInteractions;

/** Undo naming the undone activity by id only: we know it if it made a follow, a request, a like or a reblog of the sender's. */
public final class UndoByUriHandler implements ActivityHandler<ApIri> {
    private final InboundFollows follows;
    private final FollowLookupDao lookup;
    private final LocalTargets targets;
    private final InboundInteractions interactions;

    public UndoByUriHandler(InboundFollows follows, FollowLookupDao lookup, LocalTargets targets,
                            InboundInteractions interactions) {
        this.interactions = interactions;
        this.follows = follows;
        this.lookup = lookup;
        this.targets = targets;
    }

    @Override
    public void handle(Handle h, InboundActivity in, ApIri undone) {
        lookup.byUri(h, undone.iri())
                .filter(pair -> pair.accountId() == in.actor().id())
                .flatMap(pair -> targets.byId(h, pair.targetAccountId()))
                .ifPresentOrElse(target -> follows.unfollow(h, in.actor(), target),
                        () -> interactions.undo(h, in.actor(), undone.iri()));
    }
}
