package social.muse.server.federation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.muse.server.testing.FedifyPeer;
import social.muse.server.testing.MastodonFixtures;
import social.muse.server.testing.MastodonFixtures.Person;
import social.muse.server.testing.TestInstance;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static social.muse.server.federation.FederationFixtures.await;
import static social.muse.server.federation.FederationFixtures.count;

/**
 * Muse against independent software: a Fedify server that checks every HTTP signature itself and
 * refuses what does not verify. Follows both ways with Accept, posts both ways, Delete and Undo.
 */
class FedifyInteropIT {
    private static TestInstance muse;
    private static FedifyPeer peer;
    private static Person dora;

    @BeforeAll
    static void start() {
        muse = TestInstance.start();
        peer = FedifyPeer.start("fedi", java.util.Map.of());
        dora = new MastodonFixtures(muse.http()).signUp("dora");
    }

    @AfterAll
    static void stop() {
        peer.close();
        muse.close();
    }

    private static boolean logged(JsonNode entry, String type) {
        return entry.path("type").asText().equals(type);
    }

    @Test
    void fedifyFollowsMuseGetsASignedAcceptAndReceivesPosts() {
        String doraHandle = "@dora@" + muse.app().config().domain();
        peer.follow(doraHandle);
        JsonNode accept = peer.waitForLog(e -> logged(e, "Accept"), Duration.ofSeconds(20));
        assertTrue(accept.path("signature").path("scheme").asText().matches("rfc9421|draft-cavage"), accept::toString);
        await("Muse records Fedify's follow", () -> count(muse,
                "SELECT count(*) FROM follows f JOIN accounts x ON x.id = f.account_id WHERE x.uri = ?", peer.actorUrl()) == 1);

        String note = FederationFixtures.post(muse, dora.accessToken(), "Listening to Court and Spark", "public");
        JsonNode create = peer.waitForLog(e -> logged(e, "Create") && e.toString().contains(note), Duration.ofSeconds(20));
        assertTrue(create.path("signature").path("scheme").asText().matches("rfc9421|draft-cavage"));

        FederationFixtures.delete(muse, dora.accessToken(), note);
        peer.waitForLog(e -> logged(e, "Delete") && e.toString().contains(note), Duration.ofSeconds(20));
        assertEquals(0, peer.rejections().size(), () -> "Fedify refused something Muse sent: " + peer.rejections());
    }

    @Test
    void aMuseUserAndAFedifyPeerFollowAndAnswerEachOtherThroughTheMastodonApi() {
        Person emil = new MastodonFixtures(muse.http()).signUp("emil");
        String peerOnMuse = FederationFixtures.resolve(muse, emil.accessToken(), peer.handle());
        FederationFixtures.follow(muse, emil.accessToken(), peerOnMuse);
        await("Fedify accepts emil's follow",
                () -> FederationFixtures.relationship(muse, emil.accessToken(), peerOnMuse).get("following").asBoolean());
        peer.follow("@emil@" + muse.app().config().domain());
        await("Muse records Fedify's follow of emil", () -> count(muse,
                "SELECT count(*) FROM follows f JOIN accounts x ON x.id = f.account_id JOIN accounts t ON t.id = f.target_account_id"
                        + " WHERE x.uri = ? AND t.username = 'emil' AND t.domain IS NULL", peer.actorUrl()) == 1);

        String post = FederationFixtures.post(muse, emil.accessToken(), "Which Joni album first?", "public");
        peer.waitForLog(e -> logged(e, "Create") && e.toString().contains(post), Duration.ofSeconds(20));

        String emilActor = muse.baseUrl() + "/users/emil";
        String reply = peer.reply("<p>Start with Blue, then Hejira</p>", post, java.util.List.of(emilActor));
        await("emil is told of the reply", () -> mentions(emil).toString().contains(reply));
        JsonNode mention = mentions(emil).get(0);
        assertEquals(peer.handle().replaceFirst("^@", ""), mention.at("/account/acct").asText());
        String postId = post.substring(post.lastIndexOf('/') + 1);
        assertEquals(postId, mention.at("/status/in_reply_to_id").asText(), mention::toString);
        assertTrue(mention.at("/status/content").asText().contains("Hejira"));
        assertEquals("public", mention.at("/status/visibility").asText());

        JsonNode home = muse.http().get("/api/v1/timelines/home", emil.accessToken()).json();
        assertTrue(home.toString().contains(reply), () -> "the reply is on emil's home timeline: " + home);
        JsonNode context = muse.http().get("/api/v1/statuses/" + postId + "/context", emil.accessToken()).json();
        assertEquals(reply, context.at("/descendants/0/uri").asText(), context::toString);
        assertEquals(0, peer.rejections().size(), () -> "Fedify refused something Muse sent: " + peer.rejections());
    }

    @Test
    void aFedifyAccountsEarlierPostsAreReadFromItsOutboxWhenFirstLookedAt() {
        try (FedifyPeer quiet = FedifyPeer.start("gil", java.util.Map.of())) {
            String first = quiet.note("<p>Posted before anyone on Muse knew gil</p>");
            String second = quiet.note("<p>And a second one</p>");
            String hidden = quiet.followersOnlyNote("<p>For followers only</p>");
            Person fran = new MastodonFixtures(muse.http()).signUp("fran");
            String gilOnMuse = FederationFixtures.resolve(muse, fran.accessToken(), quiet.handle());
            JsonNode statuses = muse.http().get("/api/v1/accounts/" + gilOnMuse + "/statuses", fran.accessToken()).json();
            java.util.List<String> uris = new java.util.ArrayList<>();
            statuses.forEach(st -> uris.add(st.get("uri").asText()));
            assertEquals(java.util.List.of(second, first), uris, "newest first, without the followers-only " + hidden);
            assertEquals(0, quiet.rejections().size(), () -> "Fedify refused something Muse sent: " + quiet.rejections());
        }
    }

    private static JsonNode mentions(Person who) {
        return muse.http().get("/api/v1/notifications?types[]=mention", who.accessToken()).json();
    }

    @Test
    void museFollowsFedifyAndReceivesItsPosts() {
        String fediOnMuse = FederationFixtures.resolve(muse, dora.accessToken(), peer.handle());
        FederationFixtures.follow(muse, dora.accessToken(), fediOnMuse);
        await("Fedify accepts Muse's follow",
                () -> FederationFixtures.relationship(muse, dora.accessToken(), fediOnMuse).get("following").asBoolean());

        String note = peer.note("Hello from Fedify");
        await("Muse stores Fedify's post", () -> count(muse, "SELECT count(*) FROM statuses WHERE uri = ?", note) == 1);
        peer.delete(note);
        await("Muse deletes Fedify's post", () -> count(muse, "SELECT count(*) FROM statuses WHERE uri = ? AND deleted_at IS NOT NULL", note) == 1);

        FederationFixtures.unfollow(muse, dora.accessToken(), fediOnMuse);
        peer.waitForLog(e -> logged(e, "Undo"), Duration.ofSeconds(20));
        assertEquals(0, peer.rejections().size(), () -> "Fedify refused something Muse sent: " + peer.rejections());
    }
}
