package social.muse.federation.jsonld;

/** IRIs of the vocabularies Muse reads and writes. */
public final class Namespaces {

    public static final String ACTIVITY_STREAMS = "https://www.w3.org/ns/activitystreams#";
    public static final String SECURITY = "https://w3id.org/security#";
    public static final String MASTODON = "http://joinmastodon.org/ns#";
    /** Mastodon's quirky spelling of schema.org, which most peers copy. */
    public static final String SCHEMA_MASTODON = "http://schema.org#";
    public static final String WEBFINGER = "https://purl.archive.org/socialweb/webfinger#";
    public static final String XSD = "http://www.w3.org/2001/XMLSchema#";

    /** The public collection, as every reader must recognise it in addressing. */
    public static final String PUBLIC = ACTIVITY_STREAMS + "Public";

    public static final String ACTIVITY_STREAMS_CONTEXT = "https://www.w3.org/ns/activitystreams";
    public static final String SECURITY_V1_CONTEXT = "https://w3id.org/security/v1";
    public static final String MULTIKEY_V1_CONTEXT = "https://w3id.org/security/multikey/v1";

    /** A vocabulary-relative term that no context defined expands to this prefix (the AS context's {@code @vocab}). */
    static final String UNDEFINED_TERM_PREFIX = "_:";

    private Namespaces() {
    }
}
