package social.muse.federation.jsonld;

/**
 * What reading does with an {@code @context} URL that is not bundled. Nothing is ever fetched.
 */
public enum UnknownContextPolicy {
    /**
     * Process the document as if that context were empty (the default). Its terms then fall back to
     * the ActivityStreams context's {@code @vocab} and are read by name, which is how Mastodon and
     * GoToSocial read every document. Safe because a context we do not load cannot change what the
     * terms we know mean, and an attacker gains nothing over sending plain JSON. Rejecting instead
     * would drop all Pleroma/Akkoma (per-host litepub URLs), Hubzilla, Funkwhale and Mastodon-fork
     * traffic that names contexts which do not resolve ({@code http://joinmastodon.org/ns}).
     */
    IGNORE,
    /** Refuse the document with {@code ApParseException.Reason.UNKNOWN_CONTEXT}, as Fedify does. */
    REJECT
}
