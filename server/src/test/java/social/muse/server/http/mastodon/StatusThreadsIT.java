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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A thread around a status, who reacted to it, and one's favourites. */
class StatusThreadsIT {
    private static TestInstance instance;
    private static TestHttp http;
    private static Person alice;
    private static Person bob;
    private static Person carol;

    @BeforeAll
    static void start() {
        instance = TestInstance.start();
        http = instance.http();
        alice = new MastodonFixtures(http).signUp("alice");
        bob = new MastodonFixtures(http).signUp("bob");
        carol = new MastodonFixtures(http).signUp("carol");
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    @Test
    void contextShowsAncestorsAndVisibleDescendants() {
        String root = post(alice, Map.of("status", "What should I play next?"));
        String reply = post(bob, Map.of("status", "@alice Hejira", "in_reply_to_id", root));
        String deeper = post(carol, Map.of("status", "@bob agreed", "in_reply_to_id", reply));
        String secret = post(carol, Map.of("status", "@bob psst", "in_reply_to_id", reply, "visibility", "private"));

        JsonNode context = http.get("/api/v1/statuses/" + reply + "/context").json();
        assertEquals(List.of(root), ids(context.get("ancestors")));
        assertEquals(List.of(deeper), ids(context.get("descendants")), "the followers-only reply is not for anonymous eyes");
        context.get("ancestors").forEach(s -> MastodonSchemas.assertValid("Status", s));
        assertEquals(List.of(deeper, secret), ids(http.get("/api/v1/statuses/" + reply + "/context", carol.accessToken())
                .json().get("descendants")));
        assertEquals(List.of(reply, deeper), ids(http.get("/api/v1/statuses/" + root + "/context").json().get("descendants")));
        assertEquals(404, http.get("/api/v1/statuses/" + secret + "/context").status());
    }

    @Test
    void reactionsAndFavouritesArePagedLists() {
        String first = post(alice, Map.of("status", "Blue"));
        String second = post(alice, Map.of("status", "Court and Spark"));
        http.postJson("/api/v1/statuses/" + first + "/favourite", Map.of(), bob.accessToken());
        http.postJson("/api/v1/statuses/" + first + "/favourite", Map.of(), carol.accessToken());
        http.postJson("/api/v1/statuses/" + first + "/reblog", Map.of(), carol.accessToken());
        http.postJson("/api/v1/statuses/" + second + "/favourite", Map.of(), bob.accessToken());

        assertEquals(List.of("carol", "bob"), usernames(http.get("/api/v1/statuses/" + first + "/favourited_by").json()));
        assertEquals(List.of("carol"), usernames(http.get("/api/v1/statuses/" + first + "/reblogged_by").json()));
        TestHttp.Response page = http.get("/api/v1/statuses/" + first + "/favourited_by?limit=1");
        assertEquals(List.of("carol"), usernames(page.json()));
        assertTrue(page.header("Link").orElseThrow().contains("rel=\"next\""));

        TestHttp.Response favourites = http.get("/api/v1/favourites", bob.accessToken());
        assertEquals(List.of(second, first), ids(favourites.json()), "most recently favourited first");
        favourites.json().forEach(s -> assertTrue(s.get("favourited").asBoolean()));
        assertEquals(401, http.get("/api/v1/favourites").status());
    }

    private static String post(Person who, Map<String, String> params) {
        TestHttp.Response r = http.postJson("/api/v1/statuses", params, who.accessToken());
        assertEquals(200, r.status(), r::toString);
        return r.json().get("id").asText();
    }

    private static List<String> ids(JsonNode statuses) {
        List<String> ids = new ArrayList<>();
        statuses.forEach(s -> ids.add(s.get("id").asText()));
        return ids;
    }

    private static List<String> usernames(JsonNode accounts) {
        List<String> names = new ArrayList<>();
        accounts.forEach(a -> names.add(a.get("username").asText()));
        return names;
    }
}
