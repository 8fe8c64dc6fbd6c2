package social.muse.server.http.mastodon;

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
import static social.muse.server.http.mastodon.ApiChecks.assertMastodonError;
import static social.muse.server.http.mastodon.ApiChecks.ids;
import static social.muse.server.http.mastodon.ApiChecks.personTokenWithScopes;

/**
 * Followers, following and follow requests of local people through the Mastodon API: Mastodon's cursors and Link
 * headers walked page by page, authorize and reject, remove_from_followers, and the errors of missing or narrow
 * tokens (FollowListsIT covers the same answers across two servers).
 */
class FollowListPagingIT {
    private static TestInstance instance;
    private static TestHttp http;
    private static MastodonFixtures mastodon;

    @BeforeAll
    static void start() {
        instance = TestInstance.start();
        http = instance.http();
        mastodon = new MastodonFixtures(http);
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    @Test
    void followersPageNewestFirstWithMastodonCursorsAndLinks() {
        Person star = mastodon.signUp("star");
        String starId = id(star);
        List<String> fans = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            Person fan = mastodon.signUp("fan" + i);
            follow(fan, starId);
            fans.add(id(fan));
        }
        String path = "/api/v1/accounts/" + starId + "/followers";

        TestHttp.Response first = http.get(path + "?limit=2");
        assertEquals(200, first.status(), first::toString);
        assertEquals(List.of(fans.get(4), fans.get(3)), ids(first));
        first.json().forEach(account -> MastodonSchemas.assertValid("Account", account));
        LinkHeader firstLinks = LinkHeader.of(first);
        String next = firstLinks.next().orElseThrow(() -> new AssertionError("no next link: " + first));
        assertTrue(next.startsWith(instance.baseUrl() + path + "?limit=2&max_id="), next);
        assertTrue(firstLinks.prev().orElseThrow().startsWith(instance.baseUrl() + path + "?limit=2&min_id="));

        TestHttp.Response second = http.get(next);
        assertEquals(List.of(fans.get(2), fans.get(1)), ids(second));
        TestHttp.Response last = http.get(LinkHeader.of(second).next().orElseThrow());
        assertEquals(List.of(fans.get(0)), ids(last));
        TestHttp.Response beyond = http.get(LinkHeader.of(last).next().orElseThrow());
        assertEquals(List.of(), ids(beyond));
        assertTrue(beyond.header("Link").isEmpty(), "no Link header on an empty page, as on Mastodon: " + beyond);

        String oldestCursor = cursor(LinkHeader.of(last).prev().orElseThrow(), "min_id");
        assertEquals(List.of(fans.get(2), fans.get(1)), ids(http.get(path + "?limit=2&min_id=" + oldestCursor)),
                "min_id: the page just above the cursor, newest first");
        assertEquals(List.of(fans.get(4), fans.get(3)), ids(http.get(path + "?limit=2&since_id=" + oldestCursor)),
                "since_id: the newest page above the cursor");

        assertEquals(List.of(), ids(http.get(firstLinks.prev().orElseThrow())), "nothing newer than the newest");

        TestHttp.Response all = http.get(path, star.accessToken());
        assertEquals(5, all.json().size());
        assertTrue(LinkHeader.of(all).next().orElseThrow().contains("limit=40&"), "40 by default: " + all);
        assertEquals(3, http.get(path + "?limit=3").json().size());
    }

    @Test
    void followingListsWhomAnAccountFollows() {
        Person listener = mastodon.signUp("listener");
        Person first = mastodon.signUp("firstband");
        Person second = mastodon.signUp("secondband");
        follow(listener, id(first));
        follow(listener, id(second));

        TestHttp.Response following = http.get("/api/v1/accounts/" + id(listener) + "/following?limit=1", listener.accessToken());
        assertEquals(200, following.status(), following::toString);
        assertEquals(List.of(id(second)), ids(following));
        MastodonSchemas.assertValid("Account", following.json().get(0));
        assertEquals(List.of(id(first)), ids(http.get(LinkHeader.of(following).next().orElseThrow())));
        assertEquals(List.of(id(listener)), ids(http.get("/api/v1/accounts/" + id(first) + "/followers")));
    }

    @Test
    void listsRefuseUnknownAccountsAndNarrowTokens() {
        Person someone = mastodon.signUp("someone");
        assertMastodonError(http.get("/api/v1/accounts/999999999/following"), 404);
        String writeOnlyApp = mastodon.clientToken(mastodon.registerApp("urn:ietf:wg:oauth:2.0:oob", "write"), "write");
        assertMastodonError(http.get("/api/v1/accounts/" + id(someone) + "/followers", writeOnlyApp), 403);
        assertMastodonError(http.get("/api/v1/accounts/" + id(someone) + "/followers", "not-a-token"), 401);
    }

    @Test
    void lockedAccountsListAuthorizeAndRejectRequests() {
        Person keeper = mastodon.signUp("keeper");
        lock(keeper);
        List<Person> askers = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Person asker = mastodon.signUp("asker" + i);
            assertTrue(follow(asker, id(keeper)).get("requested").asBoolean());
            askers.add(asker);
        }

        TestHttp.Response page = http.get("/api/v1/follow_requests?limit=2", keeper.accessToken());
        assertEquals(200, page.status(), page::toString);
        assertEquals(List.of(id(askers.get(2)), id(askers.get(1))), ids(page));
        page.json().forEach(account -> MastodonSchemas.assertValid("Account", account));
        String next = LinkHeader.of(page).next().orElseThrow(() -> new AssertionError("no next link: " + page));
        assertTrue(next.startsWith(instance.baseUrl() + "/api/v1/follow_requests?limit=2&max_id="), next);
        assertEquals(List.of(id(askers.get(0))), ids(http.get(next, keeper.accessToken())));

        TestHttp.Response authorized = http.postJson("/api/v1/follow_requests/" + id(askers.get(0)) + "/authorize", Map.of(),
                keeper.accessToken());
        assertEquals(200, authorized.status(), authorized::toString);
        MastodonSchemas.assertValid("Relationship", authorized.json());
        assertEquals(id(askers.get(0)), authorized.json().get("id").asText());
        assertTrue(authorized.json().get("followed_by").asBoolean());
        JsonNode askerView = relationship(askers.get(0), id(keeper));
        assertTrue(askerView.get("following").asBoolean());
        assertFalse(askerView.get("requested").asBoolean());

        TestHttp.Response rejected = http.postForm("/api/v1/follow_requests/" + id(askers.get(1)) + "/reject", Map.of(),
                keeper.accessToken());
        assertEquals(200, rejected.status(), rejected::toString);
        MastodonSchemas.assertValid("Relationship", rejected.json());
        assertFalse(rejected.json().get("followed_by").asBoolean());
        JsonNode rejectedView = relationship(askers.get(1), id(keeper));
        assertFalse(rejectedView.get("following").asBoolean());
        assertFalse(rejectedView.get("requested").asBoolean());

        assertEquals(List.of(id(askers.get(2))), ids(http.get("/api/v1/follow_requests", keeper.accessToken())));
        assertEquals(List.of(id(askers.get(0))), ids(http.get("/api/v1/accounts/" + id(keeper) + "/followers")));
        assertMastodonError(http.postJson("/api/v1/follow_requests/" + id(askers.get(1)) + "/authorize", Map.of(),
                keeper.accessToken()), 404);
        assertMastodonError(http.postJson("/api/v1/follow_requests/999999999/reject", Map.of(), keeper.accessToken()), 404);
    }

    @Test
    void followRequestsNeedAPersonWithFollowScopes() {
        Person keeper = mastodon.signUp("strictkeeper");
        lock(keeper);
        Person asker = mastodon.signUp("hopeful");
        follow(asker, id(keeper));
        String accountsOnly = personTokenWithScopes(mastodon, "narrowkeeper", "read:accounts write:accounts");
        String appToken = mastodon.clientToken(mastodon.registerApp("urn:ietf:wg:oauth:2.0:oob", "read write follow"), "read write follow");

        assertMastodonError(http.get("/api/v1/follow_requests"), 401);
        assertMastodonError(http.get("/api/v1/follow_requests", accountsOnly), 403);
        assertMastodonError(http.get("/api/v1/follow_requests", appToken), 422);
        assertMastodonError(http.postJson("/api/v1/follow_requests/" + id(asker) + "/authorize", Map.of(), accountsOnly), 403);
        assertMastodonError(http.postJson("/api/v1/follow_requests/" + id(asker) + "/reject", Map.of()), 401);
        assertMastodonError(http.postJson("/api/v1/accounts/" + id(asker) + "/remove_from_followers", Map.of(), accountsOnly), 403);
        assertEquals(List.of(id(asker)), ids(http.get("/api/v1/follow_requests", keeper.accessToken())),
                "refused calls changed nothing");
    }

    @Test
    void removeFromFollowersEndsTheirFollow() {
        Person host = mastodon.signUp("hostess");
        Person guest = mastodon.signUp("guest");
        follow(guest, id(host));
        assertTrue(relationship(host, id(guest)).get("followed_by").asBoolean());

        TestHttp.Response removed = http.postJson("/api/v1/accounts/" + id(guest) + "/remove_from_followers", Map.of(),
                host.accessToken());
        assertEquals(200, removed.status(), removed::toString);
        MastodonSchemas.assertValid("Relationship", removed.json());
        assertFalse(removed.json().get("followed_by").asBoolean());
        assertFalse(relationship(guest, id(host)).get("following").asBoolean());
        assertEquals(List.of(), ids(http.get("/api/v1/accounts/" + id(host) + "/followers")));

        TestHttp.Response again = http.postJson("/api/v1/accounts/" + id(guest) + "/remove_from_followers", Map.of(),
                host.accessToken());
        assertEquals(200, again.status(), "removing someone who does not follow changes nothing: " + again);
    }


    private static void lock(Person person) {
        TestHttp.Response r = http.send(http.request("/api/v1/accounts/update_credentials")
                .header("Authorization", "Bearer " + person.accessToken()).header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"locked\":true}")));
        assertEquals(200, r.status(), r::toString);
    }

    private static JsonNode follow(Person who, String accountId) {
        TestHttp.Response r = http.postJson("/api/v1/accounts/" + accountId + "/follow", Map.of(), who.accessToken());
        assertEquals(200, r.status(), r::toString);
        return r.json();
    }

    private static JsonNode relationship(Person who, String accountId) {
        TestHttp.Response r = http.get("/api/v1/accounts/relationships?id[]=" + accountId, who.accessToken());
        assertEquals(200, r.status(), r::toString);
        MastodonSchemas.assertValid("Relationship", r.json().get(0));
        return r.json().get(0);
    }

    private static String id(Person person) {
        return mastodon.verifyCredentials(person.accessToken()).get("id").asText();
    }

    private static String cursor(String link, String name) {
        String query = link.substring(link.indexOf('?') + 1);
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in " + link);
    }
}
