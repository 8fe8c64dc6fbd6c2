package social.muse.federation.jsonld;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A node of a compact document read by term name: the fast path. Only valid for documents that
 * {@link FastPathContext} accepted and whose keys {@link #isPlainCompact} confirmed.
 */
public final class CompactNode implements NodeView {

    private final JsonObject json;
    private final Map<String, String> prefixes;

    public CompactNode(JsonObject json, Map<String, String> prefixes) {
        this.json = json;
        this.prefixes = prefixes;
    }

    /**
     * True when no key anywhere is a keyword (other than the top-level {@code @context}) or a compact
     * or absolute IRI, and nothing nests a context: then term names alone decide what each key means.
     */
    public static boolean isPlainCompact(JsonObject root) {
        for (Map.Entry<String, JsonValue> entry : root.entrySet()) {
            if (entry.getKey().equals("@context")) {
                continue;
            }
            if (!isPlainKey(entry.getKey()) || !isPlainValue(entry.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPlainValue(JsonValue value) {
        if (value instanceof JsonObject object) {
            for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
                if (!isPlainKey(entry.getKey()) || !isPlainValue(entry.getValue())) {
                    return false;
                }
            }
        } else if (value instanceof JsonArray array) {
            for (JsonValue element : array) {
                if (!isPlainValue(element)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isPlainKey(String key) {
        return !key.startsWith("@") && key.indexOf(':') < 0;
    }

    @Override
    public String id() {
        return json.get("id") instanceof JsonString id ? expandIri(id.getString()) : null;
    }

    @Override
    public List<String> types() {
        List<String> types = new ArrayList<>(1);
        JsonValue type = json.get("type");
        if (type instanceof JsonString single) {
            types.add(NodeView.localTypeName(single.getString()));
        } else if (type instanceof JsonArray several) {
            for (JsonValue value : several) {
                if (value instanceof JsonString one) {
                    types.add(NodeView.localTypeName(one.getString()));
                }
            }
        }
        return types;
    }

    @Override
    public List<Object> values(Term term) {
        List<Object> values = new ArrayList<>(2);
        for (String name : term.compactNames()) {
            collect(json.get(name), term, values);
        }
        return values;
    }

    @Override
    public List<LangString> texts(Term term) {
        List<LangString> texts = new ArrayList<>(2);
        for (Object value : values(term)) {
            if (value instanceof String text) {
                texts.add(new LangString(text, null));
            }
        }
        if (term.languageMapName() != null && json.get(term.languageMapName()) instanceof JsonObject map) {
            for (Map.Entry<String, JsonValue> entry : map.entrySet()) {
                addLanguageValues(entry.getKey(), entry.getValue(), texts);
            }
        }
        return texts;
    }

    private static void addLanguageValues(String language, JsonValue value, List<LangString> texts) {
        if (value instanceof JsonString text) {
            texts.add(new LangString(text.getString(), language.equals("@none") ? null : language));
        } else if (value instanceof JsonArray array) {
            array.forEach(element -> addLanguageValues(language, element, texts));
        }
    }

    @Override
    public JsonObject json() {
        return json;
    }

    private void collect(JsonValue value, Term term, List<Object> into) {
        if (value == null) {
            return;
        }
        switch (value.getValueType()) {
            case ARRAY -> ((JsonArray) value).forEach(element -> collect(element, term, into));
            case STRING -> {
                String text = ((JsonString) value).getString();
                into.add(term.kind() == Term.Kind.IRI ? expandIri(text) : text);
            }
            case NUMBER -> into.add(((JsonNumber) value).numberValue());
            case TRUE -> into.add(Boolean.TRUE);
            case FALSE -> into.add(Boolean.FALSE);
            case OBJECT -> {
                JsonObject object = (JsonObject) value;
                if (object.size() == 1 && object.get("id") instanceof JsonString reference) {
                    into.add(expandIri(reference.getString()));
                } else {
                    into.add(new CompactNode(object, prefixes));
                }
            }
            case NULL -> {
            }
        }
    }

    /** Expands {@code prefix:suffix} when the prefix is defined, as JSON-LD does for IRI values. */
    private String expandIri(String value) {
        int colon = value.indexOf(':');
        if (colon <= 0 || value.startsWith("//", colon + 1)) {
            return value;
        }
        String base = prefixes.get(value.substring(0, colon));
        return base == null ? value : base + value.substring(colon + 1);
    }
}
