package social.muse.server.processing.fedi;

import org.jdbi.v3.core.Handle;
import social.muse.federation.ap.ApActivity;
import social.muse.federation.ap.ApIri;
import social.muse.server.convert.ApConverter;
import social.muse.server.convert.Uris;
import social.muse.server.db.AccountRow;
import social.muse.server.db.FollowDao;
import social.muse.server.processing.notify.Notifications;

import java.util.List;
import java.util.Optional;

/** Follows that remote actors start, undo, accept or reject, applied to our follow tables. */
public final class InboundFollows {
    private final FollowDao follows;
    private final Deliveries deliveries;
    private final ApConverter ap;
    private final Uris uris;
    private final Notifications notifications;

    public InboundFollows(FollowDao follows, Deliveries deliveries, ApConverter ap, Uris uris, Notifications notifications) {
        this.notifications = notifications;
        this.follows = follows;
        this.deliveries = deliveries;
        this.ap = ap;
        this.uris = uris;
    }

    /**
     * A remote actor follows a local account: accepted at once (and the Accept queued, embedding the Follow as
     * Mastodon does) unless the account is locked, when it waits as a request for its owner's answer.
     */
    public void follow(Handle h, AccountRow follower, AccountRow target, String followUri) {
        if (target.locked()) {
            if (follows.follow(h, follower.id(), target.id()).isEmpty()) {
                follows.insertRequest(h, follower.id(), target.id(), followUri);
                notifications.follow(h, follower, target, true);
            }
            return;
        }
        follows.insertFollow(h, follower.id(), target.id(), followUri);
        notifications.follow(h, follower, target, false);
        String targetId = ap.actorId(target);
        ApActivity follow = new ApActivity(followUri, "Follow", follower.uri(), List.of(new ApIri(targetId)),
                null, List.of(), List.of(), null, null);
        ApActivity accept = new ApActivity(uris.activity(target.username(), deliveries.newActivityId(h)), "Accept",
                targetId, List.of(follow), null, List.of(follower.uri()), List.of(), null, null);
        deliveries.enqueue(h, target, accept, List.of(follower.inboxUrl()));
    }

    /** Undo(Follow): the follow or the pending request disappears. */
    public void unfollow(Handle h, AccountRow follower, AccountRow target) {
        follows.deleteFollow(h, follower.id(), target.id());
        follows.deleteRequest(h, follower.id(), target.id());
    }

    /** Our local account's request to follow {@code target} was accepted. */
    public void accepted(Handle h, AccountRow localFollower, AccountRow target) {
        Optional<FollowDao.FollowRow> request = follows.request(h, localFollower.id(), target.id());
        if (request.isPresent()) {
            follows.deleteRequest(h, localFollower.id(), target.id());
            follows.insertFollow(h, localFollower.id(), target.id(), request.get().uri());
        }
    }

    /** Refused, or a follow ended by the followed side: both the request and the follow go. */
    public void rejected(Handle h, AccountRow localFollower, AccountRow target) {
        unfollow(h, localFollower, target);
    }
}
