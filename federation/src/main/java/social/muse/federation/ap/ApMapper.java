package social.muse.federation.ap;

import jakarta.json.JsonObject;
import social.muse.federation.jsonld.Namespaces;
import social.muse.federation.jsonld.NodeView;
import social.muse.federation.jsonld.NodeView.LangString;
import social.muse.federation.jsonld.Term;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a {@link NodeView} into records. The same code serves the compact fast path and the expanded
 * JSON-LD path, so both give identical records. Values of the wrong shape are skipped, never thrown on.
 */
final class ApMapper {

    private static final Set<String> OBJECT_TYPES = Set.of("Note", "Article", "Page", "Question", "Video", "Audio",
            "Image", "Event", "Document", "ChatMessage");
    private static final Set<String> ACTIVITY_TYPES = Set.of("Accept", "Add", "Announce", "Arrive", "Block", "Create",
            "Delete", "Dislike", "Flag", "Follow", "Ignore", "Invite", "Join", "Leave", "Like", "Listen", "Move",
            "Offer", "Read", "Reject", "Remove", "TentativeAccept", "TentativeReject", "Travel", "Undo", "Update",
            "View", "EmojiReact");
    private static final String UNDETERMINED_LANGUAGE = "und";

    /** Finds the original JSON of an embedded node for {@link ApUnknown#raw()}. */
    interface RawSource {
        JsonObject rawFor(NodeView node);
    }

    private final RawSource rawSource;

    ApMapper(RawSource rawSource) {
        this.rawSource = rawSource;
    }

    /** Maps the top-level document; null when it has no type we can classify at all. */
    ApDocument document(NodeView node) {
        List<String> types = node.types();
        if (types.isEmpty()) {
            return null;
        }
        for (String type : types) {
            Optional<ApActorType> actorType = ApActorType.fromWireName(type);
            if (actorType.isPresent()) {
                return node.id() == null ? null : actor(node, actorType.get());
            }
            if (OBJECT_TYPES.contains(type)) {
                return object(node, type);
            }
            if (ACTIVITY_TYPES.contains(type)) {
                return activity(node, type);
            }
            switch (type) {
                case "Collection", "OrderedCollection" -> {
                    return collection(node, type.equals("OrderedCollection"));
                }
                case "CollectionPage", "OrderedCollectionPage" -> {
                    return page(node, type.equals("OrderedCollectionPage"));
                }
                case "Tombstone" -> {
                    if (node.id() != null) {
                        return tombstone(node);
                    }
                }
                default -> {
                }
            }
        }
        return new ApUnknown(types.getFirst(), node.id(), rawSource.rawFor(node));
    }

    private ApActor actor(NodeView node, ApActorType type) {
        return ApActor.builder(node.id(), type)
                .preferredUsername(text(node, Term.PREFERRED_USERNAME))
                .name(text(node, Term.NAME))
                .summary(text(node, Term.SUMMARY))
                .url(url(node))
                .inbox(iri(node, Term.INBOX))
                .outbox(iri(node, Term.OUTBOX))
                .followers(iri(node, Term.FOLLOWERS))
                .following(iri(node, Term.FOLLOWING))
                .featured(iri(node, Term.FEATURED))
                .sharedInbox(first(nodes(node, Term.ENDPOINTS), endpoints -> iri(endpoints, Term.SHARED_INBOX)))
                .publicKey(first(nodes(node, Term.PUBLIC_KEY), this::publicKey))
                .assertionMethod(all(nodes(node, Term.ASSERTION_METHOD), this::multikey))
                .icon(first(node.values(Term.ICON), this::media))
                .image(first(node.values(Term.IMAGE), this::media))
                .attachment(all(nodes(node, Term.ATTACHMENT), this::propertyValue))
                .manuallyApprovesFollowers(bool(node, Term.MANUALLY_APPROVES_FOLLOWERS))
                .discoverable(bool(node, Term.DISCOVERABLE))
                .indexable(bool(node, Term.INDEXABLE))
                .published(instant(node, Term.PUBLISHED))
                .alsoKnownAs(iris(node, Term.ALSO_KNOWN_AS))
                .movedTo(iri(node, Term.MOVED_TO))
                .suspended(bool(node, Term.SUSPENDED))
                .memorial(bool(node, Term.MEMORIAL))
                .webfinger(literal(node, Term.WEBFINGER_ADDRESS))
                .build();
    }

    private ApPublicKey publicKey(NodeView key) {
        String pem = literal(key, Term.PUBLIC_KEY_PEM);
        return pem == null ? null : new ApPublicKey(key.id(), iri(key, Term.OWNER), pem);
    }

    private ApMultikey multikey(NodeView key) {
        String multibase = literal(key, Term.PUBLIC_KEY_MULTIBASE);
        return key.types().contains("Multikey") && multibase != null
                ? new ApMultikey(key.id(), iri(key, Term.CONTROLLER), multibase) : null;
    }

    private ApPropertyValue propertyValue(NodeView field) {
        String name = text(field, Term.NAME);
        String value = literal(field, Term.VALUE);
        return field.types().contains("PropertyValue") && name != null && value != null
                ? new ApPropertyValue(name, value) : null;
    }

    private ApObject object(NodeView node, String type) {
        TextWithMap content = textWithMap(node, Term.CONTENT);
        return ApObject.builder(node.id(), type)
                .attributedTo(iris(node, Term.ATTRIBUTED_TO))
                .name(text(node, Term.NAME))
                .content(content.text())
                .contentMap(content.byLanguage())
                .summary(text(node, Term.SUMMARY))
                .sensitive(bool(node, Term.SENSITIVE))
                .inReplyTo(iri(node, Term.IN_REPLY_TO))
                .published(instant(node, Term.PUBLISHED))
                .updated(instant(node, Term.UPDATED))
                .url(url(node))
                .to(addressing(node, Term.TO))
                .cc(addressing(node, Term.CC))
                .tag(all(nodes(node, Term.TAG), this::tag))
                .attachment(all(node.values(Term.ATTACHMENT), this::media))
                .replies(iri(node, Term.REPLIES))
                .reviewOf(iri(node, Term.REVIEW_OF))
                .rating(first(nodes(node, Term.RATING), this::rating))
                .build();
    }

    private ApTag tag(NodeView tag) {
        List<String> types = tag.types();
        if (types.isEmpty()) {
            return null;
        }
        return new ApTag(types.getFirst(), tag.id(), iri(tag, Term.HREF), text(tag, Term.NAME),
                first(tag.values(Term.ICON), this::media));
    }

    private ApRating rating(NodeView rating) {
        Double value = number(rating, Term.RATING_VALUE);
        return value == null ? null
                : new ApRating(value, number(rating, Term.BEST_RATING), number(rating, Term.WORST_RATING));
    }

    /** An attachment, icon or image: an embedded Image/Document/Link, or a bare URL. */
    private ApMedia media(Object value) {
        if (value instanceof String url) {
            return new ApMedia(null, url, null, null, null, null, null);
        }
        if (!(value instanceof NodeView media)) {
            return null;
        }
        String url = url(media);
        if (url == null) {
            url = iri(media, Term.HREF);
        }
        if (url == null) {
            return null;
        }
        List<String> types = media.types();
        return new ApMedia(types.isEmpty() ? null : types.getFirst(), url, literal(media, Term.MEDIA_TYPE),
                text(media, Term.NAME), literal(media, Term.BLURHASH), integer(media, Term.WIDTH),
                integer(media, Term.HEIGHT));
    }

    private ApActivity activity(NodeView node, String type) {
        return new ApActivity(node.id(), type,
                first(node.values(Term.ACTOR), this::reference),
                all(node.values(Term.OBJECT), this::item),
                first(node.values(Term.TARGET), this::item),
                addressing(node, Term.TO),
                addressing(node, Term.CC),
                instant(node, Term.PUBLISHED),
                text(node, Term.CONTENT));
    }

    private ApCollection collection(NodeView node, boolean ordered) {
        return new ApCollection(node.id(), ordered, count(node),
                first(node.values(Term.FIRST), this::item),
                first(node.values(Term.LAST), this::item),
                all(node.values(Term.ITEMS), this::item));
    }

    private ApCollectionPage page(NodeView node, boolean ordered) {
        return new ApCollectionPage(node.id(), ordered, count(node), iri(node, Term.PART_OF), iri(node, Term.NEXT),
                iri(node, Term.PREV), all(node.values(Term.ITEMS), this::item));
    }

    private Long count(NodeView node) {
        Double total = number(node, Term.TOTAL_ITEMS);
        return total == null || total < 0 ? null : total.longValue();
    }

    private ApTombstone tombstone(NodeView node) {
        List<String> formerTypes = new ArrayList<>();
        for (Object value : node.values(Term.FORMER_TYPE)) {
            if (value instanceof String formerType) {
                formerTypes.add(NodeView.localTypeName(formerType));
            }
        }
        return new ApTombstone(node.id(), formerTypes.isEmpty() ? null : formerTypes.getFirst(),
                instant(node, Term.PUBLISHED), instant(node, Term.UPDATED), instant(node, Term.DELETED));
    }

    /** An object/target/item value: a reference, or an embedded document (untyped nodes count by id). */
    private ApItem item(Object value) {
        if (value instanceof String iri) {
            return new ApIri(iri);
        }
        if (value instanceof NodeView node) {
            ApDocument document = document(node);
            if (document != null) {
                return document;
            }
            return node.id() == null ? null : new ApIri(node.id());
        }
        return null;
    }

    private String reference(Object value) {
        if (value instanceof String iri) {
            return iri;
        }
        return value instanceof NodeView node ? node.id() : null;
    }

    // ---- value helpers

    private String iri(NodeView node, Term term) {
        return first(node.values(term), this::reference);
    }

    private List<String> iris(NodeView node, Term term) {
        return all(node.values(term), this::reference);
    }

    /** to/cc with every spelling of the public collection ({@code Public}, {@code as:Public}) made the full IRI. */
    private List<String> addressing(NodeView node, Term term) {
        return all(node.values(term), value -> {
            String iri = reference(value);
            return iri != null && (iri.equals("Public") || iri.equals("as:Public")) ? Namespaces.PUBLIC : iri;
        });
    }

    /** {@code url}: a string, a Link (preferring text/html), or a list of either. */
    private String url(NodeView node) {
        String fallback = null;
        for (Object value : node.values(Term.URL)) {
            if (value instanceof String url) {
                return url;
            }
            if (value instanceof NodeView link) {
                String href = iri(link, Term.HREF);
                if (href != null && "text/html".equals(literal(link, Term.MEDIA_TYPE))) {
                    return href;
                }
                if (fallback == null) {
                    fallback = href != null ? href : link.id();
                }
            }
        }
        return fallback;
    }

    private List<NodeView> nodes(NodeView node, Term term) {
        List<NodeView> nodes = new ArrayList<>(1);
        for (Object value : node.values(term)) {
            if (value instanceof NodeView nested) {
                nodes.add(nested);
            }
        }
        return nodes;
    }

    private String literal(NodeView node, Term term) {
        return first(node.values(term), value -> value instanceof String text ? text : null);
    }

    /** A plain string, or else the untagged/undetermined variant, or else any language's. */
    private String text(NodeView node, Term term) {
        return textWithMap(node, term).text();
    }

    private record TextWithMap(String text, Map<String, String> byLanguage) {
    }

    private TextWithMap textWithMap(NodeView node, Term term) {
        String plain = null;
        Map<String, String> byLanguage = new LinkedHashMap<>();
        for (LangString text : node.texts(term)) {
            String language = text.language();
            if (language == null || language.equalsIgnoreCase(UNDETERMINED_LANGUAGE)) {
                if (plain == null) {
                    plain = text.value();
                }
            } else {
                byLanguage.putIfAbsent(language, text.value());
            }
        }
        if (plain == null && !byLanguage.isEmpty()) {
            plain = byLanguage.values().iterator().next();
        }
        return new TextWithMap(plain, byLanguage);
    }

    private boolean bool(NodeView node, Term term) {
        Object value = first(node.values(term), Function.identity());
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }

    private Double number(NodeView node, Term term) {
        return first(node.values(term), value -> {
            if (value instanceof Number number) {
                double result = number.doubleValue();
                return Double.isFinite(result) ? result : null;
            }
            if (value instanceof String text) {
                try {
                    double result = Double.parseDouble(text.trim());
                    return Double.isFinite(result) ? result : null;
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return null;
        });
    }

    private Integer integer(NodeView node, Term term) {
        Double value = number(node, term);
        return value == null || value < 0 || value > Integer.MAX_VALUE ? null : value.intValue();
    }

    private Instant instant(NodeView node, Term term) {
        return first(node.values(term), value -> {
            if (!(value instanceof String text)) {
                return null;
            }
            try {
                return OffsetDateTime.parse(text.trim()).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        });
    }

    private static <V, T> T first(List<V> values, Function<? super V, T> convert) {
        for (V value : values) {
            T converted = convert.apply(value);
            if (converted != null) {
                return converted;
            }
        }
        return null;
    }

    private static <V, T> List<T> all(List<V> values, Function<? super V, T> convert) {
        List<T> converted = new ArrayList<>(values.size());
        for (V value : values) {
            T one = convert.apply(value);
            if (one != null) {
                converted.add(one);
            }
        }
        return converted;
    }
}
