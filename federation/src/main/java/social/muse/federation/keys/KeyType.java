package social.muse.federation.keys;

/** The two key families federation uses. */
public enum KeyType {
    /** RSA; actors' {@code publicKey} is RSA-2048 everywhere in the fediverse. */
    RSA,
    /** Ed25519, published as a FEP-521a Multikey. */
    ED25519
}
