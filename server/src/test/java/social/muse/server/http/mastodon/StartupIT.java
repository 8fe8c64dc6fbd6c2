package social.muse.server.http.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.muse.server.testing.MastodonFixtures;
import social.muse.server.testing.MastodonFixtures.Person;
import social.muse.server.testing.MastodonSchemas;
import social.muse.server.testing.TestHttp;
import social.muse.server.testing.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The endpoints apps call right after signing in: real answers where Muse has the data, empty ones elsewhere. */
class StartupIT {
    private static TestInstance instance;
    private static TestHttp http;
    private static Person alice;

    @BeforeAll
    static void start() {
        instance = TestInstance.start();
        http = instance.http();
        alice = new MastodonFixtures(http).signUp("alice");
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    @Test
    void preferencesComeFromTheAccountsSettings() {
        http.send(http.request("/api/v1/accounts/update_credentials")
                .header("Authorization", "Bearer " + alice.accessToken())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("source%5Bprivacy%5D=unlisted")));
        JsonNode preferences = http.get("/api/v1/preferences", alice.accessToken()).json();
        assertEquals("unlisted", preferences.get("posting:default:visibility").asText());
        assertFalse(preferences.get("posting:default:sensitive").asBoolean());
        assertEquals("default", preferences.get("reading:expand:media").asText());
        assertEquals(401, http.get("/api/v1/preferences").status());
    }

    @Test
    void markersAreSavedAndVersioned() {
        assertEquals(0, http.get("/api/v1/markers?timeline[]=home", alice.accessToken()).json().size());
        JsonNode saved = http.postForm("/api/v1/markers", Map.of("home[last_read_id]", "1234"), alice.accessToken()).json();
        assertEquals("1234", saved.get("home").get("last_read_id").asText());
        assertEquals(1, saved.get("home").get("version").asInt());
        http.postJson("/api/v1/markers", Map.of("home", Map.of("last_read_id", "1300"),
                "notifications", Map.of("last_read_id", "77")), alice.accessToken());
        JsonNode both = http.get("/api/v1/markers?timeline[]=home&timeline[]=notifications", alice.accessToken()).json();
        assertEquals("1300", both.get("home").get("last_read_id").asText());
        assertEquals(2, both.get("home").get("version").asInt());
        assertEquals("77", both.get("notifications").get("last_read_id").asText());
    }

    @Test
    void suggestionsAreLocalPeopleNotYetFollowed() {
        Person viv = new MastodonFixtures(http).signUp("viv");
        new MastodonFixtures(http).signUp("walt");
        String waltId = http.get("/api/v1/accounts/lookup?acct=walt").json().get("id").asText();
        http.postJson("/api/v1/accounts/" + waltId + "/follow", Map.of(), viv.accessToken());
        TestHttp.Response v2 = http.get("/api/v2/suggestions", viv.accessToken());
        List<String> names = new ArrayList<>();
        v2.json().forEach(s -> {
            MastodonSchemas.assertValid("Account", s.get("account"));
            names.add(s.get("account").get("username").asText());
        });
        assertTrue(names.contains("alice"), names::toString);
        assertFalse(names.contains("walt"), "already followed");
        assertFalse(names.contains("viv"), "not oneself");
        assertEquals(v2.json().size(), http.get("/api/v1/suggestions", viv.accessToken()).json().size());
    }

    @Test
    void featuresMuseLacksAnswerEmptyNotMissing() {
        for (String path : List.of("/api/v1/lists", "/api/v1/filters", "/api/v2/filters", "/api/v1/announcements",
                "/api/v1/followed_tags", "/api/v1/conversations", "/api/v1/scheduled_statuses", "/api/v1/domain_blocks",
                "/api/v1/endorsements", "/api/v1/featured_tags")) {
            TestHttp.Response r = http.get(path, alice.accessToken());
            assertEquals(200, r.status(), path);
            assertEquals(0, r.json().size(), path);
            assertEquals(401, http.get(path).status(), path);
        }
        for (String path : List.of("/api/v1/trends", "/api/v1/trends/tags", "/api/v1/trends/statuses", "/api/v1/trends/links")) {
            assertEquals(0, http.get(path).json().size(), path);
        }
    }
}
