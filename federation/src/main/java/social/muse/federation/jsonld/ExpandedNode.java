package social.muse.federation.jsonld;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A node of an expanded JSON-LD document (titanium's output), read by IRI through {@link Term#forIri}. */
public final class ExpandedNode implements NodeView {

    private final JsonObject json;
    private final Map<Term, List<JsonValue>> properties = new EnumMap<>(Term.class);

    public ExpandedNode(JsonObject json) {
        this.json = json;
        for (Map.Entry<String, JsonValue> entry : json.entrySet()) {
            if (entry.getKey().startsWith("@")) {
                continue;
            }
            Term term = Term.forIri(entry.getKey());
            if (term != null && entry.getValue() instanceof JsonArray array) {
                properties.computeIfAbsent(term, t -> new ArrayList<>()).addAll(array);
            }
        }
    }

    @Override
    public String id() {
        return json.get("@id") instanceof JsonString id ? id.getString() : null;
    }

    @Override
    public List<String> types() {
        List<String> types = new ArrayList<>(1);
        if (json.get("@type") instanceof JsonArray array) {
            for (JsonValue value : array) {
                if (value instanceof JsonString type) {
                    types.add(NodeView.localTypeName(type.getString()));
                }
            }
        }
        return types;
    }

    @Override
    public List<Object> values(Term term) {
        List<Object> values = new ArrayList<>(2);
        for (JsonValue value : properties.getOrDefault(term, List.of())) {
            collect(value, values);
        }
        return values;
    }

    @Override
    public List<LangString> texts(Term term) {
        List<LangString> texts = new ArrayList<>(2);
        for (JsonValue value : properties.getOrDefault(term, List.of())) {
            if (value instanceof JsonObject object && object.get("@value") instanceof JsonString text) {
                texts.add(new LangString(text.getString(),
                        object.get("@language") instanceof JsonString language ? language.getString() : null));
            }
        }
        return texts;
    }

    @Override
    public JsonObject json() {
        return json;
    }

    private static void collect(JsonValue value, List<Object> into) {
        if (!(value instanceof JsonObject object)) {
            return;
        }
        if (object.containsKey("@value")) {
            JsonValue literal = object.get("@value");
            switch (literal.getValueType()) {
                case STRING -> into.add(((JsonString) literal).getString());
                case NUMBER -> into.add(((JsonNumber) literal).numberValue());
                case TRUE -> into.add(Boolean.TRUE);
                case FALSE -> into.add(Boolean.FALSE);
                default -> {
                }
            }
        } else if (object.get("@list") instanceof JsonArray list) {
            list.forEach(element -> collect(element, into));
        } else if (object.size() == 1 && object.get("@id") instanceof JsonString reference) {
            into.add(reference.getString());
        } else if (!object.containsKey("@set")) {
            into.add(new ExpandedNode(object));
        }
    }
}
