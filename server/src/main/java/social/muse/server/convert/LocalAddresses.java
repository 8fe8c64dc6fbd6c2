package social.muse.server.convert;

import social.muse.federation.webfinger.WebFingerResource;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Recognises this instance's own addresses: {@code user@our.domain} handles and our actor/profile URLs. */
public final class LocalAddresses {
    private final Uris uris;
    private final String domain;

    public LocalAddresses(Uris uris, String domain) {
        this.uris = uris;
        this.domain = domain.toLowerCase(Locale.ROOT);
    }

    /** The local username a WebFinger resource names, if it names one of ours. */
    public Optional<String> username(WebFingerResource resource) {
        return switch (resource) {
            case WebFingerResource.Account account -> account.host().equals(domain) ? Optional.of(account.username()) : Optional.empty();
            case WebFingerResource.Url url -> usernameFromUrl(url.uri());
        };
    }

    /** The local username a search query ({@code @user@host} or a URL) names, if any. */
    public Optional<String> username(String query) {
        return WebFingerResource.parse(query).flatMap(this::username);
    }

    private Optional<String> usernameFromUrl(URI uri) {
        String text = uri.toString();
        for (String prefix : List.of(uris.base() + "/users/", uris.base() + "/@")) {
            if (text.startsWith(prefix)) {
                String rest = text.substring(prefix.length());
                return rest.matches("[A-Za-z0-9_]+") ? Optional.of(rest) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
