package social.muse.server.processing.notify;

import org.jdbi.v3.core.Handle;
import social.muse.server.db.AccountRow;
import social.muse.server.db.NotificationDao;

/**
 * Tells local accounts what happened to them (follows, requests, mentions, favourites, boosts, edits of posts they
 * boosted), in the transaction of the event itself. Remote accounts and one's own actions are never told.
 */
public final class Notifications {
    private final NotificationDao notifications;

    public Notifications(NotificationDao notifications) {
        this.notifications = notifications;
    }

    public void follow(Handle h, AccountRow follower, AccountRow followed, boolean request) {
        tell(h, followed, follower, request ? "follow_request" : "follow", null);
    }

    public void mention(Handle h, AccountRow author, AccountRow mentioned, long statusId) {
        tell(h, mentioned, author, "mention", statusId);
    }

    /** {@code who} favourited the status {@code statusId}: its author is told, if local. */
    public void favourite(Handle h, AccountRow who, long statusId) {
        notifications.insertForAuthor(h, who.id(), "favourite", statusId);
    }

    /** {@code who} boosted the status {@code statusId}: its author is told, if local. */
    public void reblog(Handle h, AccountRow who, long statusId) {
        notifications.insertForAuthor(h, who.id(), "reblog", statusId);
    }

    /** {@code author} edited the status {@code statusId}: the local accounts that boosted it are told. */
    public void edited(Handle h, AccountRow author, long statusId) {
        notifications.insertForRebloggers(h, author.id(), statusId);
    }

    private void tell(Handle h, AccountRow recipient, AccountRow from, String type, Long statusId) {
        if (recipient.isLocal() && recipient.id() != from.id()) {
            notifications.insert(h, recipient.id(), from.id(), type, statusId);
        }
    }
}
