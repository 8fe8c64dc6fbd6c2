package social.muse.server.processing.fedi.handlers;

import org.jdbi.v3.core.Handle;
import social.muse.federation.ap.ApItem;
import social.muse.server.db.InteractionDao;
import social.muse.server.db.PinDao;

/**
 * Add or Remove of one of the sender's own posts on its {@code featured} collection: the post is pinned or unpinned.
 * Other targets (Muse's lists, other software's collections) are not ours to keep; posts we have not seen are
 * skipped rather than fetched.
 */
public final class FeaturedHandler implements ActivityHandler<ApItem> {
    private static final System.Logger LOG = System.getLogger(FeaturedHandler.class.getName());

    private final InteractionDao interactions;
    private final PinDao pins;
    private final boolean add;

    private FeaturedHandler(InteractionDao interactions, PinDao pins, boolean add) {
        this.interactions = interactions;
        this.pins = pins;
        this.add = add;
    }

    public static FeaturedHandler add(InteractionDao interactions, PinDao pins) {
        return new FeaturedHandler(interactions, pins, true);
    }

    public static FeaturedHandler remove(InteractionDao interactions, PinDao pins) {
        return new FeaturedHandler(interactions, pins, false);
    }

    @Override
    public void handle(Handle h, InboundActivity in, ApItem object) {
        ApItem target = in.activity().target();
        String featured = in.actor().featuredUrl();
        if (target == null || featured == null || !featured.equals(target.id()) || object.id() == null) {
            LOG.log(System.Logger.Level.DEBUG, "Ignoring " + in.activity().type() + " by " + in.actor().uri()
                    + ": not its featured collection");
            return;
        }
        interactions.statusIdByUriAndAuthor(h, object.id(), in.actor().id()).ifPresentOrElse(
                statusId -> {
                    if (add) {
                        pins.pin(h, in.actor().id(), statusId);
                    } else {
                        pins.unpin(h, in.actor().id(), statusId);
                    }
                },
                () -> LOG.log(System.Logger.Level.DEBUG, "Ignoring " + in.activity().type() + " of " + object.id()
                        + ": not a post of " + in.actor().uri() + " we have"));
    }
}
