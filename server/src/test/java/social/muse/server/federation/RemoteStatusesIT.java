package social.muse.server.federation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.muse.server.testing.MastodonFixtures;
import social.muse.server.testing.MastodonFixtures.Person;
import social.muse.server.testing.MastodonSchemas;
import social.muse.server.testing.TestHttp;
import social.muse.server.testing.TestInstance;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static social.muse.server.federation.FederationFixtures.await;
import static social.muse.server.federation.FederationFixtures.count;

/** Posts that were never delivered to us: found by URL in search, and fetched when someone we follow boosts them. */
class RemoteStatusesIT {
    private static TestInstance a;
    private static TestInstance b;
    private static Person alice;
    private static Person bob;
    private static Person carol;

    @BeforeAll
    static void start() {
        a = TestInstance.start();
        b = TestInstance.start();
        alice = new MastodonFixtures(a.http()).signUp("alice");
        bob = new MastodonFixtures(b.http()).signUp("bob");
        carol = new MastodonFixtures(b.http()).signUp("carol");
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    @Test
    void aPostsAddressFindsItThroughSearch() {
        String note = FederationFixtures.post(b, bob.accessToken(), "Found by its address: Amelia", "public");
        assertEquals(0, count(a, "SELECT count(*) FROM statuses WHERE uri = ?", note));

        JsonNode found = search(note, true);
        assertEquals(1, found.get("statuses").size(), found::toString);
        JsonNode status = found.get("statuses").get(0);
        MastodonSchemas.assertValid("Status", status);
        assertEquals(note, status.get("uri").asText());
        assertTrue(status.get("content").asText().contains("Amelia"));
        assertEquals(1, count(a, "SELECT count(*) FROM statuses WHERE uri = ?", note));

        assertEquals(0, search(FederationFixtures.post(b, bob.accessToken(), "Not without resolve", "public"), false)
                .get("statuses").size());
        String secret = FederationFixtures.post(b, bob.accessToken(), "Followers only", "private");
        assertEquals(0, search(secret, true).get("statuses").size(), "B does not serve it to a non-follower");
    }

    @Test
    void aBoostOfAnUnseenPostFetchesIt() {
        String carolOnA = FederationFixtures.resolve(a, alice.accessToken(), "@carol@" + b.app().config().domain());
        FederationFixtures.follow(a, alice.accessToken(), carolOnA);
        await("carol accepts alice", () -> FederationFixtures.relationship(a, alice.accessToken(), carolOnA).get("following").asBoolean());
        String note = FederationFixtures.post(b, bob.accessToken(), "Boosted before A ever saw it", "public");
        String id = note.substring(note.lastIndexOf('/') + 1);

        TestHttp.Response reblog = b.http().postJson("/api/v1/statuses/" + id + "/reblog", Map.of(), carol.accessToken());
        assertEquals(200, reblog.status(), reblog::toString);
        await("A fetches bob's post and records carol's boost of it", () -> count(a, """
                SELECT count(*) FROM statuses r JOIN statuses o ON o.id = r.reblog_of_id JOIN accounts x ON x.id = r.account_id
                WHERE o.uri = ? AND x.username = 'carol'""", note) == 1);
    }

    private static JsonNode search(String q, boolean resolve) {
        TestHttp.Response r = a.http().get("/api/v2/search?type=statuses&resolve=" + resolve + "&q="
                + URLEncoder.encode(q, StandardCharsets.UTF_8), alice.accessToken());
        assertEquals(200, r.status(), r::toString);
        return r.json();
    }
}
