package social.muse.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Everything a Muse instance is configured with, validated once at start-up. */
public record MuseConfig(
        int port,
        String bindAddress,
        String domain,
        String publicScheme,
        Path dataDir,
        Instance instance,
        Db db,
        Registrations registrations,
        boolean passwordGrant,
        boolean allowPrivateAddresses,
        boolean authorizedFetch,
        Optional<Smtp> smtp,
        Media media,
        DomainPolicies domainPolicies) {

    public enum Registrations {
        OPEN, APPROVAL, CLOSED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code sourceUrl}: where the source of the running version is published; empty when the operator has not said. */
    public record Instance(String title, String description, String contactEmail, String sourceUrl) {
    }

    /** {@code url} empty means the embedded PostgreSQL under the data directory. */
    public record Db(String url, String user, String password, int poolSize) {
        public boolean embedded() {
            return url.isEmpty();
        }

        /** The URL with any password in it (user:password@ or a password parameter) masked, for messages and logs. */
        public String redactedUrl() {
            return url.replaceAll("(//[^/@:]*:)[^/@]*@", "$1***@")
                    .replaceAll("(?i)([?&;]password=)[^&;]*", "$1***");
        }

        @Override
        public String toString() {
            return "Db[url=" + redactedUrl() + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***") + ", poolSize=" + poolSize + "]";
        }
    }

    public enum SmtpSecurity { NONE, STARTTLS, TLS }

    public record Smtp(String host, int port, String user, String password, String from, SmtpSecurity security) {
        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + port + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***")
                    + ", from=" + from + ", security=" + security + "]";
        }
    }

    public record Media(long avatarMaxBytes, long headerMaxBytes, long attachmentMaxBytes) {
    }

    /** Servers (lower-case {@code host} or {@code host:port}) suspended or silenced by configuration. */
    public record DomainPolicies(List<String> suspended, List<String> silenced) {
        public DomainPolicies {
            suspended = List.copyOf(suspended);
            silenced = List.copyOf(silenced);
        }
    }

    /** The public base URL, e.g. {@code https://muse.example} or {@code http://localhost:8080}. */
    public String baseUrl() {
        return publicScheme + "://" + domain;
    }

    /** The host part of the domain, without the port. */
    public String host() {
        int colon = domain.lastIndexOf(':');
        return colon < 0 || domain.endsWith("]") ? domain : domain.substring(0, colon);
    }
}
