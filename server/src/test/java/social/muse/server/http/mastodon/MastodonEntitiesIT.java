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

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The entities apps read besides statuses and accounts, each checked against Mastodon's schema with real content in
 * it: a thread's Context, Markers, Search results (and the accounts search of mention autocompletion), MutedAccount,
 * Preferences, and the lists apps load at start-up.
 */
class MastodonEntitiesIT {
    private static TestInstance instance;
    private static TestHttp http;
    private static Person ada;
    private static Person ben;

    @BeforeAll
    static void start() {
        instance = TestInstance.start();
        http = instance.http();
        MastodonFixtures mastodon = new MastodonFixtures(http);
        ada = mastodon.signUp("ada");
        ben = mastodon.signUp("ben");
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    @Test
    void aThreadsContextHoldsItsAncestorsAndDescendants() {
        String first = post(ada, Map.of("status", "What is the best #jazz record of 1959?"));
        String reply = post(ben, Map.of("status", "@ada Kind of Blue", "in_reply_to_id", first));
        String answer = post(ada, Map.of("status", "@ben Agreed", "in_reply_to_id", reply));
        JsonNode context = ok(http.get("/api/v1/statuses/" + reply + "/context", ada.accessToken()));
        MastodonSchemas.assertValid("Context", context);
        assertEquals(first, context.at("/ancestors/0/id").asText());
        assertEquals(answer, context.at("/descendants/0/id").asText());
    }

    @Test
    void aHashtagShowsAWeekOfUse() {
        post(ada, Map.of("status", "Spinning #Vinyl tonight"));
        post(ben, Map.of("status", "More #vinyl"));
        post(ben, Map.of("status", "Quiet #vinyl", "visibility", "unlisted"));
        JsonNode tag = ok(http.get("/api/v1/tags/Vinyl", ada.accessToken()));
        MastodonSchemas.assertValid("Tag", tag);
        assertEquals("vinyl", tag.get("name").asText());
        assertEquals(7, tag.get("history").size(), "seven days, today first");
        assertEquals("2", tag.at("/history/0/uses").asText(), "public posts only: " + tag);
        assertEquals("2", tag.at("/history/0/accounts").asText());
        assertEquals("0", tag.at("/history/6/uses").asText());
        assertFalse(tag.get("following").asBoolean());
        assertTrue(ok(http.get("/api/v1/tags/vinyl")).get("following").isNull(), "nobody to follow it for");
        assertEquals(404, http.get("/api/v1/tags/no%20such").status());
    }

    @Test
    void markersSearchMutesAndPreferencesHaveMastodonsShape() {
        String status = post(ada, Map.of("status", "Marking my place"));
        ok(http.postForm("/api/v1/markers", Map.of("home[last_read_id]", status), ada.accessToken()));
        JsonNode markers = ok(http.get("/api/v1/markers?timeline[]=home&timeline[]=notifications", ada.accessToken()));
        MastodonSchemas.assertValid("Marker", markers.get("home"));
        assertEquals(status, markers.at("/home/last_read_id").asText());

        JsonNode search = ok(http.get("/api/v2/search?q=ben", ada.accessToken()));
        MastodonSchemas.assertValid("Search", search);
        assertTrue(search.get("accounts").size() >= 1, search::toString);
        JsonNode typed = ok(http.get("/api/v1/accounts/search?q=@be&limit=5", ada.accessToken()));
        assertEquals("ben", typed.get(0).get("username").asText(), "mention autocompletion finds ben: " + typed);
        MastodonSchemas.assertValid("Account", typed.get(0));
        assertEquals(401, http.get("/api/v1/accounts/search?q=be").status());
        assertEquals(400, http.get("/api/v1/accounts/search?q=", ada.accessToken()).status());

        String benId = ok(http.get("/api/v1/accounts/lookup?acct=ben")).get("id").asText();
        ok(http.postForm("/api/v1/accounts/" + benId + "/mute", Map.of("duration", "600"), ada.accessToken()));
        JsonNode mutes = ok(http.get("/api/v1/mutes", ada.accessToken()));
        assertEquals(1, mutes.size());
        MastodonSchemas.assertValid("MutedAccount", mutes.get(0));

        MastodonSchemas.assertValid("Preferences", ok(http.get("/api/v1/preferences", ada.accessToken())));
        for (var list : Map.of("/api/v1/lists", "List", "/api/v1/announcements", "Announcement",
                "/api/v1/followed_tags", "Tag", "/api/v1/featured_tags", "FeaturedTag").entrySet()) {
            JsonNode items = ok(http.get(list.getKey(), ada.accessToken()));
            assertTrue(items.isArray(), list::getKey);
            items.forEach(item -> MastodonSchemas.assertValid(list.getValue(), item));
        }
    }

    private static String post(Person author, Map<String, String> form) {
        return ok(http.postForm("/api/v1/statuses", form, author.accessToken())).get("id").asText();
    }

    private static JsonNode ok(TestHttp.Response response) {
        assertEquals(200, response.status(), response::toString);
        return response.json();
    }
}
