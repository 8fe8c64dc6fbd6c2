package social.muse.server.http.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.muse.server.testing.MastodonFixtures;
import social.muse.server.testing.MastodonFixtures.Person;
import social.muse.server.testing.MastodonSchemas;
import social.muse.server.testing.QueuedActivities;
import social.muse.server.testing.QueuedActivities.Queued;
import social.muse.server.testing.TestHttp;
import social.muse.server.testing.TestInstance;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Favourites, reblogs and edits through the Mastodon API: the entities answered (checked against Mastodon's
 * schemas), the errors, and the activities put on the delivery queue for a remote follower and a remote author.
 */
class StatusInteractionsIT {
    private static TestInstance instance;
    private static TestHttp http;
    private static MastodonFixtures mastodon;
    private static Person alice;
    private static Person dan;
    private static long remoteStatusId;

    @BeforeAll
    static void start() {
        instance = TestInstance.start();
        http = instance.http();
        mastodon = new MastodonFixtures(http);
        alice = mastodon.signUp("alice");
        dan = mastodon.signUp("dan");
        long aliceId = Long.parseLong(mastodon.verifyCredentials(alice.accessToken()).get("id").asText());
        // A remote person who follows alice and has posted, as the inbox would have recorded them.
        remoteStatusId = instance.app().database().jdbi().withHandle(h -> {
            long bob = h.createQuery("""
                            INSERT INTO accounts (username, domain, uri, inbox_url, shared_inbox_url)
                            VALUES ('bob', 'remote.example', 'https://remote.example/users/bob',
                                    'https://remote.example/users/bob/inbox', 'https://remote.example/inbox')
                            RETURNING id""").mapTo(Long.class).one();
            h.execute("INSERT INTO follows (account_id, target_account_id) VALUES (?, ?)", bob, aliceId);
            return h.createQuery("""
                            INSERT INTO statuses (uri, account_id, local, content, visibility, to_uris, cc_uris)
                            VALUES ('https://remote.example/users/bob/statuses/1', :bob, false, '<p>Court and Spark</p>',
                                    'public', '{https://www.w3.org/ns/activitystreams#Public}', '{}')
                            RETURNING id""").bind("bob", bob).mapTo(Long.class).one();
        });
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    @Test
    void favouritingCountsOnceAndUnfavouritingTakesItBack() {
        String id = post(alice, "Ladies of the Canyon", "public");
        JsonNode favourited = ok(http.postJson("/api/v1/statuses/" + id + "/favourite", Map.of(), dan.accessToken()));
        MastodonSchemas.assertValid("Status", favourited);
        assertEquals(id, favourited.get("id").asText());
        assertTrue(favourited.get("favourited").asBoolean());
        assertEquals(1, favourited.get("favourites_count").asInt());

        JsonNode again = ok(http.postJson("/api/v1/statuses/" + id + "/favourite", Map.of(), dan.accessToken()));
        assertEquals(1, again.get("favourites_count").asInt(), "favouriting twice is one favourite");

        JsonNode seenByAlice = ok(http.get("/api/v1/statuses/" + id, alice.accessToken()));
        assertEquals(1, seenByAlice.get("favourites_count").asInt());
        assertFalse(seenByAlice.get("favourited").asBoolean(), "alice did not favourite it herself");
        assertEquals(1, ok(http.get("/api/v1/statuses/" + id)).get("favourites_count").asInt(), "anonymous readers see the count");

        JsonNode unfavourited = ok(http.postJson("/api/v1/statuses/" + id + "/unfavourite", Map.of(), dan.accessToken()));
        MastodonSchemas.assertValid("Status", unfavourited);
        assertFalse(unfavourited.get("favourited").asBoolean());
        assertEquals(0, unfavourited.get("favourites_count").asInt());
        assertEquals(0, ok(http.postJson("/api/v1/statuses/" + id + "/unfavourite", Map.of(), dan.accessToken()))
                .get("favourites_count").asInt(), "unfavouriting what is not favourited is fine too");
        assertTrue(queued("Like").stream().noneMatch(q -> q.body().contains("/statuses/" + id + "\"")),
                "a local author's favourites go nowhere");
    }

    @Test
    void bookmarksArePrivateAndListedNewestFirst() {
        String first = post(alice, "Blue", "public");
        String second = post(alice, "Court and Spark", "unlisted");
        String reply = ok(http.postForm("/api/v1/statuses", Map.of("status", "@alice Hejira next", "in_reply_to_id", first),
                dan.accessToken())).get("id").asText();
        JsonNode marked = ok(http.postJson("/api/v1/statuses/" + first + "/bookmark", Map.of(), dan.accessToken()));
        MastodonSchemas.assertValid("Status", marked);
        assertTrue(marked.get("bookmarked").asBoolean());
        ok(http.postJson("/api/v1/statuses/" + second + "/bookmark", Map.of(), dan.accessToken()));
        ok(http.postJson("/api/v1/statuses/" + second + "/bookmark", Map.of(), dan.accessToken()));
        assertFalse(ok(http.get("/api/v1/statuses/" + first, alice.accessToken())).get("bookmarked").asBoolean(),
                "a bookmark is its owner's alone");

        TestHttp.Response page = http.get("/api/v1/bookmarks?limit=1", dan.accessToken());
        assertEquals(List.of(second), ids(ok(page)), "newest bookmark first");
        assertTrue(page.header("Link").orElseThrow().contains("/api/v1/bookmarks?"), page::toString);
        assertEquals(List.of(second, first), ids(ok(http.get("/api/v1/bookmarks", dan.accessToken()))));

        JsonNode unmarked = ok(http.postJson("/api/v1/statuses/" + second + "/unbookmark", Map.of(), dan.accessToken()));
        assertFalse(unmarked.get("bookmarked").asBoolean());
        assertEquals(List.of(first), ids(ok(http.get("/api/v1/bookmarks", dan.accessToken()))));
        assertEquals(401, http.get("/api/v1/bookmarks").status());

        JsonNode answer = ok(http.get("/api/v1/statuses/" + reply, alice.accessToken()));
        assertEquals(accountId(alice), answer.get("in_reply_to_account_id").asText(), "a reply names whom it answers");
    }

    private static List<String> ids(JsonNode statuses) {
        List<String> ids = new java.util.ArrayList<>();
        statuses.forEach(s -> ids.add(s.get("id").asText()));
        return ids;
    }

    @Test
    void favouritingARemoteStatusSendsLikeAndUndoToItsAuthor() {
        JsonNode favourited = ok(http.postJson("/api/v1/statuses/" + remoteStatusId + "/favourite", Map.of(), alice.accessToken()));
        assertEquals(1, favourited.get("favourites_count").asInt());
        Queued like = queued("Like").getLast();
        assertEquals("https://remote.example/users/bob/inbox", like.inboxUrl(), "the author's own inbox");
        JsonNode likeBody = like.json();
        assertEquals(instance.baseUrl() + "/users/alice", likeBody.get("actor").asText());
        assertEquals("https://remote.example/users/bob/statuses/1", likeBody.get("object").asText());

        ok(http.postJson("/api/v1/statuses/" + remoteStatusId + "/favourite", Map.of(), alice.accessToken()));
        assertEquals(1, queued("Like").size(), "favouriting again sends nothing new");

        ok(http.postJson("/api/v1/statuses/" + remoteStatusId + "/unfavourite", Map.of(), alice.accessToken()));
        JsonNode undo = queued("Undo").stream().map(Queued::json)
                .filter(u -> u.at("/object/type").asText().equals("Like")).toList().getLast();
        assertEquals("Like", undo.at("/object/type").asText());
        assertEquals(likeBody.get("id").asText(), undo.at("/object/id").asText(), "Undo names the Like it takes back");
    }

    @Test
    void rebloggingWrapsTheStatusAndAnnouncesItOncePerServer() {
        JsonNode reblog = ok(http.postJson("/api/v1/statuses/" + remoteStatusId + "/reblog", Map.of(), alice.accessToken()));
        MastodonSchemas.assertValid("Status", reblog);
        assertEquals("alice", reblog.at("/account/username").asText());
        assertEquals(Long.toString(remoteStatusId), reblog.at("/reblog/id").asText());
        assertEquals("bob@remote.example", reblog.at("/reblog/account/acct").asText());
        assertTrue(reblog.at("/reblog/reblogged").asBoolean());
        assertEquals(1, reblog.at("/reblog/reblogs_count").asInt());
        assertEquals("public", reblog.get("visibility").asText());

        JsonNode again = ok(http.postJson("/api/v1/statuses/" + remoteStatusId + "/reblog", Map.of(), alice.accessToken()));
        assertEquals(reblog.get("id").asText(), again.get("id").asText(), "reblogging again answers the same reblog");
        assertEquals(1, ok(http.get("/api/v1/statuses/" + remoteStatusId)).get("reblogs_count").asInt());
        JsonNode shown = ok(http.get("/api/v1/statuses/" + reblog.get("id").asText()));
        assertEquals(Long.toString(remoteStatusId), shown.at("/reblog/id").asText(), "the reblog can be read by its own id");

        List<Queued> announces = queued("Announce").stream()
                .filter(a -> a.body().contains("https://remote.example/users/bob/statuses/1")).toList();
        assertEquals(1, announces.size(), "bob follows alice and wrote the post: one delivery to his server's shared inbox");
        assertEquals("https://remote.example/inbox", announces.getFirst().inboxUrl());
        JsonNode announce = announces.getFirst().json();
        assertEquals(reblog.get("uri").asText(), announce.get("id").asText());
        assertEquals("https://remote.example/users/bob/statuses/1", announce.get("object").asText());
        assertTrue(announce.get("to").toString().contains("https://www.w3.org/ns/activitystreams#Public"));
        assertTrue(announce.get("cc").toString().contains("https://remote.example/users/bob"));

        JsonNode unreblogged = ok(http.postJson("/api/v1/statuses/" + remoteStatusId + "/unreblog", Map.of(), alice.accessToken()));
        MastodonSchemas.assertValid("Status", unreblogged);
        assertEquals(Long.toString(remoteStatusId), unreblogged.get("id").asText());
        assertFalse(unreblogged.get("reblogged").asBoolean());
        assertEquals(0, unreblogged.get("reblogs_count").asInt());
        assertEquals(404, http.get("/api/v1/statuses/" + reblog.get("id").asText()).status(), "the reblog is gone");
        JsonNode undo = queued("Undo").stream().map(Queued::json)
                .filter(u -> u.at("/object/type").asText().equals("Announce")).toList().getLast();
        assertEquals(announce.get("id").asText(), undo.at("/object/id").asText());
    }

    @Test
    void reblogVisibilityFollowsMastodonsRules() {
        String id = post(alice, "Hissing of Summer Lawns", "public");
        JsonNode unlisted = ok(http.postJson("/api/v1/statuses/" + id + "/reblog", Map.of("visibility", "unlisted"), dan.accessToken()));
        assertEquals("unlisted", unlisted.get("visibility").asText());

        String followersOnly = post(alice, "for my followers", "private");
        assertEquals(404, http.postJson("/api/v1/statuses/" + followersOnly + "/reblog", Map.of(), dan.accessToken()).status(),
                "dan does not follow alice, so he cannot see it");
        ok(http.postJson("/api/v1/accounts/" + accountId(alice) + "/follow", Map.of(), dan.accessToken()));
        assertEquals(200, http.get("/api/v1/statuses/" + followersOnly, dan.accessToken()).status(), "followers see it");
        TestHttp.Response refused = http.postJson("/api/v1/statuses/" + followersOnly + "/reblog", Map.of(), dan.accessToken());
        assertEquals(403, refused.status(), refused::toString);
        MastodonSchemas.assertValid("Error", refused.json());
        JsonNode ownPrivate = ok(http.postJson("/api/v1/statuses/" + followersOnly + "/reblog",
                Map.of("visibility", "public"), alice.accessToken()));
        assertEquals("private", ownPrivate.get("visibility").asText(), "an author may reblog her own, and it stays private");

        String direct = post(alice, "just for me", "direct");
        assertEquals(403, http.postJson("/api/v1/statuses/" + direct + "/reblog", Map.of(), alice.accessToken()).status());
        TestHttp.Response badVisibility = http.postJson("/api/v1/statuses/" + id + "/reblog", Map.of("visibility", "direct"), alice.accessToken());
        assertEquals(422, badVisibility.status(), badVisibility::toString);
        assertTrue(badVisibility.json().has("error"));
    }

    @Test
    void editingChangesTheStatusKeepsItsHistoryAndSendsUpdate() {
        String id = post(alice, "first take", "public");
        TestHttp.Response edited = put("/api/v1/statuses/" + id, Map.of("status", "second take", "spoiler_text", "opinions",
                "language", "en"), alice.accessToken());
        assertEquals(200, edited.status(), edited::toString);
        JsonNode status = edited.json();
        MastodonSchemas.assertValid("Status", status);
        assertEquals("<p>second take</p>", status.get("content").asText());
        assertEquals("second take", status.get("text").asText());
        assertEquals("opinions", status.get("spoiler_text").asText());
        assertEquals("en", status.get("language").asText());
        assertNotNull(status.get("edited_at").textValue());

        Queued queuedUpdate = queued("Update").getLast();
        assertEquals("https://remote.example/inbox", queuedUpdate.inboxUrl());
        JsonNode update = queuedUpdate.json();
        assertEquals(status.get("uri").asText(), update.at("/object/id").asText());
        assertEquals("<p>second take</p>", update.at("/object/content").asText());
        assertFalse(update.at("/object/updated").isMissingNode());

        TestHttp.Response third = put("/api/v1/statuses/" + id, Map.of("status", "third take"), alice.accessToken());
        assertEquals("opinions", third.json().get("spoiler_text").asText(), "what is not sent stays as it was");
        JsonNode history = ok(http.get("/api/v1/statuses/" + id + "/history"));
        assertEquals(3, history.size(), history::toString);
        history.forEach(version -> MastodonSchemas.assertValid("StatusEdit", version));
        assertEquals("<p>first take</p>", history.get(0).get("content").asText());
        assertEquals("<p>third take</p>", history.get(2).get("content").asText());

        JsonNode source = ok(http.get("/api/v1/statuses/" + id + "/source", alice.accessToken()));
        MastodonSchemas.assertValid("StatusSource", source);
        assertEquals("third take", source.get("text").asText());

        String unedited = post(alice, "as it was", "public");
        assertEquals(1, ok(http.get("/api/v1/statuses/" + unedited + "/history")).size(), "an unedited status has one version");
    }

    @Test
    void editingIsForTheAuthorWithSomethingToSay() {
        String id = post(alice, "mine to change", "public");
        assertEquals(404, put("/api/v1/statuses/" + id, Map.of("status", "hijacked"), dan.accessToken()).status());
        assertEquals(404, http.get("/api/v1/statuses/" + id + "/source", dan.accessToken()).status());
        TestHttp.Response blank = put("/api/v1/statuses/" + id, Map.of("status", " "), alice.accessToken());
        assertEquals(422, blank.status(), blank::toString);
        MastodonSchemas.assertValid("Error", blank.json());
    }

    @Test
    void unknownStatusesAndMissingScopesAreRefused() {
        for (String path : List.of("/api/v1/statuses/123456789/favourite", "/api/v1/statuses/123456789/reblog",
                "/api/v1/statuses/nonsense/unfavourite", "/api/v1/statuses/123456789/unreblog")) {
            TestHttp.Response missing = http.postJson(path, Map.of(), alice.accessToken());
            assertEquals(404, missing.status(), path);
            assertEquals("Record not found", missing.json().get("error").asText());
        }
        assertEquals(404, put("/api/v1/statuses/123456789", Map.of("status", "x"), alice.accessToken()).status());
        assertEquals(404, http.get("/api/v1/statuses/123456789/history").status());

        String id = post(alice, "scoped", "public");
        assertEquals(401, http.postJson("/api/v1/statuses/" + id + "/favourite", Map.of()).status());
        MastodonFixtures.App app = mastodon.registerApp("urn:ietf:wg:oauth:2.0:oob", "read write:accounts write:statuses");
        String appToken = mastodon.clientToken(app, "read write:accounts write:statuses");
        TestHttp.Response signedUp = mastodon.signUpRequest(appToken, Map.of("username", "narrow", "email", "narrow@example.org",
                "password", "tangerine lighthouse 1974 vinyl", "agreement", "true", "locale", "en"));
        assertEquals(200, signedUp.status(), signedUp::toString);
        String narrow = signedUp.json().get("access_token").asText();
        TestHttp.Response outside = http.postJson("/api/v1/statuses/" + id + "/favourite", Map.of(), narrow);
        assertEquals(403, outside.status(), outside::toString);
        MastodonSchemas.assertValid("Error", outside.json());
        assertEquals(200, http.postJson("/api/v1/statuses/" + id + "/reblog", Map.of(), narrow).status(),
                "write:statuses is enough to reblog");
    }

    private static String post(Person author, String text, String visibility) {
        return ok(http.postJson("/api/v1/statuses", Map.of("status", text, "visibility", visibility), author.accessToken()))
                .get("id").asText();
    }

    private static String accountId(Person person) {
        return mastodon.verifyCredentials(person.accessToken()).get("id").asText();
    }

    private static TestHttp.Response put(String path, Map<String, String> body, String token) {
        return http.send(http.request(path).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(TestHttp.toJson(body))));
    }

    private static JsonNode ok(TestHttp.Response response) {
        assertEquals(200, response.status(), response::toString);
        return response.json();
    }

    private static List<Queued> queued(String type) {
        return QueuedActivities.ofType(instance, type);
    }
}
