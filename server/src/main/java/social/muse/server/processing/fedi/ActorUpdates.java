package social.muse.server.processing.fedi;

import org.jdbi.v3.core.Handle;
import social.muse.federation.ap.ApActivity;
import social.muse.federation.ap.ApItem;
import social.muse.server.convert.ApConverter;
import social.muse.server.convert.Uris;
import social.muse.server.db.AccountRow;
import social.muse.server.db.FollowDao;

import java.time.Clock;
import java.util.List;

/** A local account's profile changed: its followers' servers get Update with the new actor document. */
public final class ActorUpdates {
    private final FollowDao follows;
    private final Deliveries deliveries;
    private final ApConverter ap;
    private final Uris uris;
    private final Clock clock;

    public ActorUpdates(FollowDao follows, Deliveries deliveries, ApConverter ap, Uris uris, Clock clock) {
        this.follows = follows;
        this.deliveries = deliveries;
        this.ap = ap;
        this.uris = uris;
        this.clock = clock;
    }

    /** Queues Update(actor) in the caller's transaction, to each remote follower's (shared) inbox. */
    public void profileChanged(Handle h, AccountRow account) {
        List<String> inboxes = follows.remoteFollowerInboxes(h, account.id());
        if (inboxes.isEmpty()) {
            return;
        }
        deliveries.enqueue(h, account, new ApActivity(uris.activity(account.username(), deliveries.newActivityId(h)),
                "Update", ap.actorId(account), List.<ApItem>of(ap.actor(account)), null, List.of(ApConverter.PUBLIC),
                List.of(ap.followersId(account)), clock.instant(), null), inboxes);
    }
}
