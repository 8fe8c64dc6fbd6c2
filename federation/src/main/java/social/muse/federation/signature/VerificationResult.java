package social.muse.federation.signature;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import social.muse.federation.keys.VerificationKey;

/** What {@link HttpSignatureVerifier} concluded about a request. */
public sealed interface VerificationResult permits VerificationResult.Verified, VerificationResult.Rejected {

    /**
     * A valid signature. The caller still has to check that the key belongs to the actor the request speaks for.
     *
     * @param keyId the key id the signature named (and the resolver answered for)
     * @param scheme the scheme that was verified
     * @param key the key that verified it (after a refresh, the new key)
     * @param components the covered headers/components, lower-case, in signed order
     * @param signedAt when the sender says it signed ({@code created}, else {@code Date})
     */
    record Verified(String keyId, Scheme scheme, VerificationKey key, List<String> components, Instant signedAt)
            implements VerificationResult {
        public Verified {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(scheme, "scheme");
            Objects.requireNonNull(key, "key");
            components = List.copyOf(components);
            Objects.requireNonNull(signedAt, "signedAt");
        }
    }

    /**
     * A refused request.
     *
     * @param reason the category, for metrics and for choosing a response
     * @param safeMessage a short explanation that may be sent back to the remote server (no key material, no internals)
     */
    record Rejected(Reason reason, String safeMessage) implements VerificationResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(safeMessage, "safeMessage");
        }
    }

    /** Why a request was refused. All of them mean 401 for an inbox. */
    enum Reason {
        /** No {@code Signature}, {@code Signature-Input} or {@code Authorization: Signature} header. */
        MISSING_SIGNATURE,
        /** A signature header that cannot be parsed, or names a component the request lacks. */
        MALFORMED,
        /** An algorithm (or digest algorithm) we do not verify, such as HMAC or ECDSA. */
        UNSUPPORTED_ALGORITHM,
        /** The signature does not cover what we require (target, method, host, date/created, body digest). */
        MISSING_REQUIRED_COMPONENT,
        /** The body does not match its {@code Digest} / {@code Content-Digest}. */
        DIGEST_MISMATCH,
        /** Signed too long ago, or past its {@code expires}. */
        STALE,
        /** Signed too far in the future. */
        FUTURE,
        /** The key id resolves to no key. */
        UNKNOWN_KEY,
        /** The signature does not verify with the key, even after re-fetching it. */
        BAD_SIGNATURE
    }
}
