package social.muse.server.federation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.muse.server.testing.MastodonFixtures;
import social.muse.server.testing.MastodonFixtures.Person;
import social.muse.server.testing.TestHttp;
import social.muse.server.testing.TestInstance;

import java.net.http.HttpRequest;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static social.muse.server.federation.FederationFixtures.await;

/**
 * Favourites, reblogs and edits between two Muse instances on 127.0.0.1: alice on A follows bob on B, and
 * each side sees the other's doings through its own Mastodon API.
 */
class InteractionsAcrossInstancesIT {
    private static TestInstance a;
    private static TestInstance b;
    private static Person alice;
    private static Person bob;

    @BeforeAll
    static void start() {
        a = TestInstance.start();
        b = TestInstance.start();
        alice = new MastodonFixtures(a.http()).signUp("alice");
        bob = new MastodonFixtures(b.http()).signUp("bob");
        String bobOnA = FederationFixtures.resolve(a, alice.accessToken(), "@bob@" + b.app().config().domain());
        FederationFixtures.follow(a, alice.accessToken(), bobOnA);
        await("B accepts alice's follow and A records it",
                () -> FederationFixtures.relationship(a, alice.accessToken(), bobOnA).get("following").asBoolean());
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    @Test
    void favouritesAndReblogsReachTheAuthorsServer() {
        String note = FederationFixtures.post(b, bob.accessToken(), "Hejira, side one", "public");
        String idOnB = note.substring(note.lastIndexOf('/') + 1);
        String idOnA = copyOnA(note);

        act("/api/v1/statuses/" + idOnA + "/favourite");
        await("B counts alice's favourite", () -> statusOnB(idOnB).get("favourites_count").asInt() == 1);
        act("/api/v1/statuses/" + idOnA + "/unfavourite");
        await("B forgets the favourite", () -> statusOnB(idOnB).get("favourites_count").asInt() == 0);

        JsonNode reblog = act("/api/v1/statuses/" + idOnA + "/reblog");
        assertEquals(idOnA, reblog.at("/reblog/id").asText());
        await("B counts alice's reblog", () -> statusOnB(idOnB).get("reblogs_count").asInt() == 1);
        assertEquals(1, FederationFixtures.count(b, "SELECT count(*) FROM statuses WHERE uri = ? AND reblog_of_id IS NOT NULL",
                reblog.get("uri").asText()), "B keeps the reblog under the Announce's id");
        act("/api/v1/statuses/" + idOnA + "/unreblog");
        await("B forgets the reblog", () -> statusOnB(idOnB).get("reblogs_count").asInt() == 0);
    }

    @Test
    void editsReachFollowers() {
        String note = FederationFixtures.post(b, bob.accessToken(), "Amelia is the best song", "public");
        String idOnB = note.substring(note.lastIndexOf('/') + 1);
        String idOnA = copyOnA(note);
        TestHttp.Response edited = b.http().send(b.http().request("/api/v1/statuses/" + idOnB)
                .header("Authorization", "Bearer " + bob.accessToken()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(TestHttp.toJson(Map.of("status", "Amelia is the best song, or Coyote")))));
        assertEquals(200, edited.status(), edited::toString);

        await("A shows the edited text", () -> a.http().get("/api/v1/statuses/" + idOnA, alice.accessToken()).json()
                .get("content").asText().equals("<p>Amelia is the best song, or Coyote</p>"));
        JsonNode copy = a.http().get("/api/v1/statuses/" + idOnA, alice.accessToken()).json();
        assertTrue(copy.get("edited_at").isTextual(), copy::toString);
    }

    /** Waits for A to receive bob's post; its id on A. */
    private static String copyOnA(String uri) {
        await("A receives bob's post", () -> FederationFixtures.count(a, "SELECT count(*) FROM statuses WHERE uri = ?", uri) == 1);
        return Long.toString(FederationFixtures.count(a, "SELECT id FROM statuses WHERE uri = ?", uri));
    }

    private static JsonNode act(String path) {
        TestHttp.Response r = a.http().postJson(path, Map.of(), alice.accessToken());
        assertEquals(200, r.status(), r::toString);
        return r.json();
    }

    private static JsonNode statusOnB(String id) {
        TestHttp.Response r = b.http().get("/api/v1/statuses/" + id);
        assertEquals(200, r.status(), r::toString);
        return r.json();
    }
}
