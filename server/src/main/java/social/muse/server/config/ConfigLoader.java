package social.muse.server.config;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads {@code application.yaml} from the classpath and applies environment overrides.
 * The environment is passed in (never read globally) so tests and side-by-side instances
 * each get their own configuration.
 */
public final class ConfigLoader {
    private static final Pattern DOMAIN = Pattern.compile(
            "(?i)(\\[[0-9a-f:.]+]|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)(:[0-9]{1,5})?");

    private final Config yaml;
    private final Map<String, String> env;

    private ConfigLoader(Config yaml, Map<String, String> env) {
        this.yaml = yaml;
        this.env = env;
    }

    public static MuseConfig load(Map<String, String> env) {
        Config yaml = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.classpath("application.yaml"))
                .build();
        return new ConfigLoader(yaml, env).read();
    }

    /** MUSE_ + the key path upper-cased, '.' and '-' as '_': muse.db.url → MUSE_DB_URL. */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private MuseConfig read() {
        // not 0: the public URL (default domain localhost:<port>) must name the port people reach
        int port = integer("muse.port", 1, 65535);
        String bindAddress = string("muse.bind-address");
        String domain = string("muse.domain").toLowerCase(Locale.ROOT);
        if (domain.isEmpty()) {
            domain = "localhost:" + port;
        } else if (!DOMAIN.matcher(domain).matches() || !hasValidPort(domain)) {
            throw invalid("muse.domain", domain, "a host name with an optional port, such as muse.example or localhost:8080");
        }
        String scheme = string("muse.public-scheme");
        if (scheme.isEmpty()) {
            scheme = isLoopbackHost(domain) ? "http" : "https";
        } else if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid("muse.public-scheme", scheme, "http or https");
        }
        Path dataDir = path("muse.data-dir");

        var instance = new MuseConfig.Instance(
                string("muse.instance.title"),
                string("muse.instance.description"),
                string("muse.instance.contact-email"),
                string("muse.instance.source-url"));
        var db = new MuseConfig.Db(
                string("muse.db.url"),
                string("muse.db.user"),
                string("muse.db.password"),
                integer("muse.db.pool-size", 1, 200));
        if (!db.url().isEmpty() && !db.url().startsWith("jdbc:postgresql:")) {
            throw invalid("muse.db.url", db.redactedUrl(), "a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/muse) or empty for the embedded database");
        }
        var registrations = enumValue("muse.registrations", MuseConfig.Registrations.class);
        boolean passwordGrant = bool("muse.oauth.password-grant");
        boolean allowPrivate = bool("muse.federation.allow-private-addresses");
        boolean authorizedFetch = bool("muse.federation.authorized-fetch");

        Optional<MuseConfig.Smtp> smtp = Optional.empty();
        String smtpHost = string("muse.smtp.host");
        if (!smtpHost.isEmpty()) {
            String from = string("muse.smtp.from");
            if (from.isEmpty() || !from.contains("@")) {
                throw invalid("muse.smtp.from", from, "the sender address of mail, such as muse@example.org, when muse.smtp.host is set");
            }
            smtp = Optional.of(new MuseConfig.Smtp(
                    smtpHost,
                    integer("muse.smtp.port", 1, 65535),
                    string("muse.smtp.user"),
                    string("muse.smtp.password"),
                    from,
                    enumValue("muse.smtp.security", MuseConfig.SmtpSecurity.class)));
        }
        var media = new MuseConfig.Media(
                integer("muse.media.avatar-max-bytes", 1024, 64 * 1024 * 1024),
                integer("muse.media.header-max-bytes", 1024, 64 * 1024 * 1024),
                integer("muse.media.attachment-max-bytes", 1024, 256 * 1024 * 1024));

        var domainPolicies = new MuseConfig.DomainPolicies(
                domains("muse.federation.suspended-domains"), domains("muse.federation.silenced-domains"));
        domainPolicies.suspended().stream().filter(domainPolicies.silenced()::contains).findFirst().ifPresent(d -> {
            throw invalid("muse.federation.silenced-domains", d, "a domain that is not also suspended");
        });

        return new MuseConfig(port, bindAddress, domain, scheme, dataDir, instance, db,
                registrations, passwordGrant, allowPrivate, authorizedFetch, smtp, media, domainPolicies);
    }

    static boolean isLoopbackHost(String domain) {
        String host = domain.replaceFirst(":[0-9]+$", "");
        return host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    private static boolean hasValidPort(String domain) {
        int colon = domain.lastIndexOf(':');
        if (colon < 0 || domain.endsWith("]")) {
            return true;
        }
        int port = Integer.parseInt(domain.substring(colon + 1));
        return port >= 1 && port <= 65535;
    }

    private String string(String key) {
        String fromEnv = env.get(envName(key));
        if (fromEnv != null) {
            return fromEnv.strip();
        }
        return yaml.get(key).asString()
                .orElseThrow(() -> new ConfigException("Missing configuration key " + key + " (environment variable " + envName(key) + ")"))
                .strip();
    }

    private Path path(String key) {
        String raw = string(key);
        try {
            if (raw.isEmpty()) {
                throw invalid(key, raw, "a directory path, such as ./muse-data");
            }
            return Path.of(raw).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw invalid(key, raw, "a directory path, such as ./muse-data");
        }
    }

    private int integer(String key, int min, int max) {
        String raw = string(key);
        try {
            int value = Integer.parseInt(raw);
            if (value < min || value > max) {
                throw invalid(key, raw, "a whole number from " + min + " to " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(key, raw, "a whole number from " + min + " to " + max);
        }
    }

    /** A comma-separated list of server names ({@code host} or {@code host:port}), lower-cased; empty for none. */
    private List<String> domains(String key) {
        String raw = string(key);
        List<String> domains = new ArrayList<>();
        for (String part : raw.split(",")) {
            String domain = part.strip().toLowerCase(Locale.ROOT);
            if (domain.isEmpty()) {
                continue;
            }
            if (!domain.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?")) {
                throw invalid(key, part.strip(), "comma-separated server names such as spam.example, other.example:8443");
            }
            domains.add(domain);
        }
        return List.copyOf(domains);
    }

    private boolean bool(String key) {
        String raw = string(key);
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, raw, "true or false");
        };
    }

    private <E extends Enum<E>> E enumValue(String key, Class<E> type) {
        String raw = string(key);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(raw)) {
                return constant;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            allowed.append(allowed.isEmpty() ? "" : " | ").append(constant.name().toLowerCase(Locale.ROOT));
        }
        throw invalid(key, raw, allowed.toString());
    }

    private static ConfigException invalid(String key, String value, String expected) {
        return new ConfigException("Invalid configuration " + key + " (environment variable " + envName(key) + "): '"
                + value + "' is not valid; expected " + expected + ".");
    }
}
