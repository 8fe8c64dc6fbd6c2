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

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static social.muse.server.federation.FederationFixtures.await;
import static social.muse.server.federation.FederationFixtures.count;

/** Reports through the Mastodon API: kept for this server's moderators and, when asked, forwarded as a Flag. */
class ReportsIT {
    private static TestInstance a;
    private static TestInstance b;

    @BeforeAll
    static void start() {
        a = TestInstance.start();
        b = TestInstance.start();
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    @Test
    void aForwardedReportReachesTheReportedAccountsServerFromTheInstanceActor() {
        Person alice = new MastodonFixtures(a.http()).signUp("alice");
        Person bob = new MastodonFixtures(b.http()).signUp("bob");
        String bobOnA = FederationFixtures.resolve(a, alice.accessToken(), "@bob@" + b.app().config().domain());
        FederationFixtures.follow(a, alice.accessToken(), bobOnA);
        await("alice follows bob", () -> FederationFixtures.relationship(a, alice.accessToken(), bobOnA).get("following").asBoolean());
        String spam = FederationFixtures.post(b, bob.accessToken(), "Buy followers now", "public");
        await("A has bob's post", () -> count(a, "SELECT count(*) FROM statuses WHERE uri = ?", spam) == 1);
        String spamOnA = Long.toString(count(a, "SELECT id FROM statuses WHERE uri = ?", spam));

        TestHttp.Response r = a.http().postForm("/api/v1/reports", Map.of("account_id", bobOnA, "status_ids[]", spamOnA,
                "comment", "Selling followers", "category", "spam", "forward", "true"), alice.accessToken());
        assertEquals(200, r.status(), r::toString);
        JsonNode report = r.json();
        MastodonSchemas.assertValid("Report", report);
        assertEquals("spam", report.get("category").asText());
        assertTrue(report.get("forwarded").asBoolean());
        assertEquals(spamOnA, report.at("/status_ids/0").asText());
        assertEquals(bobOnA, report.at("/target_account/id").asText());

        await("B keeps the Flag for its moderators", () -> count(b, """
                SELECT count(*) FROM reports r JOIN accounts t ON t.id = r.target_account_id
                 WHERE t.username = 'bob' AND t.domain IS NULL AND r.comment = 'Selling followers' AND ? = ANY(r.status_uris)""",
                spam) == 1);
        assertEquals(0, count(b, """
                SELECT count(*) FROM reports r JOIN accounts x ON x.id = r.account_id WHERE x.username = 'alice'"""),
                "the report comes from A's instance actor, not from alice");
    }

    @Test
    void aLocalReportStaysHereAndBadReportsAreRefused() {
        Person carol = new MastodonFixtures(a.http()).signUp("carol");
        Person dan = new MastodonFixtures(a.http()).signUp("dan");
        String danId = a.http().get("/api/v1/accounts/lookup?acct=dan").json().get("id").asText();
        String carolsPost = FederationFixtures.post(a, carol.accessToken(), "Mine", "public");
        String dansPost = FederationFixtures.post(a, dan.accessToken(), "Rude words", "public");
        String dansId = dansPost.substring(dansPost.lastIndexOf('/') + 1);

        JsonNode report = a.http().postForm("/api/v1/reports", Map.of("account_id", danId, "status_ids[]", dansId,
                "forward", "true", "rule_ids[]", "1"), carol.accessToken()).json();
        MastodonSchemas.assertValid("Report", report);
        assertEquals("violation", report.get("category").asText(), "naming rules makes it a violation");
        assertFalse(report.get("forwarded").asBoolean(), "a local account's report has nowhere to go");
        assertEquals(1, count(a, "SELECT count(*) FROM reports WHERE id = ? AND resolved_at IS NULL",
                Long.parseLong(report.get("id").asText())));

        String carolsId = carolsPost.substring(carolsPost.lastIndexOf('/') + 1);
        assertEquals(404, a.http().postForm("/api/v1/reports", Map.of("account_id", danId, "status_ids[]", carolsId),
                carol.accessToken()).status(), "only the reported account's posts");
        assertEquals(404, a.http().postForm("/api/v1/reports", Map.of("account_id", "123"), carol.accessToken()).status());
        assertEquals(422, a.http().postForm("/api/v1/reports", Map.of("account_id", danId, "comment", "x".repeat(1001)),
                carol.accessToken()).status());
        assertEquals(422, a.http().postForm("/api/v1/reports", Map.of("account_id", danId, "category", "boring"),
                carol.accessToken()).status());
        assertEquals(401, a.http().postForm("/api/v1/reports", Map.of("account_id", danId)).status());
    }
}
