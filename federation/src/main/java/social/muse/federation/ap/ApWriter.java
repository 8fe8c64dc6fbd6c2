package social.muse.federation.ap;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.spi.JsonProvider;
import social.muse.federation.jsonld.MuseContext;
import social.muse.federation.jsonld.Namespaces;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes records as compact JSON under the ActivityStreams context. Only context URLs every peer
 * bundles are named (Fedify rejects documents naming any other); the rest is an inline context.
 */
final class ApWriter {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final JsonWriterFactory WRITERS = JSON.createWriterFactory(Map.of());

    private final JsonObject inlineContext;

    ApWriter(String museNamespace) {
        this.inlineContext = MuseContext.inline(museNamespace);
    }

    byte[] write(ApDocument document) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        if (document instanceof ApUnknown unknown) {
            unknown.raw().forEach(json::add);
        } else {
            json.add("@context", context(document));
            body(document, json);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonWriter writer = WRITERS.createWriter(out)) {
            writer.writeObject(json.build());
        }
        return out.toByteArray();
    }

    private JsonValue context(ApDocument document) {
        JsonArrayBuilder context = JSON.createArrayBuilder().add(Namespaces.ACTIVITY_STREAMS_CONTEXT);
        if (anyActor(document, actor -> actor.publicKey() != null)) {
            context.add(Namespaces.SECURITY_V1_CONTEXT);
        }
        if (anyActor(document, actor -> !actor.assertionMethod().isEmpty())) {
            context.add(Namespaces.MULTIKEY_V1_CONTEXT);
        }
        return context.add(inlineContext).build();
    }

    private static boolean anyActor(ApItem item, java.util.function.Predicate<ApActor> test) {
        return switch (item) {
            case ApActor actor -> test.test(actor);
            case ApActivity activity -> activity.object().stream().anyMatch(nested -> anyActor(nested, test))
                    || activity.target() != null && anyActor(activity.target(), test);
            case ApCollection collection -> collection.items().stream().anyMatch(nested -> anyActor(nested, test))
                    || collection.first() != null && anyActor(collection.first(), test);
            case ApCollectionPage page -> page.items().stream().anyMatch(nested -> anyActor(nested, test));
            default -> false;
        };
    }

    private JsonValue item(ApItem item) {
        if (item instanceof ApIri iri) {
            return JSON.createValue(iri.iri());
        }
        ApDocument document = (ApDocument) item;
        JsonObjectBuilder json = JSON.createObjectBuilder();
        if (document instanceof ApUnknown unknown) {
            unknown.raw().forEach((key, value) -> {
                if (!key.equals("@context")) {
                    json.add(key, value);
                }
            });
        } else {
            body(document, json);
        }
        return json.build();
    }

    private void body(ApDocument document, JsonObjectBuilder json) {
        optional(json, "id", document.id());
        json.add("type", document.type());
        switch (document) {
            case ApActor actor -> actor(actor, json);
            case ApObject object -> object(object, json);
            case ApActivity activity -> activity(activity, json);
            case ApCollection collection -> {
                optional(json, "totalItems", collection.totalItems());
                optional(json, "first", collection.first());
                optional(json, "last", collection.last());
                items(json, collection.ordered(), collection.items());
            }
            case ApCollectionPage page -> {
                optional(json, "totalItems", page.totalItems());
                optional(json, "partOf", page.partOf());
                optional(json, "next", page.next());
                optional(json, "prev", page.prev());
                items(json, page.ordered(), page.items());
            }
            case ApTombstone tombstone -> {
                optional(json, "formerType", tombstone.formerType());
                optional(json, "published", tombstone.published());
                optional(json, "updated", tombstone.updated());
                optional(json, "deleted", tombstone.deleted());
            }
            case ApUnknown unknown -> throw new IllegalStateException("unknown documents are written verbatim");
        }
    }

    private void actor(ApActor actor, JsonObjectBuilder json) {
        optional(json, "preferredUsername", actor.preferredUsername());
        optional(json, "name", actor.name());
        optional(json, "summary", actor.summary());
        optional(json, "url", actor.url());
        optional(json, "inbox", actor.inbox());
        optional(json, "outbox", actor.outbox());
        optional(json, "followers", actor.followers());
        optional(json, "following", actor.following());
        optional(json, "featured", actor.featured());
        if (actor.sharedInbox() != null) {
            json.add("endpoints", JSON.createObjectBuilder().add("sharedInbox", actor.sharedInbox()));
        }
        if (actor.publicKey() != null) {
            JsonObjectBuilder key = JSON.createObjectBuilder();
            optional(key, "id", actor.publicKey().id());
            optional(key, "owner", actor.publicKey().owner());
            key.add("publicKeyPem", actor.publicKey().publicKeyPem());
            json.add("publicKey", key);
        }
        if (!actor.assertionMethod().isEmpty()) {
            JsonArrayBuilder keys = JSON.createArrayBuilder();
            for (ApMultikey multikey : actor.assertionMethod()) {
                JsonObjectBuilder key = JSON.createObjectBuilder();
                optional(key, "id", multikey.id());
                key.add("type", "Multikey");
                optional(key, "controller", multikey.controller());
                key.add("publicKeyMultibase", multikey.publicKeyMultibase());
                keys.add(key);
            }
            json.add("assertionMethod", keys);
        }
        optional(json, "icon", media(actor.icon()));
        optional(json, "image", media(actor.image()));
        if (!actor.attachment().isEmpty()) {
            JsonArrayBuilder fields = JSON.createArrayBuilder();
            for (ApPropertyValue field : actor.attachment()) {
                fields.add(JSON.createObjectBuilder().add("type", "PropertyValue")
                        .add("name", field.name()).add("value", field.value()));
            }
            json.add("attachment", fields);
        }
        json.add("manuallyApprovesFollowers", actor.manuallyApprovesFollowers());
        json.add("discoverable", actor.discoverable());
        json.add("indexable", actor.indexable());
        optional(json, "published", actor.published());
        if (!actor.alsoKnownAs().isEmpty()) {
            json.add("alsoKnownAs", strings(actor.alsoKnownAs()));
        }
        optional(json, "movedTo", actor.movedTo());
        if (actor.suspended()) {
            json.add("suspended", true);
        }
        if (actor.memorial()) {
            json.add("memorial", true);
        }
        optional(json, "webfinger", actor.webfinger());
    }

    private void object(ApObject object, JsonObjectBuilder json) {
        if (object.attributedTo().size() == 1) {
            json.add("attributedTo", object.attributedTo().getFirst());
        } else if (!object.attributedTo().isEmpty()) {
            json.add("attributedTo", strings(object.attributedTo()));
        }
        optional(json, "name", object.name());
        optional(json, "summary", object.summary());
        optional(json, "content", object.content());
        if (!object.contentMap().isEmpty()) {
            JsonObjectBuilder map = JSON.createObjectBuilder();
            object.contentMap().forEach(map::add);
            json.add("contentMap", map);
        }
        json.add("sensitive", object.sensitive());
        optional(json, "inReplyTo", object.inReplyTo());
        optional(json, "published", object.published());
        optional(json, "updated", object.updated());
        optional(json, "url", object.url());
        json.add("to", strings(object.to()));
        json.add("cc", strings(object.cc()));
        if (!object.tag().isEmpty()) {
            JsonArrayBuilder tags = JSON.createArrayBuilder();
            for (ApTag tag : object.tag()) {
                JsonObjectBuilder json1 = JSON.createObjectBuilder().add("type", tag.type());
                optional(json1, "id", tag.id());
                optional(json1, "href", tag.href());
                optional(json1, "name", tag.name());
                optional(json1, "icon", media(tag.icon()));
                tags.add(json1);
            }
            json.add("tag", tags);
        }
        if (!object.attachment().isEmpty()) {
            JsonArrayBuilder attachments = JSON.createArrayBuilder();
            object.attachment().forEach(media -> attachments.add(media(media)));
            json.add("attachment", attachments);
        }
        optional(json, "replies", object.replies());
        optional(json, "reviewOf", object.reviewOf());
        if (object.rating() != null) {
            JsonObjectBuilder rating = JSON.createObjectBuilder().add("type", "Rating");
            rating.add("ratingValue", number(object.rating().ratingValue()));
            if (object.rating().bestRating() != null) {
                rating.add("bestRating", number(object.rating().bestRating()));
            }
            if (object.rating().worstRating() != null) {
                rating.add("worstRating", number(object.rating().worstRating()));
            }
            json.add("rating", rating);
        }
    }

    private void activity(ApActivity activity, JsonObjectBuilder json) {
        optional(json, "actor", activity.actor());
        if (activity.object().size() == 1) {
            json.add("object", item(activity.object().getFirst()));
        } else if (!activity.object().isEmpty()) {
            JsonArrayBuilder objects = JSON.createArrayBuilder();
            activity.object().forEach(object -> objects.add(item(object)));
            json.add("object", objects);
        }
        optional(json, "target", activity.target());
        optional(json, "content", activity.content());
        json.add("to", strings(activity.to()));
        json.add("cc", strings(activity.cc()));
        optional(json, "published", activity.published());
    }

    private void items(JsonObjectBuilder json, boolean ordered, List<ApItem> items) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        items.forEach(item -> array.add(item(item)));
        json.add(ordered ? "orderedItems" : "items", array);
    }

    /** A bare URL when that is all we know, as it was received; otherwise an object. */
    private static JsonValue media(ApMedia media) {
        if (media == null) {
            return null;
        }
        if (media.type() == null && media.mediaType() == null && media.name() == null && media.blurhash() == null
                && media.width() == null && media.height() == null) {
            return JSON.createValue(media.url());
        }
        JsonObjectBuilder json = JSON.createObjectBuilder();
        optional(json, "type", media.type());
        json.add("url", media.url());
        optional(json, "mediaType", media.mediaType());
        optional(json, "name", media.name());
        optional(json, "blurhash", media.blurhash());
        if (media.width() != null) {
            json.add("width", media.width());
        }
        if (media.height() != null) {
            json.add("height", media.height());
        }
        return json.build();
    }

    private static JsonValue number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? JSON.createValue((long) value) : JSON.createValue(value);
    }

    private static JsonArrayBuilder strings(List<String> values) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        values.forEach(array::add);
        return array;
    }

    private void optional(JsonObjectBuilder json, String name, ApItem value) {
        if (value != null) {
            json.add(name, item(value));
        }
    }

    private static void optional(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }

    private static void optional(JsonObjectBuilder json, String name, Instant value) {
        if (value != null) {
            json.add(name, value.toString());
        }
    }

    private static void optional(JsonObjectBuilder json, String name, Long value) {
        if (value != null) {
            json.add(name, value);
        }
    }

    private static void optional(JsonObjectBuilder json, String name, JsonValue value) {
        if (value != null) {
            json.add(name, value);
        }
    }
}
