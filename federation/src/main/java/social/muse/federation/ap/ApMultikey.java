package social.muse.federation.ap;

/** A FEP-521a {@code Multikey} listed in an actor's {@code assertionMethod} (Ed25519 for Muse). */
public record ApMultikey(String id, String controller, String publicKeyMultibase) {
}
