package social.muse.federation.signature;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import social.muse.federation.signature.StructuredFields.InnerList;
import social.muse.federation.signature.StructuredFields.Item;

/**
 * RFC 9421 signature bases (§2.5), shared by the verifier and the signer. Only request components are supported;
 * component parameters other than {@code name} on {@code @query-param} ({@code sf}, {@code bs}, {@code key},
 * {@code req}, {@code tr}) are refused rather than half-implemented.
 */
final class Rfc9421 {

    static final String SIGNATURE_INPUT = "signature-input";
    static final String SIGNATURE = "signature";
    static final String CONTENT_DIGEST = "content-digest";
    static final int MAX_COMPONENTS = 32;
    static final int MAX_HEADER_CHARS = 8_192;

    private Rfc9421() {
    }

    /** The signature base for these covered components and parameters; IllegalArgumentException when impossible. */
    static String signatureBase(SignedRequest request, InnerList input) {
        if (input.items().size() > MAX_COMPONENTS) {
            throw new IllegalArgumentException("too many covered components");
        }
        StringBuilder base = new StringBuilder();
        Set<String> seen = new HashSet<>();
        for (Item component : input.items()) {
            if (!(component.value() instanceof String name)) {
                throw new IllegalArgumentException("covered components must be strings");
            }
            String identifier = StructuredFields.serialize(component);
            if (!seen.add(identifier)) {
                throw new IllegalArgumentException("the component " + identifier + " is covered twice");
            }
            for (String value : values(request, name, component)) {
                base.append(identifier).append(": ").append(value).append('\n');
            }
        }
        return base.append("\"@signature-params\": ").append(StructuredFields.serialize(input)).toString();
    }

    /** Lower-case names of the covered components, for reporting and policy checks. */
    static List<String> componentNames(InnerList input) {
        List<String> names = new ArrayList<>();
        for (Item item : input.items()) {
            if (item.value() instanceof String name) {
                names.add(name);
            }
        }
        return names;
    }

    private static List<String> values(SignedRequest request, String name, Item component) {
        boolean queryParam = "@query-param".equals(name);
        if (!component.parameters().isEmpty() && !(queryParam && component.parameters().keySet().equals(Set.of("name")))) {
            throw new IllegalArgumentException("unsupported parameters on component " + name);
        }
        var target = request.target();
        return switch (name) {
            case "@method" -> List.of(request.method());
            case "@target-uri" -> List.of(RequestTarget.targetUri(target));
            case "@authority" -> List.of(RequestTarget.authority(target));
            case "@scheme" -> List.of(RequestTarget.scheme(target));
            case "@request-target" -> List.of(RequestTarget.pathAndQuery(target));
            case "@path" -> List.of(RequestTarget.path(target));
            case "@query" -> List.of("?" + (RequestTarget.query(target) == null ? "" : RequestTarget.query(target)));
            case "@query-param" -> queryParameter(request, component);
            default -> {
                if (name.startsWith("@")) {
                    throw new IllegalArgumentException("unsupported derived component " + name);
                }
                if (name.isEmpty() || !name.equals(name.toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("component names must be lower-case");
                }
                yield List.of(Cavage.headerValue(request, name));
            }
        };
    }

    /** RFC 9421 §2.2.8: every occurrence of the named parameter, decoded and re-encoded canonically. */
    private static List<String> queryParameter(SignedRequest request, Item component) {
        if (!(component.parameters().get("name") instanceof String wanted)) {
            throw new IllegalArgumentException("@query-param needs a string name parameter");
        }
        String query = RequestTarget.query(request.target());
        List<String> values = new ArrayList<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                String rawName = equals < 0 ? pair : pair.substring(0, equals);
                String rawValue = equals < 0 ? "" : pair.substring(equals + 1);
                if (wanted.equals(encode(decode(rawName)))) {
                    values.add(encode(decode(rawValue)));
                }
            }
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("the query parameter " + wanted + " is missing");
        }
        return values;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** Percent-encodes everything outside the form-urlencoded safe set, spaces as %20 (not '+'). */
    private static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '*' || c == '-' || c == '.' || c == '_') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
