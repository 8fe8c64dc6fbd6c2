package social.muse.federation.transport;

import java.net.URI;

/** Connecting, waiting for data, or the whole request (redirects included) took longer than allowed. */
public final class RequestTimeoutException extends TransportException {

    public RequestTimeoutException(URI target, String what, Throwable cause) {
        super(what + " timed out for " + target, cause);
    }
}
