package social.muse.federation.transport;

import java.time.Duration;

/**
 * Time limits of the federation client.
 *
 * @param connectTimeout  to establish one TCP (and TLS) connection
 * @param readTimeout     for any single wait for data from the remote
 * @param requestDeadline for a whole call, redirects and body included; a remote that trickles bytes just inside
 *                        the read timeout is cut off here
 * @param maxRedirects    GET redirects followed before giving up
 */
public record TransportSettings(Duration connectTimeout, Duration readTimeout, Duration requestDeadline,
                                int maxRedirects) {

    public TransportSettings {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        requirePositive(requestDeadline, "requestDeadline");
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects must not be negative");
        }
    }

    /** 5 s to connect, 10 s per read, 20 s in all, 3 redirects. */
    public static TransportSettings defaults() {
        return new TransportSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20), 3);
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
