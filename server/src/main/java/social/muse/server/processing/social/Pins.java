package social.muse.server.processing.social;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import social.muse.federation.ap.ApActivity;
import social.muse.federation.ap.ApIri;
import social.muse.federation.ap.ApItem;
import social.muse.server.convert.ApConverter;
import social.muse.server.convert.Uris;
import social.muse.server.db.AccountRow;
import social.muse.server.db.FollowDao;
import social.muse.server.db.PinDao;
import social.muse.server.db.StatusRow;
import social.muse.server.processing.NotAllowed;
import social.muse.server.processing.ValidationFailed;
import social.muse.server.processing.fedi.Deliveries;

import java.time.Clock;
import java.util.List;

/**
 * Pinned statuses: one's own public or unlisted posts, at most {@link #MAX_PINS} as on Mastodon, shown in the
 * {@code featured} collection; followers' servers hear of each change as Add or Remove on that collection.
 */
public final class Pins {
    public static final int MAX_PINS = 5;

    private final Jdbi jdbi;
    private final PinDao pins;
    private final FollowDao follows;
    private final Deliveries deliveries;
    private final ApConverter ap;
    private final Uris uris;
    private final Clock clock;

    public Pins(Jdbi jdbi, PinDao pins, FollowDao follows, Deliveries deliveries, ApConverter ap, Uris uris, Clock clock) {
        this.jdbi = jdbi;
        this.pins = pins;
        this.follows = follows;
        this.deliveries = deliveries;
        this.ap = ap;
        this.uris = uris;
        this.clock = clock;
    }

    /**
     * Pins one's own status with Mastodon's rules and its words for a refusal (422): not a boost, not someone
     * else's, not a direct message, at most five.
     */
    public void pin(AccountRow me, StatusRow status) {
        if (status.reblogOfId() != null) {
            throw ValidationFailed.of(ValidationFailed.BASE, "ERR_INVALID", "A boost cannot be pinned");
        }
        if (status.accountId() != me.id()) {
            throw ValidationFailed.of(ValidationFailed.BASE, "ERR_INVALID", "Someone else's post cannot be pinned");
        }
        if (status.visibility().equals("direct")) {
            throw ValidationFailed.of(ValidationFailed.BASE, "ERR_INVALID", "Posts that are only visible to mentioned users cannot be pinned");
        }
        jdbi.useTransaction(h -> {
            if (pins.pinned(h, me.id(), status.id())) {
                return;
            }
            if (pins.count(h, me.id()) >= MAX_PINS) {
                throw ValidationFailed.of(ValidationFailed.BASE, "ERR_TOO_MANY", "You have already pinned the maximum number of posts");
            }
            pins.pin(h, me.id(), status.id());
            announce(h, me, status, "Add");
        });
    }

    public void unpin(AccountRow me, StatusRow status) {
        if (status.accountId() != me.id()) {
            throw new NotAllowed("This status is not yours");
        }
        jdbi.useTransaction(h -> {
            if (pins.unpin(h, me.id(), status.id())) {
                announce(h, me, status, "Remove");
            }
        });
    }

    /** The account's pinned statuses, most recently pinned first. */
    public List<StatusRow> pinned(AccountRow account) {
        return jdbi.withHandle(h -> pins.pinnedStatuses(h, account.id()));
    }

    /**
     * Add or Remove of the status on the featured collection, to followers, as Mastodon addresses it; a followers-only
     * status's is addressed to the followers alone, so nobody else learns of it.
     */
    private void announce(Handle h, AccountRow me, StatusRow status, String type) {
        String actorId = ap.actorId(me);
        boolean everyone = status.readableByAnyone();
        ApActivity activity = new ApActivity(uris.activity(me.username(), deliveries.newActivityId(h)), type, actorId,
                List.<ApItem>of(new ApIri(status.uri())), new ApIri(actorId + "/featured"),
                everyone ? List.of(ApConverter.PUBLIC) : List.of(ap.followersId(me)),
                everyone ? List.of(ap.followersId(me)) : List.of(), clock.instant(), null);
        deliveries.enqueue(h, me, activity, follows.remoteFollowerInboxes(h, me.id()));
    }
}
