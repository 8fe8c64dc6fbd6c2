package social.muse.federation.transport;

import java.util.Map;
import java.util.Objects;

/**
 * Per-call choices of {@link FederationClient}.
 *
 * @param maxBodyBytes the most response body bytes accepted, counted after gzip decoding
 * @param signer       signs each hop of the request; {@link #UNSIGNED} adds nothing
 */
public record FetchOptions(long maxBodyBytes, RequestSigner signer) {

    /** Enough for any ActivityPub document, WebFinger or NodeInfo answer. */
    public static final long DOCUMENT_MAX_BODY_BYTES = 1024 * 1024;
    /** For avatars, headers and cover art. */
    public static final long MEDIA_MAX_BODY_BYTES = 8 * 1024 * 1024;

    public static final RequestSigner UNSIGNED = (method, target, headers, body) -> Map.of();

    public FetchOptions {
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must not be negative");
        }
        Objects.requireNonNull(signer, "signer");
    }

    /** Unsigned, at most {@link #DOCUMENT_MAX_BODY_BYTES}. */
    public static FetchOptions defaults() {
        return new FetchOptions(DOCUMENT_MAX_BODY_BYTES, UNSIGNED);
    }

    public FetchOptions withMaxBodyBytes(long bytes) {
        return new FetchOptions(bytes, signer);
    }

    public FetchOptions signedBy(RequestSigner requestSigner) {
        return new FetchOptions(maxBodyBytes, requestSigner);
    }
}
