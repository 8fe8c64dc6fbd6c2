package social.muse.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {

    private static MuseConfig load(String... keysAndValues) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            env.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return ConfigLoader.load(env);
    }

    private static ConfigException failure(String... keysAndValues) {
        return assertThrows(ConfigException.class, () -> load(keysAndValues));
    }

    @Test
    void withoutEnvironmentEverythingHasItsDefault() {
        MuseConfig config = load();

        assertAll(
                () -> assertEquals(8080, config.port()),
                () -> assertEquals("0.0.0.0", config.bindAddress()),
                () -> assertEquals("localhost:8080", config.domain()),
                () -> assertEquals("http", config.publicScheme()),
                () -> assertEquals("http://localhost:8080", config.baseUrl()),
                () -> assertEquals(Path.of("muse-data").toAbsolutePath().normalize(), config.dataDir()),
                () -> assertTrue(config.dataDir().isAbsolute()),
                () -> assertTrue(config.db().embedded()),
                () -> assertEquals("", config.db().user()),
                () -> assertEquals("", config.db().password()),
                () -> assertEquals(MuseConfig.Registrations.OPEN, config.registrations()),
                () -> assertFalse(config.passwordGrant()),
                () -> assertFalse(config.allowPrivateAddresses()),
                () -> assertFalse(config.authorizedFetch()),
                () -> assertTrue(config.smtp().isEmpty()));
    }

    @Test
    void domainPoliciesAreCommaSeparatedServerNames() {
        MuseConfig config = load("MUSE_FEDERATION_SUSPENDED_DOMAINS", " Spam.Example, other.example:8443 ,",
                "MUSE_FEDERATION_SILENCED_DOMAINS", "loud.example");

        assertEquals(List.of("spam.example", "other.example:8443"), config.domainPolicies().suspended());
        assertEquals(List.of("loud.example"), config.domainPolicies().silenced());
        assertEquals(List.of(), load().domainPolicies().suspended());
        assertTrue(failure("MUSE_FEDERATION_SUSPENDED_DOMAINS", "https://spam.example/").getMessage()
                .contains("MUSE_FEDERATION_SUSPENDED_DOMAINS"));
        assertTrue(failure("MUSE_FEDERATION_SUSPENDED_DOMAINS", "a.example", "MUSE_FEDERATION_SILENCED_DOMAINS", "a.example")
                .getMessage().contains("not also suspended"));
    }

    @Test
    void envNameIsTheKeyPathUpperCasedWithUnderscores() {
        assertEquals("MUSE_DB_URL", ConfigLoader.envName("muse.db.url"));
        assertEquals("MUSE_FEDERATION_ALLOW_PRIVATE_ADDRESSES", ConfigLoader.envName("muse.federation.allow-private-addresses"));
    }

    @Test
    void portOverrideAlsoMovesTheDefaultDomain() {
        MuseConfig config = load("MUSE_PORT", "9123");

        assertEquals(9123, config.port());
        assertEquals("localhost:9123", config.domain());
        assertEquals("http://localhost:9123", config.baseUrl());
    }

    @Test
    void explicitDomainIsKeptWhenThePortChanges() {
        MuseConfig config = load("MUSE_PORT", "9123", "MUSE_DOMAIN", "127.0.0.1:7000");

        assertEquals(9123, config.port());
        assertEquals("127.0.0.1:7000", config.domain());
        assertEquals("http", config.publicScheme());
    }

    @Test
    void publicDomainIsServedOverHttps() {
        MuseConfig config = load("MUSE_DOMAIN", "Muse.Example");

        assertEquals("muse.example", config.domain());
        assertEquals("https", config.publicScheme());
        assertEquals("https://muse.example", config.baseUrl());
        assertEquals("muse.example", config.host());
    }

    @ParameterizedTest
    @CsvSource({"localhost:8080", "LOCALHOST:8080", "127.0.0.1:9000", "[::1]:8080", "muse.localhost"})
    void loopbackDomainsAreServedOverHttp(String domain) {
        assertEquals("http", load("MUSE_DOMAIN", domain).publicScheme());
    }

    @Test
    void publicSchemeCanBeForced() {
        assertEquals("https://localhost:8443", load("MUSE_DOMAIN", "localhost:8443", "MUSE_PUBLIC_SCHEME", "https").baseUrl());
        assertEquals("http://muse.example", load("MUSE_DOMAIN", "muse.example", "MUSE_PUBLIC_SCHEME", "http").baseUrl());
    }

    @Test
    void dataDirOverrideIsMadeAbsolute() {
        assertEquals(Path.of("/var/lib/muse"), load("MUSE_DATA_DIR", "/var/lib/muse/").dataDir());
        assertEquals(Path.of("instances/one").toAbsolutePath(), load("MUSE_DATA_DIR", "instances/./one").dataDir());
    }

    @Test
    void externalDatabaseSettings() {
        MuseConfig config = load(
                "MUSE_DB_URL", "jdbc:postgresql://db.internal:5432/muse",
                "MUSE_DB_USER", "muse",
                "MUSE_DB_PASSWORD", "s3cret-db");

        assertFalse(config.db().embedded());
        assertEquals("jdbc:postgresql://db.internal:5432/muse", config.db().url());
        assertEquals("muse", config.db().user());
        assertEquals("s3cret-db", config.db().password());
    }

    @ParameterizedTest
    @CsvSource({"open,OPEN", "approval,APPROVAL", "closed,CLOSED", "Closed,CLOSED"})
    void registrationModes(String value, MuseConfig.Registrations expected) {
        assertEquals(expected, load("MUSE_REGISTRATIONS", value).registrations());
    }

    @Test
    void booleanSwitches() {
        MuseConfig config = load("MUSE_OAUTH_PASSWORD_GRANT", "true", "MUSE_FEDERATION_ALLOW_PRIVATE_ADDRESSES", "TRUE",
                "MUSE_FEDERATION_AUTHORIZED_FETCH", "true");

        assertTrue(config.passwordGrant());
        assertTrue(config.allowPrivateAddresses());
        assertTrue(config.authorizedFetch());
        assertFalse(load("MUSE_OAUTH_PASSWORD_GRANT", "false").passwordGrant());
    }

    @Test
    void smtpSettings() {
        MuseConfig.Smtp smtp = load(
                "MUSE_SMTP_HOST", "smtp.example.org",
                "MUSE_SMTP_PORT", "465",
                "MUSE_SMTP_USER", "mailer",
                "MUSE_SMTP_PASSWORD", "s3cret-smtp",
                "MUSE_SMTP_FROM", "muse@example.org",
                "MUSE_SMTP_SECURITY", "tls").smtp().orElseThrow();

        assertEquals(new MuseConfig.Smtp("smtp.example.org", 465, "mailer", "s3cret-smtp", "muse@example.org",
                MuseConfig.SmtpSecurity.TLS), smtp);
    }

    @Test
    void smtpDefaultsToPort587WithStarttls() {
        MuseConfig.Smtp smtp = load("MUSE_SMTP_HOST", "smtp.example.org", "MUSE_SMTP_FROM", "muse@example.org")
                .smtp().orElseThrow();

        assertEquals(587, smtp.port());
        assertEquals(MuseConfig.SmtpSecurity.STARTTLS, smtp.security());
    }

    @Test
    void surroundingWhitespaceInTheEnvironmentIsIgnored() {
        assertEquals(9000, load("MUSE_PORT", " 9000 ").port());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "MUSE_PORT | eighty | muse.port",
            "MUSE_PORT | 0 | muse.port",
            "MUSE_PORT | 70000 | muse.port",
            "MUSE_PORT | -1 | muse.port",
            "MUSE_REGISTRATIONS | invite-only | muse.registrations",
            "MUSE_OAUTH_PASSWORD_GRANT | yes | muse.oauth.password-grant",
            "MUSE_FEDERATION_ALLOW_PRIVATE_ADDRESSES | 1 | muse.federation.allow-private-addresses",
            "MUSE_FEDERATION_AUTHORIZED_FETCH | on | muse.federation.authorized-fetch",
            "MUSE_DB_URL | jdbc:mysql://db/muse | muse.db.url",
            "MUSE_DB_POOL_SIZE | 0 | muse.db.pool-size",
            "MUSE_DOMAIN | https://muse.example | muse.domain",
            "MUSE_DOMAIN | muse.example/ | muse.domain",
            "MUSE_DOMAIN | muse example | muse.domain",
            "MUSE_DOMAIN | muse.example:99999 | muse.domain",
            "MUSE_DOMAIN | muse.example:0 | muse.domain",
            "MUSE_PUBLIC_SCHEME | ftp | muse.public-scheme",
            "MUSE_DATA_DIR | '' | muse.data-dir",
            "MUSE_MEDIA_AVATAR_MAX_BYTES | lots | muse.media.avatar-max-bytes",
    })
    void invalidValueFailsNamingTheKeyAndTheVariable(String variable, String value, String key) {
        ConfigException e = failure(variable, value);

        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertTrue(e.getMessage().contains(variable), e.getMessage());
        assertTrue(e.getMessage().contains("'" + value + "'"), e.getMessage());
    }

    @Test
    void smtpHostWithoutSenderFails() {
        ConfigException e = failure("MUSE_SMTP_HOST", "smtp.example.org");

        assertTrue(e.getMessage().contains("muse.smtp.from"), e.getMessage());
        assertTrue(e.getMessage().contains("MUSE_SMTP_FROM"), e.getMessage());
    }

    @Test
    void invalidSmtpSecurityFailsListingTheChoices() {
        ConfigException e = failure("MUSE_SMTP_HOST", "smtp.example.org", "MUSE_SMTP_FROM", "muse@example.org",
                "MUSE_SMTP_SECURITY", "ssl");

        assertTrue(e.getMessage().contains("MUSE_SMTP_SECURITY"), e.getMessage());
        assertTrue(e.getMessage().contains("none | starttls | tls"), e.getMessage());
    }

    @Test
    void secretsDoNotAppearInToString() {
        MuseConfig config = load(
                "MUSE_DB_URL", "jdbc:postgresql://db.internal/muse?user=muse&password=s3cret-in-url",
                "MUSE_DB_PASSWORD", "s3cret-db",
                "MUSE_SMTP_HOST", "smtp.example.org",
                "MUSE_SMTP_PASSWORD", "s3cret-smtp",
                "MUSE_SMTP_FROM", "muse@example.org");

        String text = config.toString();
        assertFalse(text.contains("s3cret"), text);
        assertTrue(text.contains("jdbc:postgresql://db.internal/muse?user=muse&password=***"), text);
        assertTrue(text.contains("smtp.example.org"), text);
    }

    @Test
    void invalidDatabaseUrlIsReportedWithoutItsPassword() {
        ConfigException e = failure("MUSE_DB_URL", "postgres://muse:s3cret@db.internal/muse");

        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertTrue(e.getMessage().contains("postgres://muse:***@db.internal/muse"), e.getMessage());
        assertTrue(e.getMessage().contains("MUSE_DB_URL"), e.getMessage());
    }
}
