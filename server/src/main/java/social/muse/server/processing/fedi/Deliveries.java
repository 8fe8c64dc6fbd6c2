package social.muse.server.processing.fedi;

import org.jdbi.v3.core.Handle;
import social.muse.federation.ap.ApActivity;
import social.muse.federation.ap.ApCodec;
import social.muse.server.convert.ApConverter;
import social.muse.server.db.AccountRow;
import social.muse.server.db.Ids;
import social.muse.server.db.OutboxDao;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashSet;

/**
 * Puts an activity on the durable outbound queue inside the caller's transaction, so a change and
 * the news of it commit together or not at all. The delivery worker sends it afterwards.
 */
public final class Deliveries {
    private static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";

    private final OutboxDao outbox;
    private final ApCodec codec;
    private final ApConverter ap;
    private final Runnable afterCommit;

    /** @param afterCommit runs once the enqueuing transaction commits (it wakes the delivery worker) */
    public Deliveries(OutboxDao outbox, ApCodec codec, ApConverter ap, Runnable afterCommit) {
        this.outbox = outbox;
        this.codec = codec;
        this.ap = ap;
        this.afterCommit = afterCommit;
    }

    /**
     * Stores {@code activity} (sent by the local {@code actor}) and one delivery per distinct inbox. Deliveries of an
     * activity addressed to the actor's followers will carry FEP-8fcf's synchronisation header.
     */
    public long enqueue(Handle h, AccountRow actor, ApActivity activity, Collection<String> inboxes) {
        boolean isPublic = activity.to().contains(PUBLIC) || activity.cc().contains(PUBLIC);
        String followers = ap.followersId(actor);
        boolean toFollowers = activity.to().contains(followers) || activity.cc().contains(followers);
        long id = outbox.insertActivity(h, activity.id(), actor.id(), activity.type(),
                new String(codec.write(activity), StandardCharsets.UTF_8), isPublic, toFollowers);
        outbox.insertDeliveries(h, id, new LinkedHashSet<>(inboxes));
        if (h.isInTransaction()) {
            h.afterCommit(afterCommit);
        } else {
            afterCommit.run();
        }
        return id;
    }

    /** A fresh time-ordered id to mint an activity URI with. */
    public long newActivityId(Handle h) {
        return Ids.next(h);
    }
}
