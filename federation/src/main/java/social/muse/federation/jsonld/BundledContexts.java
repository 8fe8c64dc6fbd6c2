package social.muse.federation.jsonld;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.document.Document;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.loader.DocumentLoader;
import com.apicatalog.jsonld.loader.DocumentLoaderOptions;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON-LD contexts Muse knows, loaded once from the classpath ({@code /jsonld/}), and a
 * {@link DocumentLoader} over them that never touches the network.
 */
public final class BundledContexts {

    /** Marks the loader's refusal so the codec can report {@code UNKNOWN_CONTEXT} rather than a generic failure. */
    public static final String UNKNOWN_CONTEXT_MESSAGE = "context is not bundled: ";

    private static final JsonObject EMPTY_CONTEXT = Json.createObjectBuilder()
            .add("@context", Json.createObjectBuilder()).build();

    private final Map<String, JsonObject> documentsByUrl;
    private BundledContexts(Map<String, JsonObject> documentsByUrl) {
        this.documentsByUrl = Map.copyOf(documentsByUrl);
    }

    public static BundledContexts load() {
        JsonObject activityStreams = resource("activitystreams.jsonld");
        JsonObject securityV1 = resource("security-v1.jsonld");
        Map<String, JsonObject> byUrl = new HashMap<>();
        byUrl.put("https://www.w3.org/ns/activitystreams", activityStreams);
        byUrl.put("http://www.w3.org/ns/activitystreams", activityStreams);
        byUrl.put("https://www.w3.org/ns/activitystreams.jsonld", activityStreams);
        byUrl.put("https://w3id.org/security/v1", securityV1);
        byUrl.put("http://w3id.org/security/v1", securityV1);
        byUrl.put("https://w3id.org/security/data-integrity/v1", resource("security-data-integrity-v1.jsonld"));
        byUrl.put("https://w3id.org/security/multikey/v1", resource("security-multikey-v1.jsonld"));
        byUrl.put("https://w3id.org/identity/v1", resource("identity-v1.jsonld"));
        byUrl.put("https://www.w3.org/ns/did/v1", resource("did-v1.jsonld"));
        byUrl.put("https://gotosocial.org/ns", resource("gotosocial-ns.jsonld"));
        byUrl.put("https://join-lemmy.org/context.json", resource("join-lemmy-context.jsonld"));
        return new BundledContexts(byUrl);
    }

    /** The bundled context document for a URL (ignoring any fragment), if Muse has it. */
    public Optional<JsonObject> find(String url) {
        String withoutFragment = url.indexOf('#') >= 0 ? url.substring(0, url.indexOf('#')) : url;
        // Pleroma's per-host litepub context is not bundled (its licence is AGPL); the unknown-context
        // policy treats it as empty, and its terms are then read by name, as Mastodon does.
        return Optional.ofNullable(documentsByUrl.get(withoutFragment));
    }

    /** Every distinct bundled context document (for precomputing what each one defines). */
    java.util.Collection<JsonObject> documents() {
        java.util.Set<JsonObject> distinct = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        distinct.addAll(documentsByUrl.values());
        return distinct;
    }

    /** A loader serving bundled contexts; unknown URLs are an empty context or an error, per policy. */
    public DocumentLoader loader(UnknownContextPolicy policy) {
        return new Loader(policy);
    }

    private final class Loader implements DocumentLoader {
        private final UnknownContextPolicy policy;

        private Loader(UnknownContextPolicy policy) {
            this.policy = policy;
        }

        @Override
        public Document loadDocument(URI url, DocumentLoaderOptions options) throws JsonLdError {
            Optional<JsonObject> bundled = find(url.toString());
            if (bundled.isPresent()) {
                return JsonDocument.of(bundled.get());
            }
            if (policy == UnknownContextPolicy.IGNORE) {
                return JsonDocument.of(EMPTY_CONTEXT);
            }
            throw new JsonLdError(JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED, UNKNOWN_CONTEXT_MESSAGE + url);
        }
    }

    private static JsonObject resource(String name) {
        try (InputStream in = BundledContexts.class.getResourceAsStream("/jsonld/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled JSON-LD context /jsonld/" + name);
            }
            try (JsonReader reader = Json.createReader(in)) {
                return reader.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
