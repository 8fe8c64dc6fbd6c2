package social.muse.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Fedify peer harness on its own: discovery documents over HTTP, and two peers federating. */
class FedifyPeerIT {
    private static final Duration DELIVERY = Duration.ofSeconds(10);
    private static FedifyPeer alice;
    private static FedifyPeer bob;

    @BeforeAll
    static void start() {
        alice = FedifyPeer.start();
        bob = FedifyPeer.start("bob", Map.of("FIRST_KNOCK", "draft-cavage-http-signatures-12"));
    }

    @AfterAll
    static void stop() {
        alice.close();
        bob.close();
    }

    @Test
    void servesWebFingerForItsHandle() {
        TestHttp.Response r = alice.http().get("/.well-known/webfinger?resource="
                + URLEncoder.encode("acct:" + alice.handle(), StandardCharsets.UTF_8));
        assertEquals(200, r.status(), r.toString());
        assertTrue(r.header("Content-Type").orElse("").startsWith("application/jrd+json"), r.headers().toString());
        JsonNode jrd = r.json();
        assertEquals("acct:" + alice.handle(), jrd.get("subject").asText());
        boolean selfLink = false;
        for (JsonNode link : jrd.get("links")) {
            selfLink |= link.get("rel").asText().equals("self") && link.get("href").asText().equals(alice.actorUrl());
        }
        assertTrue(selfLink, jrd.toString());
    }

    @Test
    void servesAnActorWithKeysInboxesAndCollections() {
        TestHttp.Response r = alice.http().send(alice.http().request(alice.actorUrl()).header("Accept", "application/activity+json").GET());
        assertEquals(200, r.status(), r.toString());
        JsonNode actor = r.json();
        assertEquals("Person", actor.get("type").asText());
        assertEquals(alice.actorUrl(), actor.get("id").asText());
        assertEquals("alice", actor.get("preferredUsername").asText());
        assertEquals(alice.actorUrl() + "/inbox", actor.get("inbox").asText());
        assertEquals(alice.baseUrl() + "/inbox", actor.at("/endpoints/sharedInbox").asText());
        assertEquals(alice.actorUrl() + "/followers", actor.get("followers").asText());
        assertEquals(alice.actorUrl() + "/outbox", actor.get("outbox").asText());
        assertEquals(alice.actorUrl(), actor.at("/publicKey/owner").asText());
        assertTrue(actor.at("/publicKey/publicKeyPem").asText().startsWith("-----BEGIN PUBLIC KEY-----"), actor.toString());
        assertEquals(2, actor.get("assertionMethod").size(), "an RSA and an Ed25519 Multikey: " + actor);
    }

    @Test
    void twoPeersFollowAndDeliverNotesWithVerifiedSignatures() {
        JsonNode found = bob.lookup("@" + alice.handle());
        assertEquals(alice.actorUrl(), found.get("id").asText());

        bob.follow(alice.handle());
        JsonNode follow = alice.waitForLog(e -> e.get("type").asText().equals("Follow")
                && e.get("actor").asText().equals(bob.actorUrl()), DELIVERY);
        assertEquals("draft-cavage", follow.at("/signature/scheme").asText(), follow.toString());
        bob.waitForLog(e -> e.get("type").asText().equals("Accept"), DELIVERY);
        assertTrue(alice.followers().toString().contains(bob.actorUrl()), alice.followers().toString());

        String noteId = alice.note("<p>interop</p>");
        JsonNode create = bob.waitForLog(e -> e.get("type").asText().equals("Create")
                && e.get("object").asText().equals(noteId), DELIVERY);
        assertEquals("rfc9421", create.at("/signature/scheme").asText(), create.toString());
        assertEquals("<p>interop</p>", create.get("content").asText());

        String direct = bob.note("<p>just for alice</p>", List.of(alice.actorUrl()));
        alice.waitForLog(e -> e.get("object").asText().equals(direct), DELIVERY);
        alice.delete(noteId);
        bob.waitForLog(e -> e.get("type").asText().equals("Delete") && e.get("object").asText().equals(noteId), DELIVERY);
        assertEquals(0, bob.rejections().size(), bob.rejections().toString());
    }

    @Test
    void refusedControlCallsCarryTheStatusAndTheError() {
        FedifyPeer.ControlException e = assertThrows(FedifyPeer.ControlException.class,
                () -> alice.delete(alice.actorUrl() + "/notes/never-posted"));
        assertEquals(404, e.status());
        assertTrue(e.body().get("error").asText().contains("never-posted"), e.body().toString());
    }

    @Test
    void peerSelfTestPassesIncludingItsForgeryChecks() {
        NodeProject.Run result = FedifyPeer.runSelfTest(Duration.ofMinutes(2));
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains(" passed, 0 failed"), result.output());
    }

    @Test
    void closingStopsTheNodeProcess() {
        FedifyPeer carol = FedifyPeer.start("carol", Map.of());
        long pid = carol.pid();
        assertEquals(200, carol.http().get("/control/health").status());
        carol.close();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "node " + pid + " outlived close()");
    }
}
