package social.muse.server.http.ap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.muse.federation.keys.KeyType;
import social.muse.federation.keys.Multikey;
import social.muse.federation.keys.Pem;
import social.muse.server.testing.FedifyPeer;
import social.muse.server.testing.MastodonFixtures;
import social.muse.server.testing.TestHttp;
import social.muse.server.testing.TestInstance;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Actor documents and collections as servers read them, and content negotiation for browsers. */
class ActorDocumentsIT {
    private static TestInstance instance;
    private static TestHttp http;

    @BeforeAll
    static void start() {
        instance = TestInstance.start();
        http = instance.http();
        new MastodonFixtures(http).signUp("alice");
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    private static TestHttp.Response fetch(String path, String accept) {
        return http.send(http.request(path).header("Accept", accept).GET());
    }

    @Test
    void actorDocumentHasEverythingMastodonReads() {
        TestHttp.Response r = fetch("/users/alice", "application/activity+json");
        assertEquals(200, r.status(), r::toString);
        assertTrue(r.header("Content-Type").orElse("").startsWith("application/activity+json"));
        JsonNode actor = r.json();
        String id = instance.baseUrl() + "/users/alice";
        assertEquals(id, actor.get("id").asText());
        assertEquals("Person", actor.get("type").asText());
        assertEquals("alice", actor.get("preferredUsername").asText());
        assertEquals(id + "/inbox", actor.get("inbox").asText());
        assertEquals(id + "/outbox", actor.get("outbox").asText());
        assertEquals(id + "/followers", actor.get("followers").asText());
        assertEquals(id + "/following", actor.get("following").asText());
        assertEquals(id + "/featured", actor.get("featured").asText());
        assertEquals(instance.baseUrl() + "/inbox", actor.at("/endpoints/sharedInbox").asText());
        assertEquals(instance.baseUrl() + "/@alice", actor.get("url").asText());
        assertEquals(id + "#main-key", actor.at("/publicKey/id").asText());
        assertEquals(id, actor.at("/publicKey/owner").asText());
        assertEquals(KeyType.RSA, Pem.decodePublicKey(actor.at("/publicKey/publicKeyPem").asText()).type());
        JsonNode multikey = actor.get("assertionMethod").isArray() ? actor.get("assertionMethod").get(0) : actor.get("assertionMethod");
        assertEquals(KeyType.ED25519, Multikey.decode(multikey.get("publicKeyMultibase").asText()).type());
        assertTrue(actor.has("manuallyApprovesFollowers") && actor.has("discoverable") && actor.has("indexable") && actor.has("published"));
        assertTrue(actor.at("/icon/url").asText().endsWith("avatar-missing.png"));
        assertTrue(actor.get("@context").toString().contains("https://www.w3.org/ns/activitystreams"));

        assertEquals(200, fetch("/users/alice", "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"").status());
        String again = fetch("/users/alice", "application/activity+json").json().at("/publicKey/publicKeyPem").asText();
        assertEquals(actor.at("/publicKey/publicKeyPem").asText(), again, "keys are made once and kept");
    }

    @Test
    void browsersAreSentToTheProfilePage() {
        TestHttp.Response r = fetch("/users/alice", "text/html,application/xhtml+xml");
        assertEquals(303, r.status());
        assertEquals(Optional.of(instance.baseUrl() + "/@alice"), r.header("Location"));
    }

    @Test
    void unknownAndSuspendedActors() {
        assertEquals(404, fetch("/users/nobody", "application/activity+json").status());
        new MastodonFixtures(http).signUp("banned");
        instance.app().database().jdbi().useHandle(h -> h.execute("UPDATE accounts SET suspended_at = now() WHERE username = 'banned'"));
        assertEquals(410, fetch("/users/banned", "application/activity+json").status());
    }

    @Test
    void instanceActorAndNamespace() {
        JsonNode actor = fetch("/actor", "application/activity+json").json();
        assertEquals("Application", actor.get("type").asText());
        assertEquals(instance.baseUrl() + "/actor", actor.get("id").asText());
        assertTrue(actor.at("/publicKey/publicKeyPem").asText().startsWith("-----BEGIN PUBLIC KEY-----"));
        assertEquals(404, fetch("/users/instance.actor", "application/activity+json").status(), "not a person");
        TestHttp.Response ns = http.get("/ns");
        assertEquals(200, ns.status());
        assertTrue(ns.json().has("@context"));
    }

    @Test
    void collectionsArePagedOrderedCollections() {
        JsonNode followers = fetch("/users/alice/followers", "application/activity+json").json();
        assertEquals("OrderedCollection", followers.get("type").asText());
        assertEquals(0, followers.get("totalItems").asInt());
        JsonNode page = fetch(followers.get("first").asText().replace(instance.baseUrl(), ""), "application/activity+json").json();
        assertEquals("OrderedCollectionPage", page.get("type").asText());
        assertEquals(instance.baseUrl() + "/users/alice/followers", page.get("partOf").asText());
        for (String name : new String[] {"following", "outbox", "featured"}) {
            JsonNode collection = fetch("/users/alice/" + name, "application/activity+json").json();
            assertEquals("OrderedCollection", collection.get("type").asText(), name);
        }
    }

    @Test
    void fedifyReadsTheActorAndFindsItByWebFinger() {
        try (FedifyPeer peer = FedifyPeer.start()) {
            JsonNode actor = peer.lookup(instance.baseUrl() + "/users/alice");
            assertEquals(instance.baseUrl() + "/users/alice", actor.get("id").asText());
            assertEquals("Person", actor.get("type").asText());
            assertEquals(instance.baseUrl() + "/users/alice/inbox", actor.get("inbox").asText());
            assertEquals(instance.baseUrl() + "/inbox", actor.get("shared_inbox").asText());
            assertTrue(actor.get("public_key_ids").toString().contains("#main-key"));
            assertTrue(actor.get("assertion_method_ids").toString().contains("#ed25519-key"));
            JsonNode viaHandle = peer.lookup("@alice@" + instance.app().config().domain());
            assertEquals(instance.baseUrl() + "/users/alice", viaHandle.get("id").asText());
        }
    }
}
