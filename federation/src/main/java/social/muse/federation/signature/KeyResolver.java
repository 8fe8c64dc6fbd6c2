package social.muse.federation.signature;

import java.util.Optional;

import social.muse.federation.keys.VerificationKey;

/**
 * Finds the public key a signature names. Implemented by the server (key cache in front of a signed actor fetch).
 *
 * <p>{@link HttpSignatureVerifier} calls {@code resolve(keyId, false)} once, and only if the signature then fails, once
 * more with {@code refresh = true}, so a sender who rotated its key is accepted after one re-fetch. A refresh fetch is
 * expensive and can be triggered by anyone who sends a bad signature naming somebody's key, so an implementation must
 * rate-limit it (per key id and per source, e.g. at most one re-fetch per key every few minutes) and answer from its
 * cache when over the limit.
 *
 * <p>Implementations should not throw: an unavailable key is {@link Optional#empty()}. (The verifier still treats an
 * exception as an unknown key rather than failing.)
 */
@FunctionalInterface
public interface KeyResolver {

    /**
     * @param keyId the signature's {@code keyId}/{@code keyid}, exactly as sent (untrusted text)
     * @param refresh true to bypass any cache and fetch the key again
     * @return the key, or empty when there is no such key
     */
    Optional<VerificationKey> resolve(String keyId, boolean refresh);
}
