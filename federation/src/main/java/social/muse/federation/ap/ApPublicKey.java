package social.muse.federation.ap;

/** The RSA key Mastodon verifies HTTP signatures with ({@code publicKey}, security vocabulary v1). */
public record ApPublicKey(String id, String owner, String publicKeyPem) {
}
