package social.muse.server.processing.fedi;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.muse.federation.keys.SigningKey;
import social.muse.server.testing.FakeRemote;
import social.muse.server.testing.Poll;
import social.muse.server.testing.TestHttp;
import social.muse.server.testing.TestInstance;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the inbox keeps in memory (suspended servers, decoded keys and their owners) follows the database: a
 * suspension takes effect within {@link DomainPolicies#MAX_STALENESS}, and a key replaced or deleted by processing
 * is not used any more.
 */
class InboxCachesIT {
    private static final Duration PROCESSED = Duration.ofSeconds(10);
    /** The documented bound, plus the time a delivery takes on a busy test machine. */
    private static final Duration SUSPENSION_BOUND = DomainPolicies.MAX_STALENESS.plusSeconds(1);
    private static final Clock NOW = Clock.systemUTC();

    private static TestInstance instance;
    private static Jdbi jdbi;
    private static FakeRemote remote;

    @BeforeAll
    static void start() {
        instance = TestInstance.start();
        jdbi = instance.app().database().jdbi();
        remote = FakeRemote.start().withActor("frank").withActor("gina");
    }

    @AfterAll
    static void stop() {
        remote.close();
        instance.close();
    }

    private static String sharedInbox() {
        return instance.baseUrl() + "/inbox";
    }

    private static String note(FakeRemote server, String actor) {
        String id = server.newActivityId(actor);
        return json(Map.of("@context", "https://www.w3.org/ns/activitystreams", "id", id, "type", "Create",
                "actor", server.actorId(actor), "object", Map.of("id", id + "/note", "type", "Note",
                        "attributedTo", server.actorId(actor), "content", "hello",
                        "to", "https://www.w3.org/ns/activitystreams#Public")));
    }

    private static HttpResponse<String> signedWith(SigningKey key, String actor, String json) {
        return remote.postSigned(sharedInbox(), json.getBytes(StandardCharsets.UTF_8), remote.keyId(actor), key, NOW, null);
    }

    @Test
    void aSuspensionOfAServerThatAlreadyDeliversTakesEffectWithinTheBound() {
        try (FakeRemote server = FakeRemote.start().withActor("spam")) {
            assertEquals(202, server.post(sharedInbox(), note(server, "spam"), "spam", NOW).statusCode());
            assertEquals(202, server.post(sharedInbox(), note(server, "spam"), "spam", NOW).statusCode(),
                    "a known, unsuspended server is answered from memory");

            jdbi.useHandle(h -> h.execute("INSERT INTO domain_policies (domain, severity) VALUES (?, 'suspend')",
                    server.authority()));
            Poll.until(SUSPENSION_BOUND,
                    () -> server.post(sharedInbox(), note(server, "spam"), "spam", NOW).statusCode() == 403,
                    () -> "deliveries of " + server.authority() + " still accepted after its suspension");

            jdbi.useHandle(h -> h.execute("DELETE FROM domain_policies WHERE domain = ?", server.authority()));
            Poll.until(SUSPENSION_BOUND,
                    () -> server.post(sharedInbox(), note(server, "spam"), "spam", NOW).statusCode() == 202,
                    () -> "deliveries of " + server.authority() + " still refused after the suspension was lifted");
        }
    }

    @Test
    void aKeyReplacedByAnActorUpdateIsNotUsedAnyMore() {
        assertEquals(202, remote.post(sharedInbox(), note(remote, "gina"), "gina", NOW).statusCode());
        int fetches = remote.actorFetches("gina");
        SigningKey.Rsa oldKey = remote.key("gina");
        remote.rotateKey("gina");

        // signed with the key Muse knows; processing it fetches the actor again and stores the new key
        String updateId = remote.newActivityId("gina");
        String update = json(Map.of("@context", "https://www.w3.org/ns/activitystreams",
                "id", updateId, "type", "Update", "actor", remote.actorId("gina"),
                "object", Map.of("id", remote.actorId("gina"), "type", "Person")));
        assertEquals(202, signedWith(oldKey, "gina", update).statusCode());
        Poll.until(PROCESSED, () -> processed(updateId), () -> "the Update was processed");
        assertEquals(fetches + 1, remote.actorFetches("gina"), "processing the Update fetched the actor once");

        assertEquals(401, signedWith(oldKey, "gina", note(remote, "gina")).statusCode(),
                "the replaced key no longer verifies");
        int afterRefusal = remote.actorFetches("gina");
        assertEquals(202, remote.post(sharedInbox(), note(remote, "gina"), "gina", NOW).statusCode(),
                "the new key verifies");
        assertEquals(afterRefusal, remote.actorFetches("gina"), "the new key was already stored: no fetch for it");
    }

    @Test
    void aDeletedActorsKeyIsLookedUpAgain() {
        assertEquals(202, remote.post(sharedInbox(), note(remote, "frank"), "frank", NOW).statusCode());
        int fetches = remote.actorFetches("frank");
        String deleteId = remote.newActivityId("frank");
        String delete = json(Map.of("@context", "https://www.w3.org/ns/activitystreams",
                "id", deleteId, "type", "Delete", "actor", remote.actorId("frank"),
                "object", remote.actorId("frank")));
        assertEquals(202, remote.post(sharedInbox(), delete, "frank", NOW).statusCode());
        Poll.until(PROCESSED, () -> processed(deleteId), () -> "the Delete was processed");
        int keyRows = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM remote_keys WHERE key_id = ?")
                .bind(0, remote.keyId("frank")).mapTo(Integer.class).one());
        assertEquals(0, keyRows, "the key row is gone");

        // the fake still serves the actor: Muse, no longer knowing the key, fetches it once more
        assertEquals(202, remote.post(sharedInbox(), note(remote, "frank"), "frank", NOW).statusCode());
        assertEquals(fetches + 1, remote.actorFetches("frank"), "the deleted actor's key was not taken from memory");
    }

    private static boolean processed(String activityId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM inbox_items WHERE activity_uri = ? AND state = 'done'")
                .bind(0, activityId).mapTo(Integer.class).one()) == 1;
    }

    private static String json(Object value) {
        return TestHttp.toJson(value);
    }
}
