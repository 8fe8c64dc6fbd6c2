package social.muse.federation.transport;

import java.net.URI;

/** The (decoded) response body exceeded the caller's limit; reading stopped there and the connection was closed. */
public final class ResponseTooLargeException extends TransportException {
    private final long limitBytes;

    public ResponseTooLargeException(URI target, long limitBytes) {
        super("response from " + target + " exceeds " + limitBytes + " bytes");
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
