package social.muse.federation.jsonld;

import java.util.List;

/**
 * One JSON-LD node as the record mapper sees it, whichever form it came in. Values are
 * {@link String} (a literal, or an IRI already expanded), {@link Boolean}, {@link Number} or a nested
 * {@link NodeView}; a node carrying nothing but an id is returned as its id string.
 */
public interface NodeView {

    /** The node's id, or null for a blank node. */
    String id();

    /** Type names reduced to their local names ({@code Note}, {@code Emoji}, {@code ChatMessage}). */
    List<String> types();

    /** All values of a term, arrays and lists flattened, in document order. */
    List<Object> values(Term term);

    /** Text values of a {@link Term.Kind#TEXT} term with their language (null when untagged). */
    List<LangString> texts(Term term);

    /** The JSON object this node was read from (the original input on the fast path). */
    jakarta.json.JsonObject json();

    /** A string with an optional language tag. */
    record LangString(String value, String language) {
    }

    /** Local name of a type IRI or compact type: after the last {@code #}, {@code /} or {@code :}. */
    static String localTypeName(String type) {
        int cut = Math.max(type.lastIndexOf('#'), Math.max(type.lastIndexOf('/'), type.lastIndexOf(':')));
        return cut >= 0 && cut < type.length() - 1 ? type.substring(cut + 1) : type;
    }
}
