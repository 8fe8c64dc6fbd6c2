package social.muse.server.http.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.muse.server.BuildInfo;
import social.muse.server.testing.InstanceData;
import social.muse.server.testing.MastodonSchemas;
import social.muse.server.testing.TestHttp;
import social.muse.server.testing.TestInstance;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstanceRoutesIT {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static TestInstance instance;

    @BeforeAll
    static void start() {
        instance = TestInstance.start(Map.of(
                "MUSE_INSTANCE_TITLE", "Muse Test",
                "MUSE_INSTANCE_DESCRIPTION", "Rate <albums> & review them.\n\nSecond paragraph.",
                "MUSE_INSTANCE_CONTACT_EMAIL", "admin@example.org"));
        InstanceData.populate(instance);
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    private static JsonNode getJson(String path) {
        TestHttp.Response res = instance.http().get(path);
        assertEquals(200, res.status(), path + ": " + res);
        assertTrue(res.header("Content-Type").orElseThrow().startsWith("application/json"), path);
        assertEquals("*", res.header("Access-Control-Allow-Origin").orElseThrow(), path);
        return res.json();
    }

    @Test
    void v2InstanceIsAValidMastodonInstance() {
        JsonNode body = getJson("/api/v2/instance");
        MastodonSchemas.assertFullyValid("Instance", body);

        String version = BuildInfo.load().version();
        assertEquals(instance.env().get("MUSE_DOMAIN"), body.get("domain").asText());
        assertEquals("Muse Test", body.get("title").asText());
        assertEquals(MastodonCompatibility.API_LEVEL + " (compatible; Muse " + version + ")", body.get("version").asText());
        assertEquals(instance.baseUrl(), body.get("source_url").asText(), "the instance's own address unless the operator sets a source URL");
        assertEquals("Rate <albums> & review them.\n\nSecond paragraph.", body.get("description").asText());
        assertEquals(2, body.at("/usage/users/active_month").asLong());
        assertEquals("ws://" + instance.env().get("MUSE_DOMAIN"), body.at("/configuration/urls/streaming").asText());
        assertEquals(5000, body.at("/configuration/statuses/max_characters").asInt());
        assertEquals(4, body.at("/configuration/statuses/max_media_attachments").asInt());
        assertEquals(23, body.at("/configuration/statuses/characters_reserved_per_url").asInt());
        assertTrue(body.at("/configuration/accounts").has("max_featured_tags"));
        assertEquals(2097152, body.at("/configuration/media_attachments/image_size_limit").asLong());
        assertFalse(body.at("/configuration/translation/enabled").asBoolean());
        assertTrue(body.at("/registrations/enabled").asBoolean());
        assertFalse(body.at("/registrations/approval_required").asBoolean());
        assertTrue(body.at("/registrations/message").isNull());
        assertEquals(MastodonCompatibility.API_VERSION, body.at("/api_versions/mastodon").asInt());
        assertEquals("admin@example.org", body.at("/contact/email").asText());
        assertTrue(body.at("/contact/account").isNull());
        assertEquals("[\"en\"]", body.get("languages").toString());
        assertEquals(0, body.get("rules").size());
    }

    @Test
    void versionStringIsParsableByClients() {
        String version = getJson("/api/v2/instance").get("version").asText();
        // Ice Cubes and Phanpy read the leading x.y.z; Soapbox-style clients read the part in parentheses.
        assertTrue(version.matches("^\\d+\\.\\d+\\.\\d+ \\(compatible; Muse \\S+\\)$"), version);
    }

    @Test
    void thumbnailAndIconsAreRealImages() {
        JsonNode body = getJson("/api/v2/instance");
        List<String> urls = new java.util.ArrayList<>();
        urls.add(body.at("/thumbnail/url").asText());
        body.get("icon").forEach(icon -> urls.add(icon.get("src").asText()));
        assertEquals(3, urls.size());
        assertEquals("192x192", body.at("/icon/0/size").asText());
        for (String url : urls) {
            assertTrue(url.startsWith(instance.baseUrl() + "/"), url);
            HttpResponse<byte[]> image = bytes(url);
            assertEquals(200, image.statusCode(), url);
            assertEquals("image/png", image.headers().firstValue("Content-Type").orElseThrow(), url);
            byte[] head = java.util.Arrays.copyOf(image.body(), PNG_SIGNATURE.length);
            assertArrayEquals(PNG_SIGNATURE, head, url);
        }
        assertEquals(body.at("/thumbnail/url").asText(), getJson("/api/v1/instance").get("thumbnail").asText());
        assertEquals(404, instance.http().get("/instance/secret.png").status());
    }

    @Test
    void v1InstanceIsAValidMastodonV1Instance() {
        JsonNode body = getJson("/api/v1/instance");
        MastodonSchemas.assertFullyValid("V1Instance", body);

        assertEquals(instance.env().get("MUSE_DOMAIN"), body.get("uri").asText());
        assertEquals("Muse Test", body.get("title").asText());
        assertEquals("admin@example.org", body.get("email").asText());
        assertEquals(getJson("/api/v2/instance").get("version").asText(), body.get("version").asText());
        assertEquals("ws://" + instance.env().get("MUSE_DOMAIN"), body.at("/urls/streaming_api").asText());
        assertEquals(4, body.at("/stats/user_count").asLong());
        assertEquals(0, body.at("/stats/status_count").asLong());
        assertEquals(2, body.at("/stats/domain_count").asLong());
        assertTrue(body.get("registrations").asBoolean());
        assertFalse(body.get("approval_required").asBoolean());
        assertTrue(body.get("contact_account").isNull());
        assertEquals(5000, body.at("/configuration/statuses/max_characters").asInt());
    }

    @Test
    void registrationModesAreReported() {
        try (TestInstance approval = TestInstance.start(Map.of("MUSE_REGISTRATIONS", "approval"))) {
            JsonNode v2 = approval.http().get("/api/v2/instance").json();
            MastodonSchemas.assertValid("Instance", v2);
            assertTrue(v2.at("/registrations/enabled").asBoolean());
            assertTrue(v2.at("/registrations/approval_required").asBoolean());
            JsonNode v1 = approval.http().get("/api/v1/instance").json();
            MastodonSchemas.assertValid("V1Instance", v1);
            assertTrue(v1.get("registrations").asBoolean());
            assertTrue(v1.get("approval_required").asBoolean());
        }
        try (TestInstance closed = TestInstance.start(Map.of("MUSE_REGISTRATIONS", "closed"))) {
            JsonNode v2 = closed.http().get("/api/v2/instance").json();
            MastodonSchemas.assertValid("Instance", v2);
            assertFalse(v2.at("/registrations/enabled").asBoolean());
            assertFalse(v2.at("/registrations/message").asText().isBlank());
            JsonNode v1 = closed.http().get("/api/v1/instance").json();
            MastodonSchemas.assertValid("V1Instance", v1);
            assertFalse(v1.get("registrations").asBoolean());
        }
    }

    @Test
    void httpsDomainsStreamOverWss() {
        try (TestInstance https = TestInstance.start(Map.of("MUSE_PUBLIC_SCHEME", "https"))) {
            // The public scheme is https (a TLS proxy's job); the test talks plain HTTP to the port.
            JsonNode v2 = https.http().get("http://127.0.0.1:" + https.app().port() + "/api/v2/instance").json();
            assertEquals("wss://" + https.env().get("MUSE_DOMAIN"), v2.at("/configuration/urls/streaming").asText());
            assertTrue(v2.at("/thumbnail/url").asText().startsWith("https://"));
        }
    }

    @Test
    void rulesAndCustomEmojisAreEmptyLists() {
        assertEquals("[]", getJson("/api/v1/instance/rules").toString());
        assertEquals("[]", getJson("/api/v1/custom_emojis").toString());
    }

    @Test
    void peersAreTheKnownRemoteDomains() {
        assertEquals("[\"other.example\",\"remote.example\"]", getJson("/api/v1/instance/peers").toString());
    }

    @Test
    void activityHasTwelveWeeksOfRealCounts() {
        JsonNode weeks = getJson("/api/v1/instance/activity");
        assertEquals(12, weeks.size());
        long total = 0;
        long logins = 0;
        long previous = Long.MAX_VALUE;
        for (JsonNode week : weeks) {
            long start = Long.parseLong(week.get("week").asText());
            assertEquals(DayOfWeek.MONDAY, Instant.ofEpochSecond(start).atOffset(ZoneOffset.UTC).getDayOfWeek());
            assertEquals(0, start % 86_400, "weeks start at midnight UTC");
            if (previous != Long.MAX_VALUE) {
                assertEquals(7 * 86_400, previous - start, "newest first, one week apart");
            }
            previous = start;
            assertEquals("0", week.get("statuses").asText());
            total += Long.parseLong(week.get("registrations").asText());
            logins += Long.parseLong(week.get("logins").asText());
        }
        long newest = Long.parseLong(weeks.get(0).get("week").asText());
        long now = Instant.now().getEpochSecond();
        assertTrue(newest <= now && now - newest < 7 * 86_400, "the first week is the current one");
        // In the last 12 weeks: dave signed up; alice used her token 10 days ago (eve is suspended, frank unapproved).
        assertEquals(1, total);
        assertEquals(1, logins);
    }

    @Test
    void extendedDescriptionIsEscapedHtml() {
        JsonNode body = getJson("/api/v1/instance/extended_description");
        MastodonSchemas.assertValid("ExtendedDescription", body);
        assertEquals("<p>Rate &lt;albums&gt; &amp; review them.</p><p>Second paragraph.</p>", body.get("content").asText());
        Instant updatedAt = Instant.parse(body.get("updated_at").asText());
        assertFalse(updatedAt.isAfter(Instant.now()));
    }

    /** Mastodon's own behaviour, and the one allowlisted gap of these schemas. */
    @Test
    void emptyContactEmailIsSentAsEmptyString() {
        try (TestInstance plain = TestInstance.start()) {
            JsonNode v2 = plain.http().get("/api/v2/instance").json();
            assertEquals("", v2.at("/contact/email").asText());
            MastodonSchemas.assertValid("Instance", v2);
            var error = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                    () -> MastodonSchemas.assertFullyValid("Instance", v2));
            assertTrue(error.getMessage().contains("/contact/email"), error.getMessage());
            MastodonSchemas.assertValid("V1Instance", plain.http().get("/api/v1/instance").json());
        }
    }

    private static HttpResponse<byte[]> bytes(String url) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(instance.http().request(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
