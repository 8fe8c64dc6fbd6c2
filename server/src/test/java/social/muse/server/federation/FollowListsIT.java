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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static social.muse.server.federation.FederationFixtures.await;

/** A locked account answers follow requests from another server, lists its followers and removes one. */
class FollowListsIT {
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
    void requestsAreAuthorizedOrRejectedAndFollowersRemovedAcrossServers() {
        Person lina = new MastodonFixtures(a.http()).signUp("lina");
        a.http().send(a.http().request("/api/v1/accounts/update_credentials")
                .header("Authorization", "Bearer " + lina.accessToken())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("locked=true")));
        Person bob = new MastodonFixtures(b.http()).signUp("bob");
        Person carol = new MastodonFixtures(b.http()).signUp("carol");
        String linaOnB = FederationFixtures.resolve(b, bob.accessToken(), "@lina@" + a.app().config().domain());
        FederationFixtures.follow(b, bob.accessToken(), linaOnB);
        FederationFixtures.follow(b, carol.accessToken(), linaOnB);
        await("both requests reach lina", () -> usernames(a.http().get("/api/v1/follow_requests", lina.accessToken()).json()).size() == 2);

        TestHttp.Response requests = a.http().get("/api/v1/follow_requests", lina.accessToken());
        requests.json().forEach(account -> MastodonSchemas.assertValid("Account", account));
        // the two Follows arrive in either order
        assertEquals(List.of("bob", "carol"), usernames(requests.json()).stream().sorted().toList());
        String bobOnA = idOf(requests.json(), "bob");
        String carolOnA = idOf(requests.json(), "carol");

        JsonNode authorized = a.http().postJson("/api/v1/follow_requests/" + bobOnA + "/authorize", Map.of(), lina.accessToken()).json();
        MastodonSchemas.assertValid("Relationship", authorized);
        assertTrue(authorized.get("followed_by").asBoolean());
        await("B hears the Accept", () -> FederationFixtures.relationship(b, bob.accessToken(), linaOnB).get("following").asBoolean());

        assertFalse(a.http().postJson("/api/v1/follow_requests/" + carolOnA + "/reject", Map.of(), lina.accessToken())
                .json().get("requested_by").asBoolean());
        await("B hears the Reject", () -> !FederationFixtures.relationship(b, carol.accessToken(), linaOnB).get("requested").asBoolean());
        assertEquals(404, a.http().postJson("/api/v1/follow_requests/" + carolOnA + "/authorize", Map.of(), lina.accessToken()).status());

        String linaId = a.http().get("/api/v1/accounts/lookup?acct=lina").json().get("id").asText();
        TestHttp.Response followers = a.http().get("/api/v1/accounts/" + linaId + "/followers");
        assertEquals(List.of("bob"), usernames(followers.json()));
        assertTrue(followers.header("Link").orElseThrow().contains("/api/v1/accounts/" + linaId + "/followers?"));

        a.http().postJson("/api/v1/accounts/" + bobOnA + "/remove_from_followers", Map.of(), lina.accessToken());
        assertEquals(List.of(), usernames(a.http().get("/api/v1/accounts/" + linaId + "/followers").json()));
        await("B hears bob was removed", () -> !FederationFixtures.relationship(b, bob.accessToken(), linaOnB).get("following").asBoolean());
        assertEquals(401, a.http().get("/api/v1/follow_requests").status());
    }

    private static String idOf(JsonNode accounts, String username) {
        for (JsonNode account : accounts) {
            if (account.get("username").asText().equals(username)) {
                return account.get("id").asText();
            }
        }
        throw new AssertionError(username + " is not in " + accounts);
    }

    private static List<String> usernames(JsonNode accounts) {
        List<String> names = new ArrayList<>();
        accounts.forEach(account -> names.add(account.get("username").asText()));
        return names;
    }
}
