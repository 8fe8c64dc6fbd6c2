package social.muse.server.federation;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.muse.server.testing.MastodonFixtures;
import social.muse.server.testing.MastodonFixtures.Person;
import social.muse.server.testing.TestInstance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static social.muse.server.federation.FederationFixtures.await;
import static social.muse.server.federation.FederationFixtures.count;

/** Two Muse instances on 127.0.0.1, each with its own database, federating through their real endpoints. */
class MuseToMuseIT {
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
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    @Test
    void followPostDeleteAndUndoAcrossInstances() {
        String bobOnA = FederationFixtures.resolve(a, alice.accessToken(), "@bob@" + b.app().config().domain());
        assertTrue(FederationFixtures.follow(a, alice.accessToken(), bobOnA).get("requested").asBoolean());
        await("B accepts alice's follow and A records it",
                () -> FederationFixtures.relationship(a, alice.accessToken(), bobOnA).get("following").asBoolean());
        assertEquals(1, count(b, "SELECT count(*) FROM follows f JOIN accounts x ON x.id = f.account_id WHERE x.uri = ?",
                a.baseUrl() + "/users/alice"));

        String note = FederationFixtures.post(b, bob.accessToken(), "Hejira is the best album of 1976", "public");
        await("A receives bob's post", () -> count(a, "SELECT count(*) FROM statuses WHERE uri = ? AND deleted_at IS NULL", note) == 1);

        FederationFixtures.delete(b, bob.accessToken(), note);
        await("A deletes bob's post", () -> count(a, "SELECT count(*) FROM statuses WHERE uri = ? AND deleted_at IS NOT NULL", note) == 1);

        FederationFixtures.unfollow(a, alice.accessToken(), bobOnA);
        await("B forgets the follow", () -> count(b, "SELECT count(*) FROM follows f JOIN accounts x ON x.id = f.account_id WHERE x.uri = ?",
                a.baseUrl() + "/users/alice") == 0);
    }

    @Test
    void anActivityFromAnUnavailableHostMakesItAvailableAgain() {
        String host = b.app().config().domain().toLowerCase(java.util.Locale.ROOT);
        FederationFixtures.execute(a, """
                INSERT INTO delivery_hosts (host, failure_days, consecutive_failures)
                SELECT ?, array_agg(current_date - d), 40 FROM generate_series(1, 7) AS d
                ON CONFLICT (host) DO UPDATE SET failure_days = excluded.failure_days, consecutive_failures = 40""", host);
        Person gina = new MastodonFixtures(b.http()).signUp("gina");
        String aliceOnB = FederationFixtures.resolve(b, gina.accessToken(), "@alice@" + a.app().config().domain());
        FederationFixtures.follow(b, gina.accessToken(), aliceOnB);

        await("A processes gina's Follow and forgets B's failures", () -> count(a,
                "SELECT count(*) FROM delivery_hosts WHERE host = ? AND failure_days = '{}' AND consecutive_failures = 0",
                host) == 1);
        await("A's Accept reaches B", () -> FederationFixtures.relationship(b, gina.accessToken(), aliceOnB)
                .get("following").asBoolean());
    }

    @Test
    void aProfileChangeReachesFollowersServers() {
        Person kim = new MastodonFixtures(a.http()).signUp("kim");
        Person lou = new MastodonFixtures(b.http()).signUp("lou");
        String kimOnB = FederationFixtures.resolve(b, lou.accessToken(), "@kim@" + a.app().config().domain());
        FederationFixtures.follow(b, lou.accessToken(), kimOnB);
        await("kim accepts lou", () -> FederationFixtures.relationship(b, lou.accessToken(), kimOnB).get("following").asBoolean());

        var r = a.http().send(a.http().request("/api/v1/accounts/update_credentials")
                .header("Authorization", "Bearer " + kim.accessToken())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("display_name=Kim+Gordon")));
        assertEquals(200, r.status(), r::toString);
        await("B shows kim's new name", () -> b.http().get("/api/v1/accounts/" + kimOnB, lou.accessToken())
                .json().get("display_name").asText().equals("Kim Gordon"));
    }

    @Test
    void followsWorkTheOtherWayToo() {
        String aliceOnB = FederationFixtures.resolve(b, bob.accessToken(), "@alice@" + a.app().config().domain());
        FederationFixtures.follow(b, bob.accessToken(), aliceOnB);
        await("A accepts bob's follow and B records it",
                () -> FederationFixtures.relationship(b, bob.accessToken(), aliceOnB).get("following").asBoolean());
        String note = FederationFixtures.post(a, alice.accessToken(), "Followers only: Blue on repeat", "private");
        await("B receives alice's followers-only post as private",
                () -> count(b, "SELECT count(*) FROM statuses WHERE uri = ? AND visibility = 'private'", note) == 1);
    }

    @Test
    void lockedAccountsGetFollowRequests() {
        Person carol = new MastodonFixtures(b.http()).signUp("carol");
        b.http().send(b.http().request("/api/v1/accounts/update_credentials")
                .header("Authorization", "Bearer " + carol.accessToken()).header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"locked\":true}")));
        String carolOnA = FederationFixtures.resolve(a, alice.accessToken(), "@carol@" + b.app().config().domain());
        FederationFixtures.follow(a, alice.accessToken(), carolOnA);
        await("B holds a follow request for carol", () -> count(b, """
                SELECT count(*) FROM follow_requests r JOIN accounts x ON x.id = r.account_id JOIN accounts t ON t.id = r.target_account_id
                 WHERE x.uri = ? AND t.username = 'carol'""", a.baseUrl() + "/users/alice") == 1);
        assertTrue(FederationFixtures.relationship(a, alice.accessToken(), carolOnA).get("requested").asBoolean());
    }

    @Test
    void remoteAccountsAppearThroughTheApi() {
        String bobOnA = FederationFixtures.resolve(a, alice.accessToken(), b.baseUrl() + "/users/bob");
        var account = a.http().get("/api/v1/accounts/" + bobOnA).json();
        assertEquals("bob@" + b.app().config().domain(), account.get("acct").asText());
        assertEquals(b.baseUrl() + "/@bob", account.get("url").asText());
    }
}
