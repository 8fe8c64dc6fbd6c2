package social.muse.federation.jsonld;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

/**
 * The inline context Muse writes after the ActivityStreams context: the Mastodon/schema.org
 * extensions peers expect by these names, and Muse's own terms under the instance's namespace
 * ({@code https://<domain>/ns#}). Served as a document at the namespace URL too, so JSON-LD
 * consumers that dereference {@code muse:} find the same definitions.
 */
public final class MuseContext {

    private static final JsonProvider JSON = JsonProvider.provider();

    private MuseContext() {
    }

    /** Checks the namespace has the {@code …/ns#} shape readers recognise Muse terms by. */
    public static String requireNamespace(String namespace) {
        if (namespace == null || !(namespace.startsWith("https://") || namespace.startsWith("http://"))
                || !namespace.endsWith("/ns#")) {
            throw new IllegalArgumentException("Muse namespace must look like https://<domain>/ns#, got " + namespace);
        }
        return namespace;
    }

    /** The inline context object (one entry of a written document's {@code @context} array). */
    public static JsonObject inline(String namespace) {
        requireNamespace(namespace);
        JsonObjectBuilder context = JSON.createObjectBuilder()
                .add("as", Namespaces.ACTIVITY_STREAMS)
                .add("toot", Namespaces.MASTODON)
                .add("schema", Namespaces.SCHEMA_MASTODON)
                .add("muse", namespace)
                .add("manuallyApprovesFollowers", "as:manuallyApprovesFollowers")
                .add("sensitive", "as:sensitive")
                .add("Hashtag", "as:Hashtag")
                .add("movedTo", idTyped("as:movedTo"))
                .add("featured", idTyped("toot:featured"))
                .add("discoverable", "toot:discoverable")
                .add("indexable", "toot:indexable")
                .add("suspended", "toot:suspended")
                .add("memorial", "toot:memorial")
                .add("Emoji", "toot:Emoji")
                .add("blurhash", "toot:blurhash")
                .add("PropertyValue", "schema:PropertyValue")
                .add("value", "schema:value")
                .add("webfinger", JSON.createObjectBuilder()
                        .add("@id", Namespaces.WEBFINGER + "webfinger").add("@type", Namespaces.XSD + "string"))
                .add("assertionMethod", JSON.createObjectBuilder()
                        .add("@id", Namespaces.SECURITY + "assertionMethod").add("@type", "@id").add("@container", "@set"))
                .add("reviewOf", idTyped("muse:reviewOf"))
                .add("rating", "muse:rating")
                .add("Rating", "muse:Rating")
                .add("ratingValue", "muse:ratingValue")
                .add("bestRating", "muse:bestRating")
                .add("worstRating", "muse:worstRating");
        return context.build();
    }

    /** The document to serve at the namespace URL ({@code application/ld+json}). */
    public static JsonObject document(String namespace) {
        return JSON.createObjectBuilder().add("@context", inline(namespace)).build();
    }

    private static JsonObjectBuilder idTyped(String iri) {
        return JSON.createObjectBuilder().add("@id", iri).add("@type", "@id");
    }
}
