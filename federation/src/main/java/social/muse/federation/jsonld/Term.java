package social.muse.federation.jsonld;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static social.muse.federation.jsonld.Namespaces.ACTIVITY_STREAMS;
import static social.muse.federation.jsonld.Namespaces.MASTODON;
import static social.muse.federation.jsonld.Namespaces.SCHEMA_MASTODON;
import static social.muse.federation.jsonld.Namespaces.SECURITY;

/**
 * Every property Muse reads, with the compact name(s) peers use for it and the IRI(s) it expands to.
 * One table drives both readers (compact fast path and expanded JSON-LD) and the fast-path eligibility
 * check, so the two paths cannot disagree on what a term means.
 */
public enum Term {
    ACTOR(Kind.IRI, "actor", ACTIVITY_STREAMS + "actor"),
    ALSO_KNOWN_AS(Kind.IRI, "alsoKnownAs", ACTIVITY_STREAMS + "alsoKnownAs"),
    ATTACHMENT(Kind.IRI, "attachment", ACTIVITY_STREAMS + "attachment"),
    ATTRIBUTED_TO(Kind.IRI, "attributedTo", ACTIVITY_STREAMS + "attributedTo"),
    CC(Kind.IRI, "cc", ACTIVITY_STREAMS + "cc"),
    CONTENT(Kind.TEXT, "content", "contentMap", ACTIVITY_STREAMS + "content"),
    DELETED(Kind.LITERAL, "deleted", ACTIVITY_STREAMS + "deleted"),
    ENDPOINTS(Kind.IRI, "endpoints", ACTIVITY_STREAMS + "endpoints"),
    FIRST(Kind.IRI, "first", ACTIVITY_STREAMS + "first"),
    FOLLOWERS(Kind.IRI, "followers", ACTIVITY_STREAMS + "followers"),
    FOLLOWING(Kind.IRI, "following", ACTIVITY_STREAMS + "following"),
    FORMER_TYPE(Kind.TYPE, "formerType", ACTIVITY_STREAMS + "formerType"),
    HEIGHT(Kind.LITERAL, "height", ACTIVITY_STREAMS + "height"),
    HREF(Kind.IRI, "href", ACTIVITY_STREAMS + "href"),
    ICON(Kind.IRI, "icon", ACTIVITY_STREAMS + "icon"),
    IMAGE(Kind.IRI, "image", ACTIVITY_STREAMS + "image"),
    INBOX(Kind.IRI, "inbox", "http://www.w3.org/ns/ldp#inbox"),
    IN_REPLY_TO(Kind.IRI, "inReplyTo", ACTIVITY_STREAMS + "inReplyTo"),
    /** {@code items} and {@code orderedItems} are one property, as:items; the latter is a list. */
    ITEMS(Kind.IRI, List.of("items", "orderedItems"), null, Set.of(ACTIVITY_STREAMS + "items")),
    LAST(Kind.IRI, "last", ACTIVITY_STREAMS + "last"),
    MEDIA_TYPE(Kind.LITERAL, "mediaType", ACTIVITY_STREAMS + "mediaType"),
    NAME(Kind.TEXT, "name", "nameMap", ACTIVITY_STREAMS + "name"),
    NEXT(Kind.IRI, "next", ACTIVITY_STREAMS + "next"),
    OBJECT(Kind.IRI, "object", ACTIVITY_STREAMS + "object"),
    OUTBOX(Kind.IRI, "outbox", ACTIVITY_STREAMS + "outbox"),
    PART_OF(Kind.IRI, "partOf", ACTIVITY_STREAMS + "partOf"),
    PREFERRED_USERNAME(Kind.TEXT, "preferredUsername", ACTIVITY_STREAMS + "preferredUsername"),
    PREV(Kind.IRI, "prev", ACTIVITY_STREAMS + "prev"),
    PUBLISHED(Kind.LITERAL, "published", ACTIVITY_STREAMS + "published"),
    REPLIES(Kind.IRI, "replies", ACTIVITY_STREAMS + "replies"),
    SHARED_INBOX(Kind.IRI, "sharedInbox", ACTIVITY_STREAMS + "sharedInbox"),
    SUMMARY(Kind.TEXT, "summary", "summaryMap", ACTIVITY_STREAMS + "summary"),
    TAG(Kind.IRI, "tag", ACTIVITY_STREAMS + "tag"),
    TARGET(Kind.IRI, "target", ACTIVITY_STREAMS + "target"),
    TO(Kind.IRI, "to", ACTIVITY_STREAMS + "to"),
    TOTAL_ITEMS(Kind.LITERAL, "totalItems", ACTIVITY_STREAMS + "totalItems"),
    UPDATED(Kind.LITERAL, "updated", ACTIVITY_STREAMS + "updated"),
    URL(Kind.IRI, "url", ACTIVITY_STREAMS + "url"),
    WIDTH(Kind.LITERAL, "width", ACTIVITY_STREAMS + "width"),

    // extensions that are not in the ActivityStreams context but that Mastodon and most peers declare
    MANUALLY_APPROVES_FOLLOWERS(Kind.LITERAL, "manuallyApprovesFollowers", ACTIVITY_STREAMS + "manuallyApprovesFollowers"),
    MOVED_TO(Kind.IRI, "movedTo", ACTIVITY_STREAMS + "movedTo"),
    SENSITIVE(Kind.LITERAL, "sensitive", ACTIVITY_STREAMS + "sensitive"),
    FEATURED(Kind.IRI, "featured", MASTODON + "featured"),
    DISCOVERABLE(Kind.LITERAL, "discoverable", MASTODON + "discoverable"),
    INDEXABLE(Kind.LITERAL, "indexable", MASTODON + "indexable"),
    SUSPENDED(Kind.LITERAL, "suspended", MASTODON + "suspended"),
    MEMORIAL(Kind.LITERAL, "memorial", MASTODON + "memorial"),
    BLURHASH(Kind.LITERAL, "blurhash", MASTODON + "blurhash"),
    VALUE(Kind.LITERAL, List.of("value"), null, Set.of(SCHEMA_MASTODON + "value", "http://schema.org/value",
            "https://schema.org/value", "https://schema.org#value")),
    WEBFINGER_ADDRESS(Kind.LITERAL, "webfinger", Namespaces.WEBFINGER + "webfinger"),

    // security vocabulary: the RSA key Mastodon verifies with, and FEP-521a Multikeys
    PUBLIC_KEY(Kind.IRI, "publicKey", SECURITY + "publicKey"),
    OWNER(Kind.IRI, "owner", SECURITY + "owner"),
    PUBLIC_KEY_PEM(Kind.LITERAL, "publicKeyPem", SECURITY + "publicKeyPem"),
    ASSERTION_METHOD(Kind.IRI, "assertionMethod", SECURITY + "assertionMethod"),
    CONTROLLER(Kind.IRI, "controller", SECURITY + "controller"),
    PUBLIC_KEY_MULTIBASE(Kind.LITERAL, "publicKeyMultibase", SECURITY + "publicKeyMultibase"),

    // Muse's own terms; their namespace differs per instance (https://<domain>/ns#), see MuseContext
    REVIEW_OF(Kind.IRI, "reviewOf", null),
    RATING(Kind.IRI, "rating", null),
    RATING_VALUE(Kind.LITERAL, "ratingValue", null),
    BEST_RATING(Kind.LITERAL, "bestRating", null),
    WORST_RATING(Kind.LITERAL, "worstRating", null);

    /** How a term's values are read; decides which context definitions keep a document on the fast path. */
    public enum Kind {
        /** values are IRIs or embedded nodes ({@code "@type": "@id"}). */
        IRI,
        /** plain literals: strings, numbers, booleans, dates. */
        LITERAL,
        /** strings that may also come as a language map ({@code contentMap}). */
        TEXT,
        /** values are type names ({@code "@type": "@vocab"}). */
        TYPE
    }

    private static final Map<String, Term> BY_IRI = new HashMap<>();
    private static final Map<String, Term> BY_COMPACT_NAME = new HashMap<>();

    static {
        for (Term term : values()) {
            term.iris.forEach(iri -> BY_IRI.put(iri, term));
            term.compactNames.forEach(name -> BY_COMPACT_NAME.put(name, term));
            if (term.languageMapName != null) {
                BY_COMPACT_NAME.put(term.languageMapName, term);
            }
        }
    }

    private final Kind kind;
    private final List<String> compactNames;
    private final String languageMapName;
    private final Set<String> iris;

    Term(Kind kind, String compactName, String iri) {
        this(kind, List.of(compactName), null, iri == null ? Set.of() : Set.of(iri));
    }

    Term(Kind kind, String compactName, String languageMapName, String iri) {
        this(kind, List.of(compactName), languageMapName, Set.of(iri));
    }

    Term(Kind kind, List<String> compactNames, String languageMapName, Set<String> iris) {
        this.kind = kind;
        this.compactNames = compactNames;
        this.languageMapName = languageMapName;
        this.iris = iris;
    }

    public Kind kind() {
        return kind;
    }

    /** Names under which the term appears in compact JSON ({@code items} and {@code orderedItems}). */
    public List<String> compactNames() {
        return compactNames;
    }

    /** The {@code …Map} name of a language-tagged text term, or null. */
    public String languageMapName() {
        return languageMapName;
    }

    /** The canonical IRI we write in contexts; for Muse terms it needs the instance namespace. */
    public String iri(String museNamespace) {
        return isMuseTerm() ? museNamespace + compactNames.getFirst() : iris.iterator().next();
    }

    public boolean isMuseTerm() {
        return iris.isEmpty();
    }

    /**
     * The term an expanded IRI stands for. Undeclared terms ({@code _:name}, from the AS context's
     * {@code @vocab}) are matched by name, as Mastodon reads them; Muse terms are matched in any
     * instance's namespace ({@code https://host/ns#reviewOf}).
     */
    public static Term forIri(String iri) {
        Term known = BY_IRI.get(iri);
        if (known != null) {
            return known;
        }
        if (iri.startsWith(Namespaces.UNDEFINED_TERM_PREFIX)) {
            return BY_COMPACT_NAME.get(iri.substring(Namespaces.UNDEFINED_TERM_PREFIX.length()));
        }
        int hash = iri.lastIndexOf("/ns#");
        if (hash > 0 && iri.startsWith("http")) {
            Term term = BY_COMPACT_NAME.get(iri.substring(hash + 4));
            if (term != null && term.isMuseTerm()) {
                return term;
            }
        }
        return null;
    }

    /** The term a compact key names (including {@code contentMap}-style names), or null. */
    public static Term forCompactName(String name) {
        return BY_COMPACT_NAME.get(name);
    }

    /** Whether {@code iri} is what this term means, so a context defining it that way agrees with us. */
    public boolean means(String iri) {
        return forIri(iri) == this && !iri.startsWith(Namespaces.UNDEFINED_TERM_PREFIX);
    }
}
