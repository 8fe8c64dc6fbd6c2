package social.muse.federation.signature;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of RFC 8941 Structured Field Values that RFC 9421 and RFC 9530 need: parsing dictionaries (members are
 * items or inner lists, with parameters) and serialising inner lists, which is how the {@code @signature-params} line
 * of a signature base is produced.
 *
 * <p>Bare item values are {@link Long} (integer), {@link BigDecimal} (decimal), {@link String}, {@link Token},
 * {@link ByteSequence} and {@link Boolean}. Parsing errors are {@link IllegalArgumentException}s.
 */
final class StructuredFields {

    private StructuredFields() {
    }

    /** A dictionary member value. */
    sealed interface Member permits Item, InnerList {
        Map<String, Object> parameters();
    }

    record Item(Object value, Map<String, Object> parameters) implements Member {
        Item {
            parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }
    }

    record InnerList(List<Item> items, Map<String, Object> parameters) implements Member {
        InnerList {
            items = List.copyOf(items);
            parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }
    }

    record Token(String value) {
    }

    record ByteSequence(byte[] bytes) {
    }

    /** Parses a dictionary field value (all field lines already combined with ", "). Keys keep their order. */
    static Map<String, Member> parseDictionary(String input) {
        Parser parser = new Parser(input);
        Map<String, Member> dictionary = parser.dictionary();
        return Collections.unmodifiableMap(dictionary);
    }

    /** The RFC 8941 §4.1.1.1 serialisation of an inner list with its parameters. */
    static String serialize(InnerList list) {
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < list.items().size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            serializeItem(list.items().get(i), out);
        }
        out.append(')');
        serializeParameters(list.parameters(), out);
        return out.toString();
    }

    static String serialize(Item item) {
        StringBuilder out = new StringBuilder();
        serializeItem(item, out);
        return out.toString();
    }

    private static void serializeItem(Item item, StringBuilder out) {
        serializeBareItem(item.value(), out);
        serializeParameters(item.parameters(), out);
    }

    private static void serializeParameters(Map<String, Object> parameters, StringBuilder out) {
        parameters.forEach((key, value) -> {
            out.append(';').append(key);
            if (!Boolean.TRUE.equals(value)) {
                out.append('=');
                serializeBareItem(value, out);
            }
        });
    }

    private static void serializeBareItem(Object value, StringBuilder out) {
        switch (value) {
            case Long number -> out.append(number.longValue());
            case BigDecimal decimal -> {
                BigDecimal rounded = decimal.setScale(3, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros();
                String text = rounded.scale() <= 0 ? rounded.setScale(1).toPlainString() : rounded.toPlainString();
                out.append(text);
            }
            case String string -> {
                out.append('"');
                for (int i = 0; i < string.length(); i++) {
                    char c = string.charAt(i);
                    if (c < 0x20 || c > 0x7e) {
                        throw new IllegalArgumentException("structured field strings are printable ASCII only");
                    }
                    if (c == '"' || c == '\\') {
                        out.append('\\');
                    }
                    out.append(c);
                }
                out.append('"');
            }
            case Token token -> out.append(token.value());
            case ByteSequence bytes -> out.append(':').append(Base64.getEncoder().encodeToString(bytes.bytes()))
                    .append(':');
            case Boolean bool -> out.append(bool ? "?1" : "?0");
            default -> throw new IllegalArgumentException("not a structured field value: " + value.getClass());
        }
    }

    /** A recursive-descent parser over one field value, following RFC 8941 §4.2 step by step. */
    private static final class Parser {
        private final String input;
        private int pos;

        Parser(String input) {
            this.input = input;
        }

        Map<String, Member> dictionary() {
            Map<String, Member> dictionary = new LinkedHashMap<>();
            skipSpaces();
            while (pos < input.length()) {
                String key = key();
                Member member;
                if (peek() == '=') {
                    pos++;
                    member = itemOrInnerList();
                } else {
                    member = new Item(Boolean.TRUE, parameters());
                }
                dictionary.put(key, member);
                skipWhitespace();
                if (pos >= input.length()) {
                    return dictionary;
                }
                expect(',');
                skipWhitespace();
                if (pos >= input.length()) {
                    throw error("trailing comma");
                }
            }
            return dictionary;
        }

        private Member itemOrInnerList() {
            return peek() == '(' ? innerList() : item();
        }

        private InnerList innerList() {
            expect('(');
            List<Item> items = new ArrayList<>();
            while (pos < input.length()) {
                skipSpaces();
                if (peek() == ')') {
                    pos++;
                    return new InnerList(items, parameters());
                }
                items.add(item());
                char next = peek();
                if (next != ' ' && next != ')') {
                    throw error("inner list items must be separated by spaces");
                }
            }
            throw error("unterminated inner list");
        }

        private Item item() {
            Object value = bareItem();
            return new Item(value, parameters());
        }

        private Map<String, Object> parameters() {
            Map<String, Object> parameters = new LinkedHashMap<>();
            while (peek() == ';') {
                pos++;
                skipSpaces();
                String key = key();
                Object value = Boolean.TRUE;
                if (peek() == '=') {
                    pos++;
                    value = bareItem();
                }
                parameters.put(key, value);
            }
            return parameters;
        }

        private String key() {
            char first = peek();
            if (!(isLcAlpha(first) || first == '*')) {
                throw error("a key must start with a lower-case letter or '*'");
            }
            int start = pos;
            while (pos < input.length()) {
                char c = input.charAt(pos);
                if (!(isLcAlpha(c) || isDigit(c) || c == '_' || c == '-' || c == '.' || c == '*')) {
                    break;
                }
                pos++;
            }
            return input.substring(start, pos);
        }

        private Object bareItem() {
            char c = peek();
            if (c == '-' || isDigit(c)) {
                return number();
            }
            if (c == '"') {
                return string();
            }
            if (c == ':') {
                return byteSequence();
            }
            if (c == '?') {
                return bool();
            }
            if (isAlpha(c) || c == '*') {
                return token();
            }
            throw error("unexpected character");
        }

        private Object number() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("a number needs a digit");
            }
            boolean decimal = false;
            int integerDigits = 0;
            int fractionDigits = 0;
            while (pos < input.length()) {
                char c = input.charAt(pos);
                if (isDigit(c)) {
                    if (decimal) {
                        fractionDigits++;
                    } else {
                        integerDigits++;
                    }
                } else if (c == '.' && !decimal) {
                    if (integerDigits > 12) {
                        throw error("decimal too long");
                    }
                    decimal = true;
                } else {
                    break;
                }
                pos++;
                if (!decimal && integerDigits > 15) {
                    throw error("integer too long");
                }
                if (decimal && fractionDigits > 3) {
                    throw error("decimal fraction too long");
                }
            }
            String text = input.substring(start, pos);
            if (decimal) {
                if (text.endsWith(".")) {
                    throw error("decimal without fraction");
                }
                return new BigDecimal(text);
            }
            return Long.parseLong(text);
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (pos < input.length()) {
                char c = input.charAt(pos++);
                if (c == '\\') {
                    if (pos >= input.length()) {
                        throw error("unterminated escape");
                    }
                    char escaped = input.charAt(pos++);
                    if (escaped != '"' && escaped != '\\') {
                        throw error("invalid escape");
                    }
                    out.append(escaped);
                } else if (c == '"') {
                    return out.toString();
                } else if (c < 0x20 || c > 0x7e) {
                    throw error("invalid character in string");
                } else {
                    out.append(c);
                }
            }
            throw error("unterminated string");
        }

        private Token token() {
            int start = pos;
            pos++;
            while (pos < input.length()) {
                char c = input.charAt(pos);
                if (!(isTchar(c) || c == ':' || c == '/')) {
                    break;
                }
                pos++;
            }
            return new Token(input.substring(start, pos));
        }

        private ByteSequence byteSequence() {
            expect(':');
            int end = input.indexOf(':', pos);
            if (end < 0) {
                throw error("unterminated byte sequence");
            }
            String base64 = input.substring(pos, end);
            for (int i = 0; i < base64.length(); i++) {
                char c = base64.charAt(i);
                if (!(isAlpha(c) || isDigit(c) || c == '+' || c == '/' || c == '=')) {
                    throw error("invalid byte sequence character");
                }
            }
            pos = end + 1;
            try {
                return new ByteSequence(Base64.getDecoder().decode(base64));
            } catch (IllegalArgumentException e) {
                throw error("invalid base64 in byte sequence");
            }
        }

        private Boolean bool() {
            expect('?');
            char c = peek();
            if (c == '1' || c == '0') {
                pos++;
                return c == '1';
            }
            throw error("invalid boolean");
        }

        private char peek() {
            return pos < input.length() ? input.charAt(pos) : '\0';
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private void skipSpaces() {
            while (pos < input.length() && input.charAt(pos) == ' ') {
                pos++;
            }
        }

        private void skipWhitespace() {
            while (pos < input.length() && (input.charAt(pos) == ' ' || input.charAt(pos) == '\t')) {
                pos++;
            }
        }

        private IllegalArgumentException error(String message) {
            return new IllegalArgumentException("structured field: " + message + " at position " + pos);
        }

        private static boolean isLcAlpha(char c) {
            return c >= 'a' && c <= 'z';
        }

        private static boolean isAlpha(char c) {
            return isLcAlpha(c) || (c >= 'A' && c <= 'Z');
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isTchar(char c) {
            return isAlpha(c) || isDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
        }
    }
}
