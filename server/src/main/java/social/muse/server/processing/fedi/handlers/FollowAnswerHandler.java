package social.muse.server.processing.fedi.handlers;

import org.jdbi.v3.core.Handle;
import social.muse.federation.ap.ApActivity;
import social.muse.federation.ap.ApItem;
import social.muse.server.db.AccountRow;
import social.muse.server.db.FollowLookupDao;
import social.muse.server.processing.fedi.InboundFollows;

import java.util.Optional;

/**
 * Accept or Reject of one of our follow requests, naming the Follow by id or embedding it. Only the followed
 * actor may answer: the request must target the sender.
 */
public final class FollowAnswerHandler implements ActivityHandler<ApItem> {
    private final InboundFollows follows;
    private final FollowLookupDao lookup;
    private final LocalTargets targets;
    private final boolean accept;

    private FollowAnswerHandler(InboundFollows follows, FollowLookupDao lookup, LocalTargets targets, boolean accept) {
        this.follows = follows;
        this.lookup = lookup;
        this.targets = targets;
        this.accept = accept;
    }

    public static FollowAnswerHandler accept(InboundFollows follows, FollowLookupDao lookup, LocalTargets targets) {
        return new FollowAnswerHandler(follows, lookup, targets, true);
    }

    public static FollowAnswerHandler reject(InboundFollows follows, FollowLookupDao lookup, LocalTargets targets) {
        return new FollowAnswerHandler(follows, lookup, targets, false);
    }

    @Override
    public void handle(Handle h, InboundActivity in, ApItem follow) {
        localFollower(h, in, follow).ifPresent(local -> {
            if (accept) {
                follows.accepted(h, local, in.actor());
            } else {
                follows.rejected(h, local, in.actor());
            }
        });
    }

    private Optional<AccountRow> localFollower(Handle h, InboundActivity in, ApItem follow) {
        Optional<AccountRow> byId = follow.id() == null ? Optional.empty() : lookup.byUri(h, follow.id())
                .filter(pair -> pair.targetAccountId() == in.actor().id())
                .flatMap(pair -> targets.byId(h, pair.accountId()));
        if (byId.isPresent() || !(follow instanceof ApActivity embedded)) {
            return byId;
        }
        boolean targetsSender = embedded.singleObject().map(ApItem::id).filter(in.actor().uri()::equals).isPresent();
        return targetsSender ? targets.local(h, embedded.actor()) : Optional.empty();
    }
}
