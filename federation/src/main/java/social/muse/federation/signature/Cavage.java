package social.muse.federation.signature;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * draft-cavage-http-signatures-12: the {@code Signature} header's parameters and the signing string. Shared by the
 * verifier and the signer so the two can never disagree.
 */
final class Cavage {

    static final String REQUEST_TARGET = "(request-target)";
    static final String CREATED = "(created)";
    static final String EXPIRES = "(expires)";
    static final int MAX_HEADER_CHARS = 8_192;
    static final int MAX_SIGNED_HEADERS = 32;
    private static final int MAX_SIGNATURE_BYTES = 1_024;

    private Cavage() {
    }

    /**
     * The parsed {@code Signature} header.
     *
     * @param algorithm as sent, lower-cased, or null when absent
     * @param headers the signed header names, lower-cased, in order
     * @param created the {@code created} parameter (epoch seconds) or null
     * @param expires the {@code expires} parameter (epoch seconds) or null
     */
    record Parameters(String keyId, String algorithm, List<String> headers, byte[] signature, Long created,
                      Long expires) {
    }

    /** Parses {@code keyId="…",algorithm="…",headers="…",signature="…"}; an IllegalArgumentException says what is wrong. */
    static Parameters parse(String value) {
        if (value.length() > MAX_HEADER_CHARS) {
            throw new IllegalArgumentException("the signature header is too long");
        }
        Map<String, String> parameters = SignatureParameters.parse(value);
        String keyId = parameters.get("keyid");
        String signature = parameters.get("signature");
        if (keyId == null || keyId.isEmpty()) {
            throw new IllegalArgumentException("the signature has no keyId");
        }
        if (signature == null) {
            throw new IllegalArgumentException("the signature has no signature value");
        }
        byte[] signatureBytes;
        try {
            signatureBytes = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the signature value is not base64");
        }
        if (signatureBytes.length == 0 || signatureBytes.length > MAX_SIGNATURE_BYTES) {
            throw new IllegalArgumentException("the signature value has an impossible length");
        }
        // draft 12 would default to "(created)", but Mastodon and the draft's own Appendix C.1 sign "date" by default
        String headerList = parameters.getOrDefault("headers", "date").strip();
        List<String> headers = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : headerList.split("[ \t]+")) {
            if (name.isEmpty()) {
                continue;
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (!seen.add(lower)) {
                throw new IllegalArgumentException("the headers list names " + lower + " twice");
            }
            headers.add(lower);
            if (headers.size() > MAX_SIGNED_HEADERS) {
                throw new IllegalArgumentException("the headers list is too long");
            }
        }
        if (headers.isEmpty()) {
            throw new IllegalArgumentException("the headers list is empty");
        }
        String algorithm = parameters.get("algorithm");
        return new Parameters(keyId, algorithm == null ? null : algorithm.toLowerCase(Locale.ROOT), headers,
                signatureBytes, epochSeconds(parameters.get("created"), "created"),
                epochSeconds(parameters.get("expires"), "expires"));
    }

    /**
     * The string to sign: one {@code name: value} line per signed header, joined by newlines.
     *
     * @param withQuery whether {@code (request-target)} includes the query; senders disagree, so verifiers try both
     */
    static String signingString(SignedRequest request, List<String> headers, Long created, Long expires,
                                boolean withQuery) {
        StringBuilder out = new StringBuilder();
        for (String name : headers) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(name).append(": ");
            switch (name) {
                case REQUEST_TARGET -> out.append(request.method().toLowerCase(Locale.ROOT)).append(' ')
                        .append(withQuery ? RequestTarget.pathAndQuery(request.target())
                                : RequestTarget.path(request.target()));
                case CREATED -> out.append(required(created, name));
                case EXPIRES -> out.append(required(expires, name));
                default -> out.append(headerValue(request, name));
            }
        }
        return out.toString();
    }

    /** The {@code Signature} header value our signer sends. */
    static String format(String keyId, String algorithm, List<String> headers, byte[] signature) {
        return "keyId=\"" + quoted(keyId) + "\",algorithm=\"" + algorithm + "\",headers=\"" + String.join(" ", headers)
                + "\",signature=\"" + Base64.getEncoder().encodeToString(signature) + "\"";
    }

    static String headerValue(SignedRequest request, String name) {
        String value = request.headers().combined(name)
                .orElseThrow(() -> new IllegalArgumentException("the signed header " + name + " is missing"));
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("the header " + name + " contains a line break");
        }
        return value;
    }

    private static long required(Long value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is signed but its parameter is missing");
        }
        return value;
    }

    private static String quoted(String text) {
        if (text.indexOf('"') >= 0 || text.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("a keyId cannot contain quotes or backslashes");
        }
        return text;
    }

    private static Long epochSeconds(String text, String name) {
        if (text == null) {
            return null;
        }
        // draft 12 allows a decimal expires; the fraction does not matter at our resolution
        int dot = text.indexOf('.');
        String whole = dot >= 0 ? text.substring(0, dot) : text;
        if (whole.isEmpty() || whole.length() > 12 || !whole.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("the " + name + " parameter is not a timestamp");
        }
        return Long.parseLong(whole);
    }
}
