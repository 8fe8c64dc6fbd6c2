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

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static social.muse.server.http.mastodon.ApiChecks.assertMastodonError;
import static social.muse.server.http.mastodon.ApiChecks.ids;
import static social.muse.server.http.mastodon.ApiChecks.personTokenWithScopes;

/**
 * What Tusky, Ivory, Elk, Phanpy and masto.js call right after logging in, held to Mastodon's shapes and scopes
 * (StartupIT covers markers and the basics).
 */
class StartupContractIT {
    /** Endpoints that need a person and answer an empty list while Muse has no such data. */
    private static final List<String> EMPTY_FOR_MEMBERS = List.of(
            "/api/v1/lists", "/api/v1/filters", "/api/v2/filters", "/api/v1/announcements", "/api/v1/followed_tags",
            "/api/v1/conversations", "/api/v1/scheduled_statuses", "/api/v1/domain_blocks", "/api/v1/endorsements",
            "/api/v1/featured_tags");
    private static final List<String> EMPTY_FOR_ANYONE = List.of(
            "/api/v1/trends", "/api/v1/trends/tags", "/api/v1/trends/statuses", "/api/v1/trends/links",
            "/api/v1/custom_emojis");

    private static TestInstance instance;
    private static TestHttp http;
    private static MastodonFixtures mastodon;
    private static Person me;

    @BeforeAll
    static void start() {
        instance = TestInstance.start();
        http = instance.http();
        mastodon = new MastodonFixtures(http);
        me = mastodon.signUp("newcomer");
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    @Test
    void preferencesComeFromThePersonsPostingDefaults() {
        TestHttp.Response defaults = http.get("/api/v1/preferences", me.accessToken());
        assertEquals(200, defaults.status(), defaults::toString);
        assertEquals("public", defaults.json().get("posting:default:visibility").asText());
        assertFalse(defaults.json().get("posting:default:sensitive").asBoolean());
        assertTrue(defaults.json().get("posting:default:language").isNull());
        assertEquals("default", defaults.json().get("reading:expand:media").asText());
        assertFalse(defaults.json().get("reading:expand:spoilers").asBoolean());
        assertFalse(defaults.json().get("reading:autoplay:gifs").asBoolean());

        Person picky = mastodon.signUp("picky");
        TestHttp.Response updated = http.send(http.request("/api/v1/accounts/update_credentials")
                .header("Authorization", "Bearer " + picky.accessToken())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(TestHttp.form(Map.of(
                        "source[privacy]", "unlisted", "source[sensitive]", "true", "source[language]", "de")))));
        assertEquals(200, updated.status(), updated::toString);
        JsonNode prefs = http.get("/api/v1/preferences", picky.accessToken()).json();
        assertEquals("unlisted", prefs.get("posting:default:visibility").asText());
        assertTrue(prefs.get("posting:default:sensitive").asBoolean());
        assertEquals("de", prefs.get("posting:default:language").asText());
    }

    @Test
    void endpointsWithoutDataYetAnswerEmptyListsToPeople() {
        String appToken = mastodon.clientToken(mastodon.registerApp("urn:ietf:wg:oauth:2.0:oob", "read"), "read");
        for (String path : EMPTY_FOR_MEMBERS) {
            TestHttp.Response r = http.get(path, me.accessToken());
            assertEquals(200, r.status(), () -> path + ": " + r);
            assertTrue(r.json().isArray() && r.json().isEmpty(), () -> path + ": " + r);
            assertMastodonError(http.get(path), 401);
            assertMastodonError(http.get(path, appToken), 422);
        }
        for (String path : EMPTY_FOR_ANYONE) {
            TestHttp.Response r = http.get(path);
            assertEquals(200, r.status(), () -> path + ": " + r);
            assertTrue(r.json().isArray() && r.json().isEmpty(), () -> path + ": " + r);
        }
    }

    @Test
    void eachEndpointChecksTheScopeMastodonChecks() {
        String statusesOnly = personTokenWithScopes(mastodon, "scoped", "write:accounts read:statuses");
        for (String path : List.of("/api/v1/preferences", "/api/v1/lists", "/api/v2/filters", "/api/v1/announcements",
                "/api/v1/followed_tags", "/api/v1/domain_blocks", "/api/v2/suggestions", "/api/v1/suggestions")) {
            assertMastodonError(http.get(path, statusesOnly), 403);
        }
        assertEquals(200, http.get("/api/v1/conversations", statusesOnly).status());
        assertEquals(200, http.get("/api/v1/scheduled_statuses", statusesOnly).status());
    }

    @Test
    void listsDoNotExistYet() {
        assertMastodonError(http.get("/api/v1/lists/12345", me.accessToken()), 404);
        assertEquals("Record not found", http.get("/api/v1/lists/12345", me.accessToken()).json().get("error").asText());
        assertMastodonError(http.get("/api/v1/lists/12345"), 401);
        String myId = mastodon.verifyCredentials(me.accessToken()).get("id").asText();
        TestHttp.Response withAccount = http.get("/api/v1/accounts/" + myId + "/lists", me.accessToken());
        assertEquals(200, withAccount.status(), withAccount::toString);
        assertEquals(0, withAccount.json().size());
        assertMastodonError(http.get("/api/v1/accounts/999999999/lists", me.accessToken()), 404);
    }

    @Test
    void suggestionsAreDiscoverableLocalPeopleNotYetFollowedNewestFirst() {
        Person seeker = mastodon.signUp("seeker");
        Person followed = mastodon.signUp("alreadyfollowed");
        Person hidden = mastodon.signUp("hiddenperson");
        Person older = mastodon.signUp("olderartist");
        Person newer = mastodon.signUp("newerartist");
        http.postJson("/api/v1/accounts/" + id(followed) + "/follow", Map.of(), seeker.accessToken());
        TestHttp.Response hide = http.send(http.request("/api/v1/accounts/update_credentials")
                .header("Authorization", "Bearer " + hidden.accessToken()).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"discoverable\":false}")));
        assertEquals(200, hide.status(), hide::toString);

        TestHttp.Response v1 = http.get("/api/v1/suggestions", seeker.accessToken());
        assertEquals(200, v1.status(), v1::toString);
        List<String> suggested = ids(v1);
        v1.json().forEach(account -> MastodonSchemas.assertValid("Account", account));
        assertEquals(List.of(id(newer), id(older)), suggested.subList(0, 2), "newest first: " + suggested);
        assertTrue(suggested.contains(id(me)), "everyone discoverable: " + suggested);
        assertFalse(suggested.contains(id(seeker)), "not oneself");
        assertFalse(suggested.contains(id(followed)), "not whom one follows");
        assertFalse(suggested.contains(id(hidden)), "not who asked not to be suggested");

        TestHttp.Response v2 = http.get("/api/v2/suggestions?limit=1", seeker.accessToken());
        assertEquals(200, v2.status(), v2::toString);
        assertEquals(1, v2.json().size());
        MastodonSchemas.assertFullyValid("Suggestion", v2.json().get(0));
        assertEquals(id(newer), v2.json().get(0).get("account").get("id").asText());
        assertMastodonError(http.get("/api/v2/suggestions"), 401);
    }

    @Test
    void peersAreTheDomainsOfKnownRemoteAccounts() {
        TestHttp.Response peers = http.get("/api/v1/instance/peers");
        assertEquals(200, peers.status(), peers::toString);
        assertTrue(peers.json().isArray());
        instance.app().database().jdbi().useHandle(h -> h.execute(
                "INSERT INTO accounts (username, domain, uri) VALUES ('far', 'Far.Example', 'https://far.example/users/far')"));
        List<String> domains = StreamSupport.stream(http.get("/api/v1/instance/peers").json().spliterator(), false)
                .map(JsonNode::asText).toList();
        assertTrue(domains.contains("far.example"), domains::toString);
    }


    private static String id(Person person) {
        return mastodon.verifyCredentials(person.accessToken()).get("id").asText();
    }
}
