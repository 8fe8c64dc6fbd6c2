package social.muse.federation.signature;

/** The two HTTP signature schemes the fediverse uses. */
public enum Scheme {
    /** draft-cavage-http-signatures-12: a {@code Signature} (or {@code Authorization: Signature}) header and {@code Digest}. */
    CAVAGE,
    /** RFC 9421 HTTP Message Signatures: {@code Signature-Input} + {@code Signature} and RFC 9530 {@code Content-Digest}. */
    RFC9421
}
