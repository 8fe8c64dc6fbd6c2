package social.muse.server.processing.fedi;

import org.jdbi.v3.core.Jdbi;
import social.muse.federation.ap.ApActivity;
import social.muse.federation.ap.ApCodec;
import social.muse.federation.ap.ApDocument;
import social.muse.federation.ap.ApParseException;
import social.muse.federation.signature.SignedRequest;
import social.muse.server.db.AccountRow;
import social.muse.server.db.InboxDao;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Accepts deliveries to the inboxes: the signature must verify, its key must belong to the activity's actor,
 * and the activity must come from the actor's own server. Accepted activities are stored (once per activity
 * id) for {@link social.muse.server.jobs.InboxWorker}; nothing else happens before the 202.
 */
public final class InboxProcessor {
    private final Jdbi jdbi;
    private final InboxDao inbox;
    private final SignatureCheck signatures;
    private final ApCodec codec;
    private final FollowersSync followersSync;

    public InboxProcessor(Jdbi jdbi, InboxDao inbox, SignatureCheck signatures, ApCodec codec,
                          FollowersSync followersSync) {
        this.jdbi = jdbi;
        this.inbox = inbox;
        this.signatures = signatures;
        this.codec = codec;
        this.followersSync = followersSync;
    }

    /** Verifies and stores a delivery to {@code recipient}'s inbox (empty for the shared inbox); true when new. */
    public boolean receive(SignedRequest request, Optional<AccountRow> recipient) {
        SignatureCheck.Outcome.Signed verified = switch (signatures.check(request)) {
            case SignatureCheck.Outcome.Signed signed -> signed;
            case SignatureCheck.Outcome.FromSuspendedDomain ignored ->
                    throw new InboxRefused(403, "This server does not accept activities from your domain");
            case SignatureCheck.Outcome.Rejected rejected -> throw new InboxRefused(401, rejected.message());
        };
        String sender = verified.signerUri();
        ApActivity activity = parse(request.body());
        if (activity.id() == null || activity.actor() == null) {
            throw new InboxRefused(400, "The activity needs an id and an actor");
        }
        if (!activity.actor().equals(sender)) {
            throw new InboxRefused(401, "The signing key does not belong to the activity's actor");
        }
        if (!sameAuthority(activity.id(), activity.actor())) {
            throw new InboxRefused(400, "The activity id is not on the actor's server");
        }
        String json = new String(request.body(), StandardCharsets.UTF_8);
        boolean stored = jdbi.withHandle(h -> inbox.insert(h, activity.id(), activity.actor(), verified.keyId(),
                recipient.map(AccountRow::id).orElse(null), json));
        followersSync.received(sender, request.headers(), verified.components());
        return stored;
    }

    private ApActivity parse(byte[] body) {
        try {
            ApDocument document = codec.read(body);
            if (document instanceof ApActivity activity) {
                return activity;
            }
            throw new InboxRefused(400, "An inbox accepts activities, not a " + document.type());
        } catch (ApParseException e) {
            throw new InboxRefused(400, "The body is not a readable ActivityStreams document");
        }
    }

    static boolean sameAuthority(String a, String b) {
        try {
            String left = URI.create(a).getAuthority();
            String right = URI.create(b).getAuthority();
            return left != null && left.equalsIgnoreCase(right);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
