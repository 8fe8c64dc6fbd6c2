package social.muse.server.processing.fedi;

import org.jdbi.v3.core.Handle;
import social.muse.federation.ap.ApActivity;
import social.muse.federation.ap.ApIri;
import social.muse.server.convert.ApConverter;
import social.muse.server.convert.Uris;
import social.muse.server.db.AccountRow;
import social.muse.server.db.FollowDao;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Follow relations between a local account and a remote one, changed from our side: each change is written and its
 * activity queued in the caller's transaction.
 */
public final class OutboundFollows {
    private final FollowDao follows;
    private final Deliveries deliveries;
    private final ApConverter ap;
    private final Uris uris;
    private final Clock clock;

    public OutboundFollows(FollowDao follows, Deliveries deliveries, ApConverter ap, Uris uris, Clock clock) {
        this.follows = follows;
        this.deliveries = deliveries;
        this.ap = ap;
        this.uris = uris;
        this.clock = clock;
    }

    /** The local {@code follower} asks the remote {@code target}: a pending request, and a Follow to its inbox. */
    public void request(Handle h, AccountRow follower, AccountRow target) {
        String followId = newActivityId(h, follower);
        follows.insertRequest(h, follower.id(), target.id(), followId);
        deliveries.enqueue(h, follower, new ApActivity(followId, "Follow", ap.actorId(follower),
                List.of(new ApIri(target.uri())), null, List.of(target.uri()), List.of(), clock.instant(), null),
                List.of(target.inboxUrl()));
    }

    /**
     * The local {@code follower} stops following, or withdraws its request to, the remote {@code target}: both rows go
     * and an Undo(Follow) naming the original Follow is sent. False (and nothing sent) when there was neither.
     */
    public boolean undo(Handle h, AccountRow follower, AccountRow target) {
        Optional<FollowDao.FollowRow> existing = follows.follow(h, follower.id(), target.id())
                .or(() -> follows.request(h, follower.id(), target.id()));
        follows.deleteFollow(h, follower.id(), target.id());
        follows.deleteRequest(h, follower.id(), target.id());
        if (existing.isEmpty()) {
            return false;
        }
        sendUndo(h, follower, target, existing.get().uri() != null ? existing.get().uri() : newActivityId(h, follower));
        return true;
    }

    /**
     * Undo(Follow) for a follow we hold no record of (the remote server says it exists; FEP-8fcf). With no Follow id
     * to name, the Undo names a fresh one by actor and object, which is how Mastodon and Muse match it.
     */
    public void undoUnrecorded(Handle h, AccountRow follower, AccountRow target) {
        sendUndo(h, follower, target, newActivityId(h, follower));
    }

    private void sendUndo(Handle h, AccountRow follower, AccountRow target, String followId) {
        ApActivity follow = new ApActivity(followId, "Follow", ap.actorId(follower), List.of(new ApIri(target.uri())),
                null, List.of(), List.of(), null, null);
        deliveries.enqueue(h, follower, new ApActivity(newActivityId(h, follower), "Undo", ap.actorId(follower),
                List.of(follow), null, List.of(target.uri()), List.of(), clock.instant(), null), List.of(target.inboxUrl()));
    }

    /**
     * The local {@code followed} account ends the remote {@code follower}'s follow or request: both rows go and a
     * Reject(Follow) is sent, as Mastodon does when a follower is removed. False (and nothing sent) when there was
     * neither.
     */
    public boolean reject(Handle h, AccountRow followed, AccountRow follower) {
        Optional<FollowDao.FollowRow> existing = follows.follow(h, follower.id(), followed.id())
                .or(() -> follows.request(h, follower.id(), followed.id()));
        follows.deleteFollow(h, follower.id(), followed.id());
        follows.deleteRequest(h, follower.id(), followed.id());
        if (existing.isEmpty()) {
            return false;
        }
        String followedId = ap.actorId(followed);
        ApActivity follow = new ApActivity(existing.get().uri(), "Follow", follower.uri(), List.of(new ApIri(followedId)),
                null, List.of(), List.of(), null, null);
        deliveries.enqueue(h, followed, new ApActivity(newActivityId(h, followed), "Reject", followedId,
                List.of(follow), null, List.of(follower.uri()), List.of(), clock.instant(), null),
                List.of(follower.inboxUrl()));
        return true;
    }

    /**
     * The local {@code followed} account accepts the remote {@code follower}'s Follow {@code followUri} (already
     * recorded as a follow): Accept(Follow), embedding the Follow as Mastodon does.
     */
    public void accept(Handle h, AccountRow followed, AccountRow follower, String followUri) {
        String followedId = ap.actorId(followed);
        ApActivity follow = new ApActivity(followUri, "Follow", follower.uri(), List.of(new ApIri(followedId)),
                null, List.of(), List.of(), null, null);
        deliveries.enqueue(h, followed, new ApActivity(newActivityId(h, followed), "Accept", followedId, List.of(follow),
                null, List.of(follower.uri()), List.of(), null, null), List.of(follower.inboxUrl()));
    }

    /**
     * A follow request to the local {@code followed} account is authorised: it becomes a follow, and a remote
     * requester's server gets Accept. False when there was no such request.
     */
    public boolean authorize(Handle h, AccountRow followed, AccountRow follower) {
        Optional<FollowDao.FollowRow> request = follows.request(h, follower.id(), followed.id());
        if (request.isEmpty()) {
            return false;
        }
        follows.deleteRequest(h, follower.id(), followed.id());
        follows.insertFollow(h, follower.id(), followed.id(), request.get().uri());
        if (!follower.isLocal()) {
            accept(h, followed, follower, request.get().uri());
        }
        return true;
    }

    private String newActivityId(Handle h, AccountRow local) {
        return uris.activity(local.username(), deliveries.newActivityId(h));
    }
}
