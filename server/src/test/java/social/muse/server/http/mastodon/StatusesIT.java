package social.muse.server.http.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.muse.server.testing.MastodonFixtures;
import social.muse.server.testing.MastodonFixtures.Person;
import social.muse.server.testing.QueuedActivities;
import social.muse.server.testing.QueuedActivities.Queued;
import social.muse.server.testing.TestHttp;
import social.muse.server.testing.TestInstance;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Posting, deleting and following through the Mastodon API, and the activities that go on the delivery queue. */
class StatusesIT {
    private static TestInstance instance;
    private static TestHttp http;
    private static MastodonFixtures mastodon;
    private static Person alice;
    private static long aliceId;
    private static long remoteId;

    @BeforeAll
    static void start() {
        instance = TestInstance.start();
        http = instance.http();
        mastodon = new MastodonFixtures(http);
        alice = mastodon.signUp("alice");
        aliceId = Long.parseLong(mastodon.verifyCredentials(alice.accessToken()).get("id").asText());
        // A remote person who follows alice, as the inbox would have recorded them.
        remoteId = instance.app().database().jdbi().withHandle(h -> h.createQuery("""
                        INSERT INTO accounts (username, domain, uri, inbox_url, shared_inbox_url)
                        VALUES ('bob', 'remote.example', 'https://remote.example/users/bob',
                                'https://remote.example/users/bob/inbox', 'https://remote.example/inbox')
                        RETURNING id""").mapTo(Long.class).one());
        instance.app().database().jdbi().useHandle(h -> h.execute(
                "INSERT INTO follows (account_id, target_account_id) VALUES (?, ?)", remoteId, aliceId));
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    private static List<Queued> queued(String type) {
        return QueuedActivities.ofType(instance, type);
    }

    @Test
    void postingCreatesAStatusANoteAndAQueuedCreateForRemoteFollowers() {
        TestHttp.Response posted = http.postJson("/api/v1/statuses", Map.of("status", "Blue by Joni Mitchell <3\n\nhttps://example.org",
                "visibility", "public", "language", "en"), alice.accessToken());
        assertEquals(200, posted.status(), posted::toString);
        JsonNode status = posted.json();
        assertEquals("public", status.get("visibility").asText());
        assertTrue(status.get("content").asText().startsWith("<p>Blue by Joni Mitchell &lt;3</p>"));
        assertEquals("alice", status.at("/account/username").asText());
        String id = status.get("id").asText();
        assertEquals(instance.baseUrl() + "/users/alice/statuses/" + id, status.get("uri").asText());

        assertEquals(id, http.get("/api/v1/statuses/" + id).json().get("id").asText());

        JsonNode note = http.send(http.request("/users/alice/statuses/" + id).header("Accept", "application/activity+json").GET()).json();
        assertEquals("Note", note.get("type").asText());
        assertEquals(instance.baseUrl() + "/users/alice", note.get("attributedTo").asText());
        assertTrue(note.get("to").toString().contains("https://www.w3.org/ns/activitystreams#Public"));
        assertTrue(note.get("cc").toString().contains(instance.baseUrl() + "/users/alice/followers"));

        List<Queued> creates = queued("Create");
        assertEquals(1, creates.stream().filter(c -> c.uri().equals(status.get("uri").asText() + "/activity")).count());
        assertEquals("https://remote.example/inbox", creates.getLast().inboxUrl(), "the shared inbox, once");
        JsonNode create = creates.getLast().json();
        assertEquals(instance.baseUrl() + "/users/alice", create.get("actor").asText());
        assertEquals(note.get("id").asText(), create.at("/object/id").asText());

        TestHttp.Response outbox = http.send(http.request("/users/alice/outbox?page=true").header("Accept", "application/activity+json").GET());
        assertTrue(outbox.json().get("orderedItems").toString().contains(status.get("uri").asText()));
    }

    @Test
    void deletingLeavesATombstoneAndQueuesDelete() {
        String id = http.postJson("/api/v1/statuses", Map.of("status", "soon gone"), alice.accessToken()).json().get("id").asText();
        TestHttp.Response deleted = http.send(http.request("/api/v1/statuses/" + id)
                .header("Authorization", "Bearer " + alice.accessToken()).DELETE());
        assertEquals(200, deleted.status(), deleted::toString);
        assertEquals("soon gone", deleted.json().get("text").asText(), "delete and redraft gets the source");
        assertEquals(404, http.get("/api/v1/statuses/" + id).status());
        TestHttp.Response tombstone = http.send(http.request("/users/alice/statuses/" + id).header("Accept", "application/activity+json").GET());
        assertEquals(410, tombstone.status());
        assertEquals("Tombstone", tombstone.json().get("type").asText());
        assertTrue(queued("Delete").stream().anyMatch(d -> d.body().contains("/statuses/" + id)));
        Person other = mastodon.signUp("mallory");
        String mine = http.postJson("/api/v1/statuses", Map.of("status", "mine"), alice.accessToken()).json().get("id").asText();
        assertEquals(404, http.send(http.request("/api/v1/statuses/" + mine)
                .header("Authorization", "Bearer " + other.accessToken()).DELETE()).status(), "not someone else's");
    }

    @Test
    void followingARemoteAccountSendsFollowAndUnfollowSendsUndo() {
        long carol = instance.app().database().jdbi().withHandle(h -> h.createQuery("""
                        INSERT INTO accounts (username, domain, uri, inbox_url)
                        VALUES ('carol', 'elsewhere.example', 'https://elsewhere.example/carol', 'https://elsewhere.example/carol/inbox')
                        RETURNING id""").mapTo(Long.class).one());
        TestHttp.Response followed = http.postJson("/api/v1/accounts/" + carol + "/follow", Map.of(), alice.accessToken());
        assertEquals(200, followed.status(), followed::toString);
        assertTrue(followed.json().get("requested").asBoolean(), "requested until the remote server accepts");
        assertEquals(false, followed.json().get("following").asBoolean());
        Queued follow = queued("Follow").getLast();
        assertEquals("https://elsewhere.example/carol/inbox", follow.inboxUrl());
        assertEquals("https://elsewhere.example/carol", follow.json().get("object").asText());

        JsonNode relationships = http.get("/api/v1/accounts/relationships?id[]=" + carol + "&id[]=" + remoteId, alice.accessToken()).json();
        assertEquals(2, relationships.size());
        assertTrue(relationships.get(0).get("requested").asBoolean());
        assertTrue(relationships.get(1).get("followed_by").asBoolean());

        TestHttp.Response unfollowed = http.postJson("/api/v1/accounts/" + carol + "/unfollow", Map.of(), alice.accessToken());
        assertEquals(false, unfollowed.json().get("requested").asBoolean());
        Queued undo = queued("Undo").getLast();
        assertTrue(undo.body().contains(follow.uri()), "Undo names the Follow it takes back");
    }

    @Test
    void followingALocalAccountIsImmediate() {
        Person dan = mastodon.signUp("dan");
        String danId = mastodon.verifyCredentials(dan.accessToken()).get("id").asText();
        JsonNode rel = http.postJson("/api/v1/accounts/" + danId + "/follow", Map.of(), alice.accessToken()).json();
        assertTrue(rel.get("following").asBoolean());
        JsonNode followers = http.send(http.request("/users/dan/followers").header("Accept", "application/activity+json").GET()).json();
        assertEquals(1, followers.get("totalItems").asInt());
        assertEquals(422, http.send(http.request("/api/v1/statuses").header("Authorization", "Bearer " + alice.accessToken())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"status\":\"\"}"))).status());
    }
}
