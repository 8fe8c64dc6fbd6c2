package social.muse.server.processing.fedi;

import social.muse.federation.keys.VerificationKey;
import social.muse.federation.signature.HttpSignatureVerifier;
import social.muse.federation.signature.KeyResolver;
import social.muse.federation.signature.SignedRequest;
import social.muse.federation.signature.VerificationResult;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Who signed an inbound request, for the inboxes and for signed fetches alike: the signature must verify with a
 * key we can resolve, the key must have a known owner, and the key's server must not be suspended. A request from
 * a known server costs no database statement (keys, owners and domain policies are held in memory).
 */
public final class SignatureCheck {
    private final DomainPolicies domains;
    private final RemoteKeys keys;
    private final HttpSignatureVerifier verifier;
    private final Clock clock;

    public SignatureCheck(DomainPolicies domains, RemoteKeys keys, HttpSignatureVerifier verifier, Clock clock) {
        this.domains = domains;
        this.keys = keys;
        this.verifier = verifier;
        this.clock = clock;
    }

    /** What the check concluded. */
    public sealed interface Outcome {
        /**
         * A valid signature by {@code signerUri}'s key {@code keyId}, covering {@code components} (lower-case header
         * names and derived components).
         */
        record Signed(String keyId, String signerUri, List<String> components) implements Outcome {
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
            if (domains.suspended(keyId)) {
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
        return keys.ownerUri(verified.keyId())
                .<Outcome>map(owner -> new Outcome.Signed(verified.keyId(), owner, verified.components()))
                .orElseGet(() -> new Outcome.Rejected(VerificationResult.Reason.UNKNOWN_KEY, "The signing key has no known owner"));
    }
}
