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
