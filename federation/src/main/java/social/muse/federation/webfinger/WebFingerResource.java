package social.muse.federation.webfinger;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code resource} of a WebFinger query, in the forms servers send: {@code acct:user@host},
 * a bare {@code user@host} (also with a leading {@code @}), or an https/http URL of an actor or
 * profile page.
 */
public sealed interface WebFingerResource {
    /** {@code user@host}; the host keeps its port, as instances on non-default ports need. */
    record Account(String username, String host) implements WebFingerResource {
        public String acct() {
            return "acct:" + username + "@" + host;
        }
    }

    record Url(URI uri) implements WebFingerResource {
    }

    static Optional<WebFingerResource> parse(String resource) {
        if (resource == null) {
            return Optional.empty();
        }
        String value = resource.strip();
        if (value.isEmpty() || value.length() > 2048) {
            return Optional.empty();
        }
        if (value.regionMatches(true, 0, "acct:", 0, 5)) {
            return account(value.substring(5));
        }
        if (value.regionMatches(true, 0, "https://", 0, 8) || value.regionMatches(true, 0, "http://", 0, 7)) {
            try {
                URI uri = new URI(value);
                return uri.getHost() == null ? Optional.empty() : Optional.of(new Url(uri));
            } catch (URISyntaxException e) {
                return Optional.empty();
            }
        }
        return account(value.startsWith("@") ? value.substring(1) : value);
    }

    private static Optional<WebFingerResource> account(String text) {
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            return Optional.empty();
        }
        String username = text.substring(0, at);
        String host = text.substring(at + 1).toLowerCase(Locale.ROOT);
        if (!username.matches("[A-Za-z0-9_.\\-~]+") || !host.matches("[a-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9a-f:.]+](:[0-9]{1,5})?")) {
            return Optional.empty();
        }
        return Optional.of(new Account(username, host));
    }
}
