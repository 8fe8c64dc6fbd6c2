package social.muse.server.federation;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.muse.server.testing.MastodonFixtures;
import social.muse.server.testing.MastodonFixtures.Person;
import social.muse.server.testing.TestHttp;
import social.muse.server.testing.TestInstance;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static social.muse.server.federation.FederationFixtures.await;
import static social.muse.server.federation.FederationFixtures.count;
import static social.muse.server.federation.FederationFixtures.execute;

/**
 * FEP-8fcf between two Muse instances: B's deliveries carry a signed digest of bob's followers on A; when A's view
 * differs, A fetches B's list of them and repairs what the two disagree on.
 */
class FollowersSyncIT {
    private static final String FOLLOWS = """
            SELECT count(*) FROM follows f JOIN accounts x ON x.id = f.account_id JOIN accounts t ON t.id = f.target_account_id
            WHERE x.username = ? AND t.username = 'bob'""";
    private static final String REQUESTS = FOLLOWS.replace("FROM follows", "FROM follow_requests");

    private static TestInstance a;
    private static TestInstance b;
    private static Person bob;
    private static String bobOnA;

    @BeforeAll
    static void start() {
        a = TestInstance.start();
        b = TestInstance.start();
        bob = new MastodonFixtures(b.http()).signUp("bob");
        MastodonFixtures onA = new MastodonFixtures(a.http());
        for (String name : List.of("alice", "carol", "dave", "erin")) {
            Person person = onA.signUp(name);
            bobOnA = FederationFixtures.resolve(a, person.accessToken(), "@bob@" + b.app().config().domain());
            FederationFixtures.follow(a, person.accessToken(), bobOnA);
            await(name + "'s follow of bob is accepted",
                    () -> FederationFixtures.relationship(a, person.accessToken(), bobOnA).get("following").asBoolean());
        }
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    @Test
    void diverged_follows_are_repaired_when_the_followed_account_posts() {
        // carol: B lost her follow (she is still following on A)
        execute(b, "DELETE FROM follows f USING accounts x WHERE x.id = f.account_id AND x.username = 'carol'");
        // dave: A never saw B's Accept (still a request on A; following on B)
        execute(a, """
                INSERT INTO follow_requests (account_id, target_account_id, uri)
                SELECT f.account_id, f.target_account_id, f.uri FROM follows f JOIN accounts x ON x.id = f.account_id
                WHERE x.username = 'dave'""");
        execute(a, "DELETE FROM follows f USING accounts x WHERE x.id = f.account_id AND x.username = 'dave'");
        // erin: A lost her follow (B still delivers to her)
        execute(a, "DELETE FROM follows f USING accounts x WHERE x.id = f.account_id AND x.username = 'erin'");

        String note = FederationFixtures.post(b, bob.accessToken(), "Court and Spark, side two", "public");
        await("A receives bob's post", () -> count(a, "SELECT count(*) FROM statuses WHERE uri = ?", note) == 1);

        await("A drops carol's follow, which B does not know", () -> count(a, FOLLOWS, "carol") == 0);
        await("A takes dave's follow as accepted", () -> count(a, FOLLOWS, "dave") == 1 && count(a, REQUESTS, "dave") == 0);
        await("A undoes erin's follow on B", () -> count(b, FOLLOWS.replace("x.username = ?",
                "x.username = ? AND x.domain IS NOT NULL"), "erin") == 0);
        assertEquals(1, count(a, FOLLOWS, "alice"), "alice's follow, which both agree on, stays");
        assertEquals(1, count(b, FOLLOWS.replace("x.username = ?", "x.username = ? AND x.domain IS NOT NULL"), "alice"));
    }

    @Test
    void the_partial_followers_collection_needs_a_signature() {
        TestHttp.Response r = b.http().send(b.http().request("/users/bob/followers_synchronization")
                .header("Accept", "application/activity+json").GET());
        assertEquals(401, r.status(), r::toString);
    }
}
