package social.muse.federation.followers;

import social.muse.federation.signature.SignatureParameters;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * FEP-8fcf followers synchronisation: the {@code Collection-Synchronization} header a sender puts on a delivery, telling
 * the receiving server which of its actors the sender believes follow it (as a digest), and where to fetch that
 * partial followers list when the receiver's view differs.
 *
 * @param collectionId the sender's followers collection
 * @param url          the partial followers collection for the receiving server
 * @param digest       {@link #digest(Iterable)} of the followers on the receiving server, lower-case hex
 */
public record CollectionSynchronization(String collectionId, String url, String digest) {
    public static final String HEADER = "collection-synchronization";
    private static final int MAX_HEADER_CHARS = 4_096;

    /** The header value, in the signature parameter syntax. */
    public String headerValue() {
        return "collectionId=\"" + quote(collectionId) + "\", url=\"" + quote(url) + "\", digest=\"" + digest + "\"";
    }

    /** Reads a header value; empty when it is malformed, incomplete or oversized (the FEP says to ignore such headers). */
    public static Optional<CollectionSynchronization> parse(String value) {
        if (value == null || value.length() > MAX_HEADER_CHARS) {
            return Optional.empty();
        }
        try {
            Map<String, String> parameters = SignatureParameters.parse(value);
            String collectionId = parameters.get("collectionid");
            String url = parameters.get("url");
            String digest = parameters.get("digest");
            if (collectionId == null || url == null || digest == null || !digest.matches("[0-9a-fA-F]{64}")) {
                return Optional.empty();
            }
            return Optional.of(new CollectionSynchronization(collectionId, url, digest.toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The checks a receiver must make before trusting the header: the collection is the sender's followers collection,
     * and the list to fetch is on the sender's own server (so a sender cannot make us fetch a third party's data).
     */
    public boolean isFor(String senderFollowersCollection) {
        return collectionId.equals(senderFollowersCollection) && sameOrigin(url, collectionId);
    }

    /** XOR of the SHA-256 digests of each follower id, as lower-case hex; 64 zeros for none. */
    public static String digest(Iterable<String> followerIds) {
        byte[] combined = new byte[32];
        MessageDigest sha256 = sha256();
        for (String id : followerIds) {
            byte[] hash = sha256.digest(id.getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < combined.length; i++) {
                combined[i] ^= hash[i];
            }
        }
        return HexFormat.of().formatHex(combined);
    }

    /** The scheme and authority a partial collection is cut by, e.g. {@code https://example.org}; empty for bad URIs. */
    public static Optional<String> origin(String uri) {
        try {
            URI parsed = URI.create(uri);
            if (parsed.getScheme() == null || parsed.getRawAuthority() == null) {
                return Optional.empty();
            }
            return Optional.of(parsed.getScheme().toLowerCase(Locale.ROOT) + "://"
                    + parsed.getRawAuthority().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** True when {@code id} lies under {@code origin} (an {@link #origin(String)} value). */
    public static boolean isUnder(String id, String origin) {
        return origin(id).filter(origin::equals).isPresent();
    }

    private static boolean sameOrigin(String a, String b) {
        Optional<String> left = origin(a);
        return left.isPresent() && left.equals(origin(b));
    }

    private static String quote(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
