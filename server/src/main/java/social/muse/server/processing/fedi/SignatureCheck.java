package social.muse.server.processing.fedi;

import org.jdbi.v3.core.Jdbi;
import social.muse.federation.keys.VerificationKey;
import social.muse.federation.signature.HttpSignatureVerifier;
import social.muse.federation.signature.KeyResolver;
import social.muse.federation.signature.SignedRequest;
import social.muse.federation.signature.VerificationResult;
import social.muse.server.db.AccountRow;
import social.muse.server.db.RemoteAccountDao;

import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Who signed an inbound request, for the inboxes and for signed fetches alike: the signature must verify with a
 * key we can resolve, the key must have a known owner, and the key's server must not be suspended.
 */
public final class SignatureCheck {
    private final Jdbi jdbi;
    private final RemoteAccountDao remote;
    private final RemoteKeys keys;
    private final HttpSignatureVerifier verifier;
    private final Clock clock;

    public SignatureCheck(Jdbi jdbi, RemoteAccountDao remote, RemoteKeys keys, HttpSignatureVerifier verifier, Clock clock) {
        this.jdbi = jdbi;
        this.remote = remote;
        this.keys = keys;
        this.verifier = verifier;
        this.clock = clock;
    }

    /** What the check concluded. */
    public sealed interface Outcome {
        /** A valid signature by {@code signer}'s key {@code keyId}. */
        record Signed(String keyId, AccountRow signer) implements Outcome {
        }

        /** The key belongs to a suspended server; its key was not fetched. */
        record FromSuspendedDomain() implements Outcome {
        }

        /** No signature, or one that does not hold; {@code message} is safe to send back. */
        record Rejected(VerificationResult.Reason reason, String message) implements Outcome {
        }
    }

    public Outcome check(SignedRequest request) {
        AtomicBoolean suspended = new AtomicBoolean();
        // Keys of suspended servers are never fetched: the refusal is decided on the key id's host alone.
        KeyResolver resolver = (keyId, refresh) -> {
            if (isSuspended(keyId)) {
                suspended.set(true);
                return Optional.<VerificationKey>empty();
            }
            return keys.resolve(keyId, refresh);
        };
        VerificationResult result = verifier.verify(request, resolver, clock.instant());
        if (suspended.get()) {
            return new Outcome.FromSuspendedDomain();
        }
        if (!(result instanceof VerificationResult.Verified verified)) {
            VerificationResult.Rejected rejected = (VerificationResult.Rejected) result;
            return new Outcome.Rejected(rejected.reason(), rejected.safeMessage());
        }
        return keys.owner(verified.keyId())
                .<Outcome>map(owner -> new Outcome.Signed(verified.keyId(), owner))
                .orElseGet(() -> new Outcome.Rejected(VerificationResult.Reason.UNKNOWN_KEY, "The signing key has no known owner"));
    }

    private boolean isSuspended(String keyId) {
        try {
            URI uri = URI.create(keyId);
            return uri.getHost() != null && jdbi.withHandle(h -> remote.domainSuspended(h,
                    uri.getHost().toLowerCase(Locale.ROOT), uri.getAuthority().toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
