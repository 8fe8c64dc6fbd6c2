package social.muse.federation.ap;

/** A value that is either a bare reference ({@link ApIri}) or an embedded document. */
public sealed interface ApItem permits ApIri, ApDocument {

    /** The referenced or embedded document's id (null for an embedded blank node). */
    String id();
}
