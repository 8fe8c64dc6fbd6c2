package social.muse.federation.transport;

import java.net.URI;

/**
 * A redirect was not followed: too many hops, a scheme other than http/https, a downgrade from https to http,
 * or credentials the caller supplied would have gone to another origin.
 */
public final class RedirectRefusedException extends TransportException {

    public RedirectRefusedException(URI from, String reason) {
        super("not following redirect from " + from + ": " + reason);
    }
}
