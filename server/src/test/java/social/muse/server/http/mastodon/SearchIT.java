package social.muse.server.http.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.muse.server.testing.MastodonFixtures;
import social.muse.server.testing.MastodonFixtures.Person;
import social.muse.server.testing.TestHttp;
import social.muse.server.testing.TestInstance;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SearchIT {
    private static TestInstance instance;
    private static Person alice;

    @BeforeAll
    static void start() {
        instance = TestInstance.start();
        MastodonFixtures fixtures = new MastodonFixtures(instance.http());
        alice = fixtures.signUp("alice");
        fixtures.signUp("alina");
        fixtures.signUp("bob");
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    private static JsonNode search(String q, String token) {
        TestHttp.Response r = instance.http().get("/api/v2/search?resolve=true&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), token);
        assertEquals(200, r.status(), r::toString);
        return r.json();
    }

    @Test
    void findsPeopleByUsernamePrefix() {
        JsonNode found = search("ali", alice.accessToken());
        assertEquals(2, found.get("accounts").size());
        assertEquals("alice", found.at("/accounts/0/username").asText());
        assertEquals(0, found.get("statuses").size());
        assertEquals(0, search("a%", alice.accessToken()).get("accounts").size(), "LIKE wildcards are literal");
    }

    @Test
    void resolvesOwnHandlesAndUrls() {
        String domain = instance.app().config().domain();
        assertEquals("alice", search("@alice@" + domain, alice.accessToken()).at("/accounts/0/username").asText());
        assertEquals("bob", search(instance.baseUrl() + "/users/bob", alice.accessToken()).at("/accounts/0/username").asText());
        assertEquals(0, search("@nobody@" + domain, alice.accessToken()).get("accounts").size());
        assertEquals(400, instance.http().get("/api/v2/search?q=").status());
    }
}
