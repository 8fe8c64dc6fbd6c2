package social.muse.federation.signature;

import java.net.URI;
import java.util.Locale;

/** The pieces of a request URI that both signature schemes sign, normalised the same way for signing and verifying. */
final class RequestTarget {

    private RequestTarget() {
    }

    /** Lower-case scheme. */
    static String scheme(URI target) {
        return target.getScheme().toLowerCase(Locale.ROOT);
    }

    /** Lower-case host, with the port only when it is not the scheme's default (RFC 9110 §4.2.3). */
    static String authority(URI target) {
        String host = target.getHost() != null ? target.getHost() : target.getRawAuthority();
        host = host.toLowerCase(Locale.ROOT);
        int port = target.getPort();
        boolean defaultPort = port == -1
                || (port == 443 && "https".equals(scheme(target)))
                || (port == 80 && "http".equals(scheme(target)));
        return defaultPort ? host : host + ":" + port;
    }

    /** The raw (still percent-encoded) path, {@code /} when empty. */
    static String path(URI target) {
        String path = target.getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    /** The raw query without {@code ?}, or null when there is none. */
    static String query(URI target) {
        return target.getRawQuery();
    }

    /** Path plus {@code ?query} when there is a query: the origin-form request target. */
    static String pathAndQuery(URI target) {
        String query = query(target);
        return query == null ? path(target) : path(target) + "?" + query;
    }

    /** The absolute target URI without fragment, as RFC 9421 {@code @target-uri} signs it. */
    static String targetUri(URI target) {
        return scheme(target) + "://" + authority(target) + pathAndQuery(target);
    }
}
