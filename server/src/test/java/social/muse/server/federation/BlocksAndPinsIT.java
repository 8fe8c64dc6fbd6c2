package social.muse.server.federation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.muse.federation.ap.ApActivity;
import social.muse.federation.ap.ApIri;
import social.muse.server.db.AccountDao;
import social.muse.server.testing.MastodonFixtures;
import social.muse.server.testing.MastodonFixtures.Person;
import social.muse.server.testing.MastodonSchemas;
import social.muse.server.testing.TestHttp;
import social.muse.server.testing.TestInstance;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static social.muse.server.federation.FederationFixtures.await;
import static social.muse.server.federation.FederationFixtures.count;

/** Blocks, mutes and pinned posts through the Mastodon API, and what another Muse instance hears of them. */
class BlocksAndPinsIT {
    private static final String FOLLOWS = """
            SELECT count(*) FROM follows f JOIN accounts x ON x.id = f.account_id JOIN accounts t ON t.id = f.target_account_id
            WHERE x.username = ? AND t.username = ?""";

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
    void aBlockEndsFollowsBothWaysOnBothServersAndUnblockIsHeard() {
        Person alice = new MastodonFixtures(a.http()).signUp("alice");
        Person bob = new MastodonFixtures(b.http()).signUp("bob");
        String bobOnA = followEachOther(alice, bob);

        JsonNode relationship = post(a, alice, "/api/v1/accounts/" + bobOnA + "/block");
        MastodonSchemas.assertValid("Relationship", relationship);
        assertTrue(relationship.get("blocking").asBoolean());
        assertFalse(relationship.get("following").asBoolean());
        assertFalse(relationship.get("followed_by").asBoolean());
        assertEquals(0, count(a, FOLLOWS, "alice", "bob") + count(a, FOLLOWS, "bob", "alice"));
        await("B records the block and both follows end there too", () ->
                count(b, "SELECT count(*) FROM blocks bl JOIN accounts x ON x.id = bl.account_id WHERE x.username = 'alice'") == 1
                        && count(b, FOLLOWS, "alice", "bob") + count(b, FOLLOWS, "bob", "alice") == 0);
        assertEquals(relationship, post(a, alice, "/api/v1/accounts/" + bobOnA + "/block"), "blocking again changes nothing");
        assertError(403, a.http().postJson("/api/v1/accounts/" + bobOnA + "/follow", Map.of(), alice.accessToken()));
        String aliceOnB = FederationFixtures.resolve(b, bob.accessToken(), "@alice@" + a.app().config().domain());
        TestHttp.Response blockedFollow = b.http().postJson("/api/v1/accounts/" + aliceOnB + "/follow", Map.of(), bob.accessToken());
        assertError(403, blockedFollow);
        assertEquals("This action is not allowed", blockedFollow.json().get("error").asText(), "no follow of whoever blocks you");

        TestHttp.Response list = a.http().get("/api/v1/blocks", alice.accessToken());
        assertEquals(200, list.status(), list::toString);
        assertEquals(1, list.json().size());
        MastodonSchemas.assertValid("Account", list.json().get(0));
        assertTrue(list.header("Link").orElseThrow().contains(a.baseUrl() + "/api/v1/blocks?"), list::toString);

        assertFalse(post(a, alice, "/api/v1/accounts/" + bobOnA + "/unblock").get("blocking").asBoolean());
        await("B lifts the block", () ->
                count(b, "SELECT count(*) FROM blocks bl JOIN accounts x ON x.id = bl.account_id WHERE x.username = 'alice'") == 0);
        assertEquals(0, a.http().get("/api/v1/blocks", alice.accessToken()).json().size());
    }

    @Test
    void pinnedPostsAreFeaturedAndOtherServersKeepThem() {
        Person carol = new MastodonFixtures(a.http()).signUp("carol");
        Person dave = new MastodonFixtures(b.http()).signUp("dave");
        String daveOnA = FederationFixtures.resolve(a, carol.accessToken(), "@dave@" + b.app().config().domain());
        FederationFixtures.follow(a, carol.accessToken(), daveOnA);
        await("dave accepts carol", () -> FederationFixtures.relationship(a, carol.accessToken(), daveOnA).get("following").asBoolean());

        String note = FederationFixtures.post(b, dave.accessToken(), "Pin this: Hissing of Summer Lawns", "public");
        await("A has dave's post", () -> count(a, "SELECT count(*) FROM statuses WHERE uri = ?", note) == 1);
        String id = note.substring(note.lastIndexOf('/') + 1);

        JsonNode pinned = post(b, dave, "/api/v1/statuses/" + id + "/pin");
        MastodonSchemas.assertValid("Status", pinned);
        assertTrue(pinned.get("pinned").asBoolean());
        await("A keeps dave's pin", () -> count(a,
                "SELECT count(*) FROM status_pins p JOIN statuses s ON s.id = p.status_id WHERE s.uri = ?", note) == 1);

        TestHttp.Response featured = b.http().send(b.http().request("/users/dave/featured")
                .header("Accept", "application/activity+json").GET());
        assertEquals(200, featured.status(), featured::toString);
        assertEquals(1, featured.json().get("totalItems").asInt());
        assertEquals(note, featured.json().get("orderedItems").get(0).get("id").asText());
        assertEquals("Note", featured.json().get("orderedItems").get(0).get("type").asText());

        assertFalse(post(b, dave, "/api/v1/statuses/" + id + "/unpin").get("pinned").asBoolean());
        await("A drops dave's pin", () -> count(a,
                "SELECT count(*) FROM status_pins p JOIN statuses s ON s.id = p.status_id WHERE s.uri = ?", note) == 0);

        // an Add aimed at another collection than dave's featured one pins nothing
        String elsewhere = b.baseUrl() + "/users/dave/activities/add-to-followers";
        b.app().database().jdbi().useTransaction(h -> b.app().federation().deliveries().enqueue(h,
                new AccountDao().byUsername(h, "dave", null).orElseThrow(),
                new ApActivity(elsewhere, "Add", b.baseUrl() + "/users/dave", List.of(new ApIri(note)),
                        new ApIri(b.baseUrl() + "/users/dave/followers"), List.of(), List.of(), null, null),
                List.of(a.baseUrl() + "/inbox")));
        await("A processes the stray Add", () -> count(a,
                "SELECT count(*) FROM inbox_items WHERE activity_uri = ? AND state = 'done'", elsewhere) == 1);
        assertEquals(0, count(a, "SELECT count(*) FROM status_pins p JOIN statuses s ON s.id = p.status_id WHERE s.uri = ?", note));
    }

    @Test
    void pinsFollowMastodonsRules() {
        Person erin = new MastodonFixtures(a.http()).signUp("erin");
        Person frank = new MastodonFixtures(a.http()).signUp("frank");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String uri = FederationFixtures.post(a, erin.accessToken(), "Song " + i, "public");
            ids.add(uri.substring(uri.lastIndexOf('/') + 1));
        }
        for (int i = 0; i < 5; i++) {
            assertTrue(post(a, erin, "/api/v1/statuses/" + ids.get(i) + "/pin").get("pinned").asBoolean());
        }
        assertTrue(post(a, erin, "/api/v1/statuses/" + ids.get(0) + "/pin").get("pinned").asBoolean(), "pinning again is fine");
        assertPinRefused("You have already pinned the maximum number of posts",
                a.http().postJson("/api/v1/statuses/" + ids.get(5) + "/pin", Map.of(), erin.accessToken()));
        assertPinRefused("Someone else's post cannot be pinned",
                a.http().postJson("/api/v1/statuses/" + ids.get(5) + "/pin", Map.of(), frank.accessToken()));
        String direct = FederationFixtures.post(a, erin.accessToken(), "@frank just us", "direct");
        assertPinRefused("Posts that are only visible to mentioned users cannot be pinned", a.http().postJson(
                "/api/v1/statuses/" + direct.substring(direct.lastIndexOf('/') + 1) + "/pin", Map.of(), erin.accessToken()));
        String boost = post(a, frank, "/api/v1/statuses/" + ids.get(5) + "/reblog").get("id").asText();
        assertPinRefused("A boost cannot be pinned",
                a.http().postJson("/api/v1/statuses/" + boost + "/pin", Map.of(), frank.accessToken()));

        // followers-only posts may be pinned, as on Mastodon, but stay out of the public featured collection
        post(a, erin, "/api/v1/statuses/" + ids.get(4) + "/unpin");
        String secret = FederationFixtures.post(a, erin.accessToken(), "Followers only", "private");
        assertTrue(post(a, erin, "/api/v1/statuses/" + secret.substring(secret.lastIndexOf('/') + 1) + "/pin")
                .get("pinned").asBoolean());
        JsonNode featured = a.http().send(a.http().request("/users/erin/featured")
                .header("Accept", "application/activity+json").GET()).json();
        assertEquals(4, featured.get("totalItems").asInt(), featured::toString);
        assertFalse(featured.toString().contains(secret), featured::toString);
        assertError(404, a.http().postJson("/api/v1/statuses/999999/pin", Map.of(), erin.accessToken()));
        assertError(401, a.http().postJson("/api/v1/statuses/" + ids.get(5) + "/pin", Map.of()));
    }

    @Test
    void mutesAreListedWithTheirSettingsAndExpire() {
        Person gina = new MastodonFixtures(a.http()).signUp("gina");
        List<String> others = new ArrayList<>();
        for (String name : List.of("hank", "iris", "jack")) {
            new MastodonFixtures(a.http()).signUp(name);
            others.add(a.http().get("/api/v1/accounts/lookup?acct=" + name).json().get("id").asText());
        }
        JsonNode muted = postForm(a, gina, "/api/v1/accounts/" + others.get(0) + "/mute", Map.of("notifications", "false"));
        MastodonSchemas.assertValid("Relationship", muted);
        assertTrue(muted.get("muting").asBoolean());
        assertFalse(muted.get("muting_notifications").asBoolean());
        assertTrue(postForm(a, gina, "/api/v1/accounts/" + others.get(1) + "/mute", Map.of()).get("muting_notifications").asBoolean());
        postForm(a, gina, "/api/v1/accounts/" + others.get(2) + "/mute", Map.of("duration", "3600"));

        TestHttp.Response page = a.http().get("/api/v1/mutes?limit=2", gina.accessToken());
        assertEquals(200, page.status(), page::toString);
        assertEquals(List.of(others.get(2), others.get(1)), ids(page.json()), "newest first");
        assertTrue(page.json().get(0).get("mute_expires_at").isTextual(), page::toString);
        assertTrue(page.json().get(1).has("mute_expires_at") && page.json().get(1).get("mute_expires_at").isNull(),
                "a mute without a duration has a null expiry: " + page);
        MastodonSchemas.assertValid("Account", page.json().get(0));
        String next = link(page, "next");
        TestHttp.Response older = a.http().get(URI.create(next).getRawPath() + "?" + URI.create(next).getRawQuery(), gina.accessToken());
        assertEquals(List.of(others.get(0)), ids(older.json()));
        String prev = link(older, "prev");
        TestHttp.Response newer = a.http().get(URI.create(prev).getRawPath() + "?" + URI.create(prev).getRawQuery(), gina.accessToken());
        assertEquals(List.of(others.get(2), others.get(1)), ids(newer.json()), "min_id pages back to the two newer ones");

        FederationFixtures.execute(a, "UPDATE mutes SET expires_at = now() - interval '1 second' WHERE target_account_id = ?",
                Long.parseLong(others.get(2)));
        assertEquals(List.of(others.get(1), others.get(0)), ids(a.http().get("/api/v1/mutes", gina.accessToken()).json()),
                "an expired mute is gone");
        assertFalse(post(a, gina, "/api/v1/accounts/" + others.get(0) + "/unmute").get("muting").asBoolean());
        assertError(422, a.http().postForm("/api/v1/accounts/" + others.get(0) + "/mute", Map.of("duration", "soon"),
                gina.accessToken()));
        assertError(403, a.http().postForm("/api/v1/accounts/" + others.get(0) + "/mute", Map.of(),
                new MastodonFixtures(a.http()).clientToken(new MastodonFixtures(a.http()).registerApp("urn:ietf:wg:oauth:2.0:oob", "read"), "read")));
    }

    private static String followEachOther(Person alice, Person bob) {
        String bobOnA = FederationFixtures.resolve(a, alice.accessToken(), "@bob@" + b.app().config().domain());
        String aliceOnB = FederationFixtures.resolve(b, bob.accessToken(), "@alice@" + a.app().config().domain());
        FederationFixtures.follow(a, alice.accessToken(), bobOnA);
        FederationFixtures.follow(b, bob.accessToken(), aliceOnB);
        await("both follows are accepted", () ->
                FederationFixtures.relationship(a, alice.accessToken(), bobOnA).get("following").asBoolean()
                        && FederationFixtures.relationship(b, bob.accessToken(), aliceOnB).get("following").asBoolean());
        return bobOnA;
    }

    private static JsonNode post(TestInstance on, Person who, String path) {
        return postForm(on, who, path, Map.of());
    }

    private static JsonNode postForm(TestInstance on, Person who, String path, Map<String, String> form) {
        TestHttp.Response r = on.http().postForm(path, form, who.accessToken());
        assertEquals(200, r.status(), r::toString);
        return r.json();
    }

    private static void assertPinRefused(String reason, TestHttp.Response r) {
        assertError(422, r);
        assertEquals("Validation failed: " + reason, r.json().get("error").asText());
    }

    private static void assertError(int status, TestHttp.Response r) {
        assertEquals(status, r.status(), r::toString);
        MastodonSchemas.assertValid("Error", r.json());
    }

    private static List<String> ids(JsonNode accounts) {
        List<String> ids = new ArrayList<>();
        accounts.forEach(account -> ids.add(account.get("id").asText()));
        return ids;
    }

    private static String link(TestHttp.Response r, String rel) {
        for (String part : r.header("Link").orElseThrow().split(",")) {
            if (part.contains("rel=\"" + rel + "\"")) {
                return part.substring(part.indexOf('<') + 1, part.indexOf('>'));
            }
        }
        throw new AssertionError("no " + rel + " link in " + r);
    }
}
