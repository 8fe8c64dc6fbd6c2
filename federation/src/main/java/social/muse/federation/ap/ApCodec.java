package social.muse.federation.ap;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.JsonLdOptions;
import com.apicatalog.jsonld.api.ExpansionApi;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.loader.DocumentLoader;
import com.apicatalog.jsonld.uri.UriValidationPolicy;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import social.muse.federation.jsonld.BundledContexts;
import social.muse.federation.jsonld.CompactNode;
import social.muse.federation.jsonld.ExpandedNode;
import social.muse.federation.jsonld.FastPathContext;
import social.muse.federation.jsonld.MuseContext;
import social.muse.federation.jsonld.Namespaces;
import social.muse.federation.jsonld.NodeView;
import social.muse.federation.jsonld.UnknownContextPolicy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static social.muse.federation.ap.ApParseException.Reason.INVALID_JSON_LD;
import static social.muse.federation.ap.ApParseException.Reason.NOT_ACTIVITY_STREAMS;
import static social.muse.federation.ap.ApParseException.Reason.UNKNOWN_CONTEXT;

/**
 * Reads ActivityStreams documents in any valid JSON-LD form into {@link ApDocument} records, and writes
 * records as compact JSON that Mastodon and Fedify accept. Thread-safe; build one per instance.
 *
 * <p>Reading takes the fast path (compact JSON read by term name) when {@link FastPathContext} proves
 * it gives the same result as JSON-LD expansion, and titanium-json-ld expansion otherwise. Contexts come
 * only from the classpath ({@link BundledContexts}); nothing is fetched.
 */
public final class ApCodec {

    /** Mastodon drops activities over 1 MB (federation.md §1); so do we. */
    public static final int MAX_DOCUMENT_BYTES = 1024 * 1024;
    public static final int MAX_NESTING_DEPTH = 32;
    private static final Duration JSON_LD_TIMEOUT = Duration.ofSeconds(2);

    private final String museNamespace;
    private final FastPathContext fastPath;
    private final DocumentLoader loader;
    private final ApWriter writer;

    /** @param museNamespace this instance's namespace for Muse terms, {@code https://<domain>/ns#} */
    public ApCodec(String museNamespace) {
        this(museNamespace, UnknownContextPolicy.IGNORE);
    }

    public ApCodec(String museNamespace, UnknownContextPolicy unknownContexts) {
        this.museNamespace = MuseContext.requireNamespace(museNamespace);
        BundledContexts contexts = BundledContexts.load();
        this.fastPath = new FastPathContext(contexts);
        this.loader = contexts.loader(unknownContexts);
        this.writer = new ApWriter(museNamespace);
    }

    /** Reads a document, refusing anything unusable with a typed {@link ApParseException} and nothing else. */
    public ApDocument read(byte[] json) throws ApParseException {
        JsonObject root = JsonInput.parseObject(json, MAX_DOCUMENT_BYTES, MAX_NESTING_DEPTH);
        try {
            Map<String, String> prefixes = fastPathPrefixes(root);
            return prefixes != null ? readCompact(root, prefixes) : readExpanded(root);
        } catch (RuntimeException | StackOverflowError e) {
            throw new ApParseException(NOT_ACTIVITY_STREAMS, "document could not be read", e);
        }
    }

    /** The fast path alone: empty when the document's context does not allow it. For tests and benchmarks. */
    public Optional<ApDocument> readFastPath(byte[] json) throws ApParseException {
        JsonObject root = JsonInput.parseObject(json, MAX_DOCUMENT_BYTES, MAX_NESTING_DEPTH);
        Map<String, String> prefixes = fastPathPrefixes(root);
        return prefixes == null ? Optional.empty() : Optional.of(readCompact(root, prefixes));
    }

    /** Full JSON-LD expansion even when the fast path would do. For tests and benchmarks. */
    public ApDocument readFullJsonLd(byte[] json) throws ApParseException {
        JsonObject root = JsonInput.parseObject(json, MAX_DOCUMENT_BYTES, MAX_NESTING_DEPTH);
        try {
            return readExpanded(root);
        } catch (RuntimeException | StackOverflowError e) {
            throw new ApParseException(NOT_ACTIVITY_STREAMS, "document could not be read", e);
        }
    }

    /** Compact JSON with the ActivityStreams context, security contexts when keys are present, and our inline context. */
    public byte[] write(ApDocument document) {
        return writer.write(document);
    }

    /** The namespace document to serve at this instance's namespace URL. */
    public JsonObject namespaceDocument() {
        return MuseContext.document(museNamespace);
    }

    private Map<String, String> fastPathPrefixes(JsonObject root) {
        Map<String, String> prefixes = fastPath.prefixesFor(root.get("@context"));
        return prefixes != null && CompactNode.isPlainCompact(root) ? prefixes : null;
    }

    private ApDocument readCompact(JsonObject root, Map<String, String> prefixes) throws ApParseException {
        ApMapper mapper = new ApMapper(NodeView::json);
        return accept(mapper.document(new CompactNode(root, prefixes)));
    }

    private ApDocument readExpanded(JsonObject root) throws ApParseException {
        JsonArray expanded = expand(root);
        ExpandedNode top = topNode(expanded, root);
        if (top == null) {
            throw new ApParseException(NOT_ACTIVITY_STREAMS, "document has no ActivityStreams content");
        }
        ApMapper mapper = new ApMapper(new OriginalJson(root, top));
        return accept(mapper.document(top));
    }

    private JsonArray expand(JsonObject root) throws ApParseException {
        JsonLdOptions options = new JsonLdOptions();
        options.setDocumentLoader(loader);
        options.setTimeout(JSON_LD_TIMEOUT);
        // IRIs are checked where they are used (the inbox checks hosts); validating every one here costs
        // a third of the expansion time and would make this path drop values the fast path keeps
        options.setUriValidation(UriValidationPolicy.None);
        ExpansionApi expansion = JsonLd.expand(JsonDocument.of(root)).options(options);
        if (!FastPathContext.namesActivityStreams(root.get("@context"))) {
            // ActivityStreams 2.0 core §2.1: the AS context is implied. Documents without it (none at all,
            // Mastodon's bare inline Delete, Mbin's own context URL) are read with it underneath theirs.
            expansion.context(Namespaces.ACTIVITY_STREAMS_CONTEXT);
        }
        try {
            return expansion.get();
        } catch (JsonLdError e) {
            if (isUnknownContext(e)) {
                throw new ApParseException(UNKNOWN_CONTEXT, "document uses a JSON-LD context that is not bundled", e);
            }
            throw new ApParseException(INVALID_JSON_LD, "document is not valid JSON-LD (" + e.getCode() + ")", e);
        }
    }

    private static boolean isUnknownContext(JsonLdError error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonLdError jsonLdError
                    && (jsonLdError.getCode() == JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED
                    || jsonLdError.getCode() == JsonLdErrorCode.LOADING_DOCUMENT_FAILED)
                    && String.valueOf(jsonLdError.getMessage()).contains(BundledContexts.UNKNOWN_CONTEXT_MESSAGE)) {
                return true;
            }
        }
        return false;
    }

    /** The expanded node that is the document itself: the one with the document's id, else the first. */
    private static ExpandedNode topNode(JsonArray expanded, JsonObject root) {
        String rootId = root.get("id") instanceof JsonString id ? id.getString() : null;
        JsonObject first = null;
        for (JsonValue value : expanded) {
            if (value instanceof JsonObject node) {
                if (first == null) {
                    first = node;
                }
                if (rootId != null && node.get("@id") instanceof JsonString id && id.getString().equals(rootId)) {
                    return new ExpandedNode(node);
                }
            }
        }
        return first == null ? null : new ExpandedNode(first);
    }

    private static ApDocument accept(ApDocument document) throws ApParseException {
        if (document == null) {
            throw new ApParseException(NOT_ACTIVITY_STREAMS, "document has no ActivityStreams type and id");
        }
        if (document instanceof ApActor actor && actor.inbox() == null) {
            // Mastodon drops actors without an inbox: nothing could ever be delivered to them
            throw new ApParseException(NOT_ACTIVITY_STREAMS, "actor has no inbox");
        }
        return document;
    }

    /** Finds the input JSON an expanded node came from, so {@link ApUnknown#raw()} matches on both paths. */
    private static final class OriginalJson implements ApMapper.RawSource {
        private final JsonObject root;
        private final ExpandedNode top;
        private Map<String, JsonObject> byId;

        private OriginalJson(JsonObject root, ExpandedNode top) {
            this.root = root;
            this.top = top;
        }

        @Override
        public JsonObject rawFor(NodeView node) {
            if (node == top) {
                return root;
            }
            if (byId == null) {
                byId = new HashMap<>();
                index(root, byId);
            }
            JsonObject original = node.id() == null ? null : byId.get(node.id());
            return original != null ? original : node.json();
        }

        private static void index(JsonValue value, Map<String, JsonObject> byId) {
            if (value instanceof JsonObject object) {
                if (object.get("id") instanceof JsonString id) {
                    byId.putIfAbsent(id.getString(), object);
                }
                object.values().forEach(nested -> index(nested, byId));
            } else if (value instanceof JsonArray array) {
                array.forEach(nested -> index(nested, byId));
            }
        }
    }
}
