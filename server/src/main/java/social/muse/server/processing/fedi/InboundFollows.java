package social.muse.server.processing.fedi;

import org.jdbi.v3.core.Handle;
import social.muse.server.db.AccountRow;
import social.muse.server.db.FollowDao;
import social.muse.server.processing.notify.Notifications;

import java.util.Optional;

/** Follows that remote actors start, undo, accept or reject, applied to our follow tables. */
public final class InboundFollows {
    private final FollowDao follows;
    private final OutboundFollows outboundFollows;
    private final Notifications notifications;

    public InboundFollows(FollowDao follows, OutboundFollows outboundFollows, Notifications notifications) {
        this.follows = follows;
        this.outboundFollows = outboundFollows;
        this.notifications = notifications;
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
        outboundFollows.accept(h, target, follower, followUri);
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
