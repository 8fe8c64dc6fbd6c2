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

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static social.muse.server.federation.FederationFixtures.await;
import static social.muse.server.federation.FederationFixtures.count;

/** POST /api/v1/statuses beyond plain text: mentions (here and on another server), hashtags, replies, retries. */
class StatusPostingIT {
    private static TestInstance a;
    private static TestInstance b;
    private static Person alice;
    private static Person carol;
    private static Person bob;

    @BeforeAll
    static void start() {
        a = TestInstance.start();
        b = TestInstance.start();
        alice = new MastodonFixtures(a.http()).signUp("alice");
        carol = new MastodonFixtures(a.http()).signUp("carol");
        bob = new MastodonFixtures(b.http()).signUp("bob");
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    @Test
    void mentionsAreLinkedStoredAndDeliveredToTheMentionedServer() {
        String bobHandle = "@bob@" + b.app().config().domain();
        JsonNode status = post(alice, Map.of("status", "Listening to Blue with " + bobHandle + " and @carol #JoniMitchell"));
        MastodonSchemas.assertValid("Status", status);
        String content = status.get("content").asText();
        assertTrue(content.contains("class=\"u-url mention\">@<span>bob</span></a>"), content);
        assertTrue(content.contains("href=\"" + a.baseUrl() + "/@carol\""), content);
        assertTrue(content.contains("href=\"" + a.baseUrl() + "/tags/jonimitchell\" class=\"mention hashtag\" rel=\"tag\">#<span>JoniMitchell</span>"), content);
        assertEquals(2, count(a, "SELECT count(*) FROM status_mentions WHERE status_id = ?", Long.parseLong(status.get("id").asText())));

        String uri = status.get("uri").asText();
        await("B receives the post though bob does not follow alice", () -> count(b,
                "SELECT count(*) FROM statuses s JOIN status_mentions m ON m.status_id = s.id JOIN accounts x ON x.id = m.account_id "
                        + "WHERE s.uri = ? AND x.username = 'bob' AND x.domain IS NULL", uri) == 1);
    }

    @Test
    void mentionsAndHashtagsAreListedAndHashtagsHaveTimelinesOnBothServers() {
        String bobHandle = "@bob@" + b.app().config().domain();
        JsonNode status = post(alice, Map.of("status", "Court and Spark " + bobHandle + " #Jazz #Folk"));
        List<String> mentioned = new java.util.ArrayList<>();
        status.get("mentions").forEach(m -> mentioned.add(m.get("acct").asText()));
        assertEquals(List.of("bob@" + b.app().config().domain()), mentioned);
        List<String> tags = new java.util.ArrayList<>();
        status.get("tags").forEach(t -> tags.add(t.get("name").asText()));
        assertEquals(List.of("folk", "jazz"), tags);
        assertEquals(a.baseUrl() + "/tags/jazz", status.get("tags").get(1).get("url").asText());

        String id = status.get("id").asText();
        TestHttp.Response here = a.http().get("/api/v1/timelines/tag/Jazz");
        assertEquals(id, here.json().get(0).get("id").asText(), here::toString);
        String uri = status.get("uri").asText();
        await("B files alice's post under #folk", () -> {
            JsonNode there = b.http().get("/api/v1/timelines/tag/folk").json();
            return there.size() == 1 && there.get(0).get("uri").asText().equals(uri);
        });
        assertEquals(0, a.http().get("/api/v1/timelines/tag/blues").json().size());

        // fetched later (or sent again in an Update), the Note still names who it mentions and its hashtags
        JsonNode note = a.http().send(a.http().request(URI.create(uri).getPath())
                .header("Accept", "application/activity+json").GET()).json();
        List<String> tagged = new java.util.ArrayList<>();
        note.get("tag").forEach(t -> tagged.add(t.get("type").asText() + " " + t.get("name").asText()));
        assertEquals(List.of("Mention " + bobHandle, "Hashtag #folk", "Hashtag #jazz"), tagged);
    }

    @Test
    void aDirectMessageReachesOnlyTheMentionedAndSoDoesItsDeletion() {
        String bobHandle = "@bob@" + b.app().config().domain();
        JsonNode status = post(alice, Map.of("status", bobHandle + " just between us", "visibility", "direct"));
        String uri = status.get("uri").asText();
        await("B stores the direct message", () ->
                count(b, "SELECT count(*) FROM statuses WHERE uri = ? AND visibility = 'direct'", uri) == 1);
        FederationFixtures.delete(a, alice.accessToken(), uri);
        await("B deletes it too", () ->
                count(b, "SELECT count(*) FROM statuses WHERE uri = ? AND deleted_at IS NOT NULL", uri) == 1);
    }

    @Test
    void aReplyIsThreadedHereAndOnTheOtherServer() {
        String bobOnA = FederationFixtures.resolve(a, carol.accessToken(), "@bob@" + b.app().config().domain());
        FederationFixtures.follow(a, carol.accessToken(), bobOnA);
        await("bob accepts carol", () -> FederationFixtures.relationship(a, carol.accessToken(), bobOnA).get("following").asBoolean());
        String original = FederationFixtures.post(b, bob.accessToken(), "What is the best Joni album?", "public");
        await("A has bob's post", () -> count(a, "SELECT count(*) FROM statuses WHERE uri = ?", original) == 1);
        long originalOnA = count(a, "SELECT id FROM statuses WHERE uri = ?", original);

        JsonNode reply = post(carol, Map.of("status", "@bob@" + b.app().config().domain() + " Hejira, easily",
                "in_reply_to_id", Long.toString(originalOnA)));
        assertEquals(Long.toString(originalOnA), reply.get("in_reply_to_id").asText());
        String replyUri = reply.get("uri").asText();
        await("B threads the reply under bob's post", () -> count(b, """
                SELECT count(*) FROM statuses r JOIN statuses o ON o.id = r.in_reply_to_id
                WHERE r.uri = ? AND o.uri = ?""", replyUri, original) == 1);
    }

    @Test
    void aRetriedPostWithTheSameIdempotencyKeyMakesOneStatus() {
        TestHttp.Response first = postWithKey("Once only", "retry-1");
        TestHttp.Response second = postWithKey("Once only", "retry-1");
        assertEquals(200, first.status(), first::toString);
        assertEquals(first.json().get("id").asText(), second.json().get("id").asText());
        assertEquals(1, count(a, "SELECT count(*) FROM statuses WHERE text_source = 'Once only'"));
        assertTrue(!postWithKey("Once only", "retry-2").json().get("id").asText().equals(first.json().get("id").asText()),
                "another key is another post");
    }

    @Test
    void badRepliesAndAttachmentsAreRefusedInMastodonsShape() {
        TestHttp.Response missing = a.http().postJson("/api/v1/statuses", Map.of("status", "hm", "in_reply_to_id", "424242"),
                alice.accessToken());
        assertEquals(404, missing.status(), missing::toString);
        MastodonSchemas.assertValid("Error", missing.json());
        TestHttp.Response media = a.http().postJson("/api/v1/statuses", Map.of("status", "pic", "media_ids", java.util.List.of("1")),
                alice.accessToken());
        assertEquals(422, media.status(), media::toString);
        MastodonSchemas.assertValid("Error", media.json());
    }

    private static JsonNode post(Person who, Map<String, String> params) {
        TestHttp.Response r = a.http().postJson("/api/v1/statuses", params, who.accessToken());
        assertEquals(200, r.status(), r::toString);
        return r.json();
    }

    private static TestHttp.Response postWithKey(String text, String key) {
        return a.http().send(a.http().request("/api/v1/statuses")
                .header("Authorization", "Bearer " + alice.accessToken())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(TestHttp.toJson(Map.of("status", text)))));
    }
}
