package social.muse.federation.signature;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import social.muse.federation.signature.VerificationResult.Reason;
import social.muse.federation.signature.VerificationResult.Rejected;

/** Body digests: the cavage-era {@code Digest} header (RFC 3230) and RFC 9530 {@code Content-Digest}. */
final class Digests {

    private Digests() {
    }

    static byte[] sha256(byte[] body) {
        return digest("SHA-256", body);
    }

    static byte[] sha512(byte[] body) {
        return digest("SHA-512", body);
    }

    /** {@code SHA-256=<base64>}, the form Mastodon sends and requires. */
    static String digestHeader(byte[] body) {
        return "SHA-256=" + Base64.getEncoder().encodeToString(sha256(body));
    }

    /** {@code sha-256=:<base64>:}. */
    static String contentDigestHeader(byte[] body) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(sha256(body)) + ":";
    }

    /**
     * Checks a {@code Digest} value such as {@code SHA-256=abc=, SHA-512=def=}: every SHA-256 or SHA-512 entry must
     * match, and at least one must be present.
     */
    static Optional<Rejected> checkDigestHeader(String header, byte[] body) {
        boolean checked = false;
        for (String entry : header.split(",")) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                return Optional.of(new Rejected(Reason.MALFORMED, "Digest entry without '='"));
            }
            String algorithm = entry.substring(0, equals).strip().toUpperCase(Locale.ROOT);
            String value = entry.substring(equals + 1).strip();
            byte[] expected = switch (algorithm) {
                case "SHA-256" -> sha256(body);
                case "SHA-512" -> sha512(body);
                default -> null;
            };
            if (expected == null) {
                continue;
            }
            Optional<Rejected> mismatch = compare(expected, value, algorithm);
            if (mismatch.isPresent()) {
                return mismatch;
            }
            checked = true;
        }
        return checked ? Optional.empty()
                : Optional.of(new Rejected(Reason.UNSUPPORTED_ALGORITHM, "Digest has no SHA-256 or SHA-512 value"));
    }

    /** Checks a {@code Content-Digest} dictionary: every sha-256 / sha-512 member must match; one must be present. */
    static Optional<Rejected> checkContentDigest(String header, byte[] body) {
        Map<String, StructuredFields.Member> dictionary;
        try {
            dictionary = StructuredFields.parseDictionary(header);
        } catch (IllegalArgumentException e) {
            return Optional.of(new Rejected(Reason.MALFORMED, "Content-Digest is not a structured dictionary"));
        }
        boolean checked = false;
        for (Map.Entry<String, StructuredFields.Member> member : dictionary.entrySet()) {
            byte[] expected = switch (member.getKey()) {
                case "sha-256" -> sha256(body);
                case "sha-512" -> sha512(body);
                default -> null;
            };
            if (expected == null) {
                continue;
            }
            if (!(member.getValue() instanceof StructuredFields.Item item
                    && item.value() instanceof StructuredFields.ByteSequence given)) {
                return Optional.of(new Rejected(Reason.MALFORMED, "Content-Digest values must be byte sequences"));
            }
            if (!MessageDigest.isEqual(expected, given.bytes())) {
                return Optional.of(new Rejected(Reason.DIGEST_MISMATCH,
                        "the body does not match its Content-Digest " + member.getKey()));
            }
            checked = true;
        }
        return checked ? Optional.empty() : Optional.of(new Rejected(Reason.UNSUPPORTED_ALGORITHM,
                "Content-Digest has no sha-256 or sha-512 value"));
    }

    private static Optional<Rejected> compare(byte[] expected, String base64, String algorithm) {
        byte[] given;
        try {
            given = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return Optional.of(new Rejected(Reason.MALFORMED, "Digest " + algorithm + " is not base64"));
        }
        return MessageDigest.isEqual(expected, given) ? Optional.empty()
                : Optional.of(new Rejected(Reason.DIGEST_MISMATCH, "the body does not match its Digest " + algorithm));
    }

    private static byte[] digest(String algorithm, byte[] body) {
        try {
            return MessageDigest.getInstance(algorithm).digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from the JDK", e);
        }
    }
}
