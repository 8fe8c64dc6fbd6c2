package social.muse.federation.jsonld;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a document's {@code @context} lets us read its compact JSON directly (the fast
 * path) and still get exactly what full JSON-LD expansion would give. That holds when every context
 * is bundled or inline, and every definition it makes either agrees with {@link Term} (same IRI,
 * compatible {@code @type}/{@code @container}) or concerns a term we do not read and does not alias
 * one we do. Keywords that change how values expand ({@code @language}, {@code @base}, a real
 * {@code @vocab}, {@code @reverse}, keyword aliases) send the document to the full path.
 * The answer carries the prefixes in effect, so compact IRIs such as {@code as:Public} expand alike.
 */
public final class FastPathContext {

    private static final int MAX_CONTEXT_NESTING = 8;
    private static final int MAX_PREFIX_CHAIN = 4;
    private static final int MAX_REMEMBERED_CONTEXTS = 1024;

    private final BundledContexts contexts;
    /** What each bundled document defines as prefixes; absent when the document is not fast-path safe. */
    private final Map<JsonObject, Map<String, String>> prefixesByDocument = new IdentityHashMap<>();
    private final Map<String, String> activityStreamsPrefixes;
    /**
     * Decisions by context value: each peer software sends the same few contexts on every document.
     * Bounded so that senders varying their contexts cannot grow it.
     */
    private final Map<JsonValue, Optional<Map<String, String>>> decided = new ConcurrentHashMap<>();

    public FastPathContext(BundledContexts contexts) {
        this.contexts = contexts;
        for (JsonObject document : contexts.documents()) {
            Map<String, String> prefixes = new HashMap<>();
            if (apply(document.get("@context"), prefixes, 1)) {
                prefixesByDocument.put(document, Map.copyOf(prefixes));
            }
        }
        this.activityStreamsPrefixes = prefixesByDocument.get(
                contexts.find(Namespaces.ACTIVITY_STREAMS_CONTEXT).orElseThrow());
        if (activityStreamsPrefixes == null) {
            throw new IllegalStateException("the bundled ActivityStreams context disagrees with Term");
        }
    }

    /** Whether a bundled context URL is safe for the fast path (used by tests and diagnostics). */
    public boolean isFastPathUrl(String url) {
        return contexts.find(url).map(prefixesByDocument::containsKey).orElse(false);
    }

    /**
     * The prefixes in effect when the document's {@code @context} keeps it on the fast path, or null.
     * A missing context means the ActivityStreams context (ActivityStreams 2.0 core §2.1).
     */
    public Map<String, String> prefixesFor(JsonValue context) {
        if (context == null) {
            return activityStreamsPrefixes;
        }
        Optional<Map<String, String>> known = decided.get(context);
        if (known != null) {
            return known.orElse(null);
        }
        // the AS context is implied underneath whatever the document names (see namesActivityStreams)
        Map<String, String> prefixes = new HashMap<>(activityStreamsPrefixes);
        Optional<Map<String, String>> decision = apply(context, prefixes, 0)
                ? Optional.of(Map.copyOf(prefixes)) : Optional.empty();
        if (decided.size() < MAX_REMEMBERED_CONTEXTS) {
            decided.put(context, decision);
        }
        return decision.orElse(null);
    }

    /** Whether a document's top-level {@code @context} names the ActivityStreams context itself. */
    public static boolean namesActivityStreams(JsonValue context) {
        if (context instanceof JsonString url) {
            String value = url.getString();
            return value.equals(Namespaces.ACTIVITY_STREAMS_CONTEXT) || value.equals("http://www.w3.org/ns/activitystreams");
        }
        if (context instanceof JsonArray array) {
            for (JsonValue entry : array) {
                if (namesActivityStreams(entry)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean apply(JsonValue context, Map<String, String> prefixes, int depth) {
        if (context == null || depth > MAX_CONTEXT_NESTING) {
            return false;
        }
        switch (context.getValueType()) {
            case STRING -> {
                JsonObject document = contexts.find(((JsonString) context).getString()).orElse(null);
                Map<String, String> defined = document == null ? null : lookup(document, depth);
                if (defined == null) {
                    return false;
                }
                prefixes.putAll(defined);
                return true;
            }
            case ARRAY -> {
                for (JsonValue entry : (JsonArray) context) {
                    if (!apply(entry, prefixes, depth + 1)) {
                        return false;
                    }
                }
                return true;
            }
            case OBJECT -> {
                return applyDefinitions((JsonObject) context, prefixes, depth);
            }
            default -> {
                return false;
            }
        }
    }

    private Map<String, String> lookup(JsonObject document, int depth) {
        Map<String, String> known = prefixesByDocument.get(document);
        if (known != null) {
            return known;
        }
        // during construction: bundled documents that import other bundled documents
        Map<String, String> prefixes = new HashMap<>();
        return apply(document.get("@context"), prefixes, depth + 1) ? prefixes : null;
    }

    private boolean applyDefinitions(JsonObject definitions, Map<String, String> prefixes, int depth) {
        Map<String, String> added = new HashMap<>();
        for (Map.Entry<String, JsonValue> entry : definitions.entrySet()) {
            String term = entry.getKey();
            JsonValue definition = entry.getValue();
            if (term.startsWith("@")) {
                if (!harmlessKeyword(term, definition)) {
                    return false;
                }
                continue;
            }
            if (term.indexOf(':') >= 0) {
                return false;
            }
            String iri;
            String typeMapping = null;
            String container = null;
            boolean prefixFlag = false;
            switch (definition.getValueType()) {
                case NULL -> {
                    if (Term.forCompactName(term) != null) {
                        return false;
                    }
                    continue;
                }
                case STRING -> {
                    String value = ((JsonString) definition).getString();
                    if (value.startsWith("@")) {
                        if (term.equals("id") && value.equals("@id") || term.equals("type") && value.equals("@type")) {
                            continue;
                        }
                        return false;
                    }
                    iri = resolve(value, definitions, prefixes, 0);
                }
                case OBJECT -> {
                    JsonObject expanded = (JsonObject) definition;
                    if (expanded.containsKey("@reverse")) {
                        return false;
                    }
                    if (expanded.containsKey("@context")
                            && !apply(expanded.get("@context"), new HashMap<>(prefixes), depth + 1)) {
                        return false;
                    }
                    for (String keyword : expanded.keySet()) {
                        if (!keyword.equals("@id") && !keyword.equals("@type") && !keyword.equals("@container")
                                && !keyword.equals("@context") && !keyword.equals("@protected")
                                && !keyword.equals("@prefix") && Term.forCompactName(term) != null) {
                            return false;
                        }
                    }
                    JsonValue id = expanded.get("@id");
                    if (id instanceof JsonString idString) {
                        if (idString.getString().startsWith("@")) {
                            return false;
                        }
                        iri = resolve(idString.getString(), definitions, prefixes, 0);
                    } else {
                        iri = null;
                    }
                    if (expanded.get("@type") instanceof JsonString type) {
                        typeMapping = type.getString();
                    }
                    container = containerOf(expanded.get("@container"));
                    prefixFlag = expanded.get("@prefix") == JsonValue.TRUE;
                }
                default -> {
                    return false;
                }
            }
            if (!agrees(term, iri, typeMapping, container)) {
                return false;
            }
            if (iri != null && (prefixFlag || definition.getValueType() == JsonValue.ValueType.STRING && endsWithGenDelim(iri))) {
                added.put(term, iri);
            }
        }
        prefixes.putAll(added);
        return true;
    }

    private static boolean harmlessKeyword(String keyword, JsonValue value) {
        return switch (keyword) {
            case "@version", "@protected" -> true;
            // the ActivityStreams context's own "@vocab": "_:" is what makes undeclared terms readable by name
            case "@vocab" -> value instanceof JsonString vocab && vocab.getString().equals(Namespaces.UNDEFINED_TERM_PREFIX);
            default -> false;
        };
    }

    private static boolean agrees(String name, String iri, String typeMapping, String container) {
        Term term = Term.forCompactName(name);
        if (term == null) {
            // a term we do not read must not be another name for one we do
            return iri == null || Term.forIri(iri) == null || iri.startsWith(Namespaces.UNDEFINED_TERM_PREFIX);
        }
        if (iri == null || !term.means(iri)) {
            return false;
        }
        if (name.equals(term.languageMapName())) {
            return "@language".equals(container);
        }
        if (container != null && !container.equals("@set") && !container.equals("@list")) {
            return false;
        }
        return switch (term.kind()) {
            case IRI -> typeMapping == null || typeMapping.equals("@id");
            case LITERAL, TEXT -> typeMapping == null || !(typeMapping.equals("@id") || typeMapping.equals("@vocab"));
            case TYPE -> true;
        };
    }

    private static String containerOf(JsonValue container) {
        if (container instanceof JsonString single) {
            return single.getString();
        }
        if (container instanceof JsonArray several) {
            String found = null;
            for (JsonValue value : several) {
                String one = value instanceof JsonString s ? s.getString() : "?";
                if (!one.equals("@set")) {
                    found = one;
                }
            }
            return found == null ? "@set" : found;
        }
        return null;
    }

    /** Expands a compact IRI in a definition against the same context object and the prefixes before it. */
    private static String resolve(String value, JsonObject definitions, Map<String, String> prefixes, int chain) {
        int colon = value.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String prefix = value.substring(0, colon);
        String suffix = value.substring(colon + 1);
        if (suffix.startsWith("//") || prefix.equals("_")) {
            return value;
        }
        JsonValue local = definitions.get(prefix);
        if (chain < MAX_PREFIX_CHAIN) {
            if (local instanceof JsonString localString) {
                String base = resolve(localString.getString(), definitions, prefixes, chain + 1);
                return base == null ? null : base + suffix;
            }
            if (local instanceof JsonObject localObject && localObject.get("@id") instanceof JsonString localId) {
                String base = resolve(localId.getString(), definitions, prefixes, chain + 1);
                return base == null ? null : base + suffix;
            }
        }
        String base = prefixes.get(prefix);
        return base != null ? base + suffix : value;
    }

    private static boolean endsWithGenDelim(String iri) {
        char last = iri.charAt(iri.length() - 1);
        return last == '/' || last == '#' || last == ':' || last == '?' || last == '[' || last == ']' || last == '@';
    }
}
