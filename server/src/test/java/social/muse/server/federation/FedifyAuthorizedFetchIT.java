package social.muse.server.federation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.muse.server.testing.FedifyPeer;
import social.muse.server.testing.MastodonFixtures;
import social.muse.server.testing.MastodonFixtures.Person;
import social.muse.server.testing.TestHttp;
import social.muse.server.testing.TestInstance;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static social.muse.server.federation.FederationFixtures.await;
import static social.muse.server.federation.FederationFixtures.count;

/** Muse in authorized-fetch mode against Fedify, which signs its GETs with its actor's key: it still reads Muse. */
class FedifyAuthorizedFetchIT {
    private static TestInstance muse;
    private static FedifyPeer peer;
    private static Person dora;

    @BeforeAll
    static void start() {
        muse = TestInstance.start(Map.of("MUSE_FEDERATION_AUTHORIZED_FETCH", "true"));
        peer = FedifyPeer.start("fedi", Map.of());
        dora = new MastodonFixtures(muse.http()).signUp("dora");
    }

    @AfterAll
    static void stop() {
        peer.close();
        muse.close();
    }

    @Test
    void fedifyReadsTheWholeActorWithItsSignedGet() {
        String actorUrl = muse.baseUrl() + "/users/dora";
        TestHttp.Response unsigned = muse.http().send(HttpRequest.newBuilder(URI.create(actorUrl))
                .header("Accept", "application/activity+json").GET());
        assertFalse(unsigned.json().has("outbox"), "unsigned requests get the reduced actor");

        JsonNode actor = peer.lookup(actorUrl);

        assertEquals(actorUrl + "/outbox", actor.get("outbox").asText(), actor::toString);
        assertEquals(actorUrl + "/followers", actor.get("followers").asText(), actor::toString);
    }

    @Test
    void aFollowingFedifyActorReadsPublicAndFollowersOnlyStatuses() {
        peer.follow("@dora@" + muse.app().config().domain());
        await("Muse records Fedify's follow", () -> count(muse,
                "SELECT count(*) FROM follows f JOIN accounts x ON x.id = f.account_id WHERE x.uri = ?", peer.actorUrl()) == 1);
        String open = FederationFixtures.post(muse, dora.accessToken(), "Public: Don Juan's Reckless Daughter", "public");
        String followersOnly = FederationFixtures.post(muse, dora.accessToken(), "Followers only: Paprika Plains", "private");

        JsonNode note = peer.fetch(open);
        assertEquals(open, note.get("id").asText(), note::toString);
        assertTrue(note.get("content").asText().contains("Reckless Daughter"), note::toString);
        JsonNode privateNote = peer.fetch(followersOnly);
        assertTrue(privateNote.get("content").asText().contains("Paprika Plains"), privateNote::toString);
        assertEquals(0, peer.rejections().size(), () -> "Fedify refused something Muse sent: " + peer.rejections());
    }
}
