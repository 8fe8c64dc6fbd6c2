package social.muse.federation.signature;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The parameter syntax of the draft-cavage {@code Signature} header, which other headers borrow (FEP-8fcf's
 * {@code Collection-Synchronization}).
 */
public final class SignatureParameters {
    private static final int MAX_PARAMETERS = 16;

    private SignatureParameters() {
    }

    /**
     * {@code name=value} pairs separated by commas; values quoted (with {@code \"} and {@code \\} escapes) or
     * bare. Names are lower-cased. An IllegalArgumentException says what is wrong.
     */
    public static Map<String, String> parse(String value) {
        Map<String, String> parameters = new LinkedHashMap<>();
        int pos = 0;
        int length = value.length();
        while (true) {
            while (pos < length && (value.charAt(pos) == ' ' || value.charAt(pos) == '\t' || value.charAt(pos) == ',')) {
                pos++;
            }
            if (pos >= length) {
                return parameters;
            }
            int nameStart = pos;
            while (pos < length && isNameChar(value.charAt(pos))) {
                pos++;
            }
            if (pos == nameStart || pos >= length || value.charAt(pos) != '=') {
                throw new IllegalArgumentException("expected name=value in the signature header");
            }
            String name = value.substring(nameStart, pos).toLowerCase(Locale.ROOT);
            pos++;
            StringBuilder parameter = new StringBuilder();
            if (pos < length && value.charAt(pos) == '"') {
                pos++;
                boolean closed = false;
                while (pos < length) {
                    char c = value.charAt(pos++);
                    if (c == '\\' && pos < length) {
                        parameter.append(value.charAt(pos++));
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        parameter.append(c);
                    }
                }
                if (!closed) {
                    throw new IllegalArgumentException("unterminated quoted value in the signature header");
                }
            } else {
                while (pos < length && value.charAt(pos) != ',') {
                    parameter.append(value.charAt(pos++));
                }
            }
            if (parameters.put(name, parameter.toString().strip()) != null) {
                throw new IllegalArgumentException("the signature header repeats " + name);
            }
            if (parameters.size() > MAX_PARAMETERS) {
                throw new IllegalArgumentException("the signature header has too many parameters");
            }
        }
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
