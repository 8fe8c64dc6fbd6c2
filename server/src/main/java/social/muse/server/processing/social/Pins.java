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

    public void pin(AccountRow me, StatusRow status) {
        if (status.accountId() != me.id() || status.reblogOfId() != null) {
            throw ValidationFailed.of("pin", "ERR_INVALID", "is only possible for your own posts");
        }
        if (!status.visibility().equals("public") && !status.visibility().equals("unlisted")) {
            throw ValidationFailed.of("pin", "ERR_INVALID", "is only possible for public and unlisted posts");
        }
        jdbi.useTransaction(h -> {
            if (pins.pinned(h, me.id(), status.id())) {
                return;
            }
            if (pins.count(h, me.id()) >= MAX_PINS) {
                throw ValidationFailed.of("pin", "ERR_TOO_MANY", "limit of " + MAX_PINS + " posts reached");
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

    /** Add or Remove of the status on the featured collection, to followers, as Mastodon addresses it. */
    private void announce(Handle h, AccountRow me, StatusRow status, String type) {
        String actorId = ap.actorId(me);
        ApActivity activity = new ApActivity(uris.activity(me.username(), deliveries.newActivityId(h)), type, actorId,
                List.<ApItem>of(new ApIri(status.uri())), new ApIri(actorId + "/featured"),
                List.of(ApConverter.PUBLIC), List.of(ap.followersId(me)), clock.instant(), null);
        deliveries.enqueue(h, me, activity, follows.remoteFollowerInboxes(h, me.id()));
    }
}
