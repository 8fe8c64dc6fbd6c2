package social.muse.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Checks response bodies against Mastodon's entity schemas (test resource
 * {@code mastodon-schemas/mastodon-entities.json}, see its README for origin and licence), with
 * format assertions on, so a body that passes has every required field with the right type.
 */
public final class MastodonSchemas {
    private static final String RESOURCE = "/mastodon-schemas/mastodon-entities.json";
    private static final String BASE = "https://spec.invalid/mastodon-entities.json";

    /**
     * A deliberate difference between Muse and a Mastodon schema: errors of {@code keyword} at
     * {@code instanceLocation} (as the validator prints it, e.g. {@code /contact/email}) are accepted
     * when validating {@code schema}, for the named property ({@code null}: any) and only while the
     * offending value is {@code value} ({@code null}: any value). Each needs a reason.
     */
    public record Gap(String schema, String instanceLocation, String keyword, String property, JsonNode value, String reason) {
        public Gap {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("A schema gap needs its reason");
            }
        }

        boolean covers(String schemaName, Error error) {
            return schema.equals(schemaName)
                    && instanceLocation.equals(error.getInstanceLocation().toString())
                    && keyword.equals(error.getKeyword())
                    && (property == null || property.equals(error.getProperty()))
                    && (value == null || value.equals(error.getInstanceNode()));
        }
    }

    /** Where Muse knowingly differs from the spec. Keep it short; every entry is a promise to clients we don't keep. */
    public static final List<Gap> ALLOWED_GAPS = List.of(
            new Gap("Instance", "/contact/email", "format", null, TextNode.valueOf(""),
                    "No contact address configured: Mastodon sends \"\" then too (site_contact_email defaults to '')."),
            new Gap("V1Instance", "/email", "format", null, TextNode.valueOf(""),
                    "No contact address configured: Mastodon sends \"\" then too (site_contact_email defaults to '')."),
            new Gap("Application", "", "required", "vapid_key", null,
                    "No Web Push yet, so no VAPID key; Mastodon 4.3 deprecated the field here in favour of the instance's configuration.vapid."),
            new Gap("CredentialApplication", "", "required", "vapid_key", null,
                    "No Web Push yet, so no VAPID key; Mastodon 4.3 deprecated the field here in favour of the instance's configuration.vapid."));

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(),
            builder -> builder
                    .schemas(Map.of(BASE, read()))
                    .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private MastodonSchemas() {
    }

    /**
     * Fails with every violation listed unless {@code body} is a valid {@code schemaName} (e.g.
     * "Instance", "V1Instance"), apart from the {@link #ALLOWED_GAPS}.
     */
    public static void assertValid(String schemaName, JsonNode body) {
        assertValid(schemaName, body, ALLOWED_GAPS);
    }

    /** As {@link #assertValid(String, JsonNode)} but with no gaps allowed: the body meets the spec in full. */
    public static void assertFullyValid(String schemaName, JsonNode body) {
        assertValid(schemaName, body, List.of());
    }

    private static void assertValid(String schemaName, JsonNode body, List<Gap> gaps) {
        List<Error> errors = unexpectedErrors(schemaName, body, gaps);
        if (!errors.isEmpty()) {
            throw new AssertionError("Not a valid Mastodon " + schemaName + " (" + errors.size() + " problems):\n  "
                    + errors.stream().map(Error::toString).collect(Collectors.joining("\n  "))
                    + "\nBody: " + body.toPrettyString());
        }
    }

    /** The violations of {@code schemaName} in {@code body} that no gap in {@code gaps} covers. */
    static List<Error> unexpectedErrors(String schemaName, JsonNode body, List<Gap> gaps) {
        return schema(schemaName).validate(body).stream()
                .filter(error -> gaps.stream().noneMatch(gap -> gap.covers(schemaName, error)))
                .toList();
    }

    private static Schema schema(String schemaName) {
        return SCHEMAS.computeIfAbsent(schemaName, name -> {
            Schema schema = REGISTRY.getSchema(SchemaLocation.of(BASE + "#/components/schemas/" + name));
            if (schema.getSchemaNode().isMissingNode() || schema.getSchemaNode().isNull()) {
                throw new IllegalArgumentException("No Mastodon schema named " + name + " in " + RESOURCE);
            }
            return schema;
        });
    }

    private static String read() {
        try (InputStream in = MastodonSchemas.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
