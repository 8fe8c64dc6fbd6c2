package social.muse.server.http.ap;

import com.fasterxml.jackson.databind.JsonNode;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.muse.server.http.Json;
import social.muse.server.testing.FakeRemote;
import social.muse.server.testing.MastodonFixtures;
import social.muse.server.testing.Poll;
import social.muse.server.testing.TestHttp;
import social.muse.server.testing.TestInstance;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deliveries from fake remote servers to Muse's inboxes: signatures, limits, and what processing makes of them. */
class InboxIT {
    private static final Duration PROCESSED = Duration.ofSeconds(10);
    private static final Clock NOW = Clock.systemUTC();

    private static TestInstance instance;
    private static Jdbi jdbi;
    private static FakeRemote remote;

    @BeforeAll
    static void start() {
        instance = TestInstance.start();
        jdbi = instance.app().database().jdbi();
        MastodonFixtures mastodon = new MastodonFixtures(instance.http());
        for (String name : new String[] {"alice", "lucy", "nora"}) {
            mastodon.signUp(name);
        }
        jdbi.useHandle(h -> h.execute("UPDATE accounts SET locked = true WHERE username = 'lucy'"));
        remote = FakeRemote.start().withActor("bob").withActor("carol").withActor("dave").withActor("erin")
                .withActor("gina").withActor("hank").withActor("ivy").withActor("frank").withActor("frank2");
    }

    @AfterAll
    static void stop() {
        remote.close();
        instance.close();
    }

    private static String inbox(String username) {
        return instance.baseUrl() + "/users/" + username + "/inbox";
    }

    private static String local(String username) {
        return instance.baseUrl() + "/users/" + username;
    }

    private static String follow(String id, String actor, String object) {
        return json(Map.of("@context", "https://www.w3.org/ns/activitystreams", "id", id, "type", "Follow",
                "actor", actor, "object", object));
    }

    /** An activity of the fake's {@code actor} with a fresh id. */
    private static String activity(String type, String actor, Object object) {
        return activity(remote.newActivityId(actor), type, actor, object);
    }

    private static String activity(String id, String type, String actor, Object object) {
        return json(Map.of("@context", "https://www.w3.org/ns/activitystreams", "id", id,
                "type", type, "actor", remote.actorId(actor), "object", object));
    }

    private static void deliver(String actor, String json) {
        assertStatus(202, remote.post(instance.baseUrl() + "/inbox", json, actor, NOW));
    }

    private static long accountId(String uriOrLocalName) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM accounts WHERE uri = :n OR (domain IS NULL AND username = :n)")
                .bind("n", uriOrLocalName).mapTo(Long.class).one());
    }

    /** Makes Muse know a remote actor, as its first delivery does. */
    private static long known(String actor) {
        deliver(actor, activity("Like", actor, remote.actorId(actor) + "/statuses/nothing"));
        return accountId(remote.actorId(actor));
    }

    private static String json(Object value) {
        return TestHttp.toJson(value);
    }

    private static long count(String sql, Object... args) {
        return jdbi.withHandle(h -> {
            var query = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                query.bind(i, args[i]);
            }
            return query.mapTo(Long.class).one();
        });
    }

    private static void awaitCount(long expected, String sql, Object... args) {
        Poll.until(PROCESSED, () -> count(sql, args) == expected, () -> sql + " " + Arrays.toString(args)
                + " is " + count(sql, args) + ", expected " + expected);
    }

    private static void assertStatus(int expected, HttpResponse<String> response) {
        assertEquals(expected, response.statusCode(), () -> response.statusCode() + " " + response.body());
    }

    @Test
    void aSignedFollowIsAcceptedAndAnAcceptIsQueuedForTheFollower() throws Exception {
        String id = remote.newActivityId("bob");
        assertStatus(202, remote.post(inbox("alice"), follow(id, remote.actorId("bob"), local("alice")), "bob", NOW));

        awaitCount(1, """
                SELECT count(*) FROM follows f JOIN accounts a ON a.id = f.account_id JOIN accounts t ON t.id = f.target_account_id
                 WHERE a.uri = ? AND t.username = 'alice' AND t.domain IS NULL AND f.uri = ?""", remote.actorId("bob"), id);
        String accept = jdbi.withHandle(h -> h.createQuery("""
                        SELECT o.body::text FROM outbox_activities o JOIN deliveries d ON d.activity_id = o.id
                         WHERE d.inbox_url = ? AND o.type = 'Accept'""")
                .bind(0, remote.actorId("bob") + "/inbox").mapTo(String.class).one());
        JsonNode body = Json.mapper().readTree(accept);
        assertEquals(local("alice"), body.get("actor").asText(), accept);
        assertEquals(id, body.at("/object/id").asText(), "the Follow is embedded: " + accept);
        assertEquals("Follow", body.at("/object/type").asText(), accept);

        String accountJson = jdbi.withHandle(h -> h.createQuery("""
                SELECT json_build_object('username', username, 'domain', domain, 'note', note, 'inbox', inbox_url,
                                         'display_name', display_name)::text
                  FROM accounts WHERE uri = ?""").bind(0, remote.actorId("bob")).mapTo(String.class).one());
        JsonNode account = Json.mapper().readTree(accountJson);
        assertEquals("bob", account.get("username").asText());
        assertEquals(remote.authority(), account.get("domain").asText());
        assertEquals("BOB", account.get("display_name").asText());
        assertTrue(!account.get("note").asText().contains("script"), "the summary is sanitised: " + account);
        assertEquals(1, count("SELECT count(*) FROM remote_keys WHERE key_id = ?", remote.keyId("bob")));
    }

    @Test
    void undoFollowRemovesTheFollow() {
        String id = remote.newActivityId("carol");
        String followJson = follow(id, remote.actorId("carol"), local("alice"));
        assertStatus(202, remote.post(inbox("alice"), followJson, "carol", NOW));
        String query = "SELECT count(*) FROM follows f JOIN accounts a ON a.id = f.account_id WHERE a.uri = ?";
        awaitCount(1, query, remote.actorId("carol"));

        String undo = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + remote.newActivityId("carol")
                + "\",\"type\":\"Undo\",\"actor\":\"" + remote.actorId("carol") + "\",\"object\":" + followJson + "}";
        assertStatus(202, remote.post(inbox("alice"), undo, "carol", NOW));
        awaitCount(0, query, remote.actorId("carol"));
    }

    @Test
    void aFollowOfALockedAccountWaitsAsARequest() {
        String id = remote.newActivityId("erin");
        assertStatus(202, remote.post(inbox("lucy"), follow(id, remote.actorId("erin"), local("lucy")), "erin", NOW));
        awaitCount(1, """
                SELECT count(*) FROM follow_requests r JOIN accounts a ON a.id = r.account_id JOIN accounts t ON t.id = r.target_account_id
                 WHERE a.uri = ? AND t.username = 'lucy' AND r.uri = ?""", remote.actorId("erin"), id);
        assertEquals(0, count("SELECT count(*) FROM follows f JOIN accounts a ON a.id = f.account_id WHERE a.uri = ?",
                remote.actorId("erin")));
    }

    @Test
    void aCreatedNoteIsStoredAndADeleteLeavesATombstone() {
        String noteId = remote.actorId("bob") + "/statuses/1";
        String create = json(Map.of("@context", "https://www.w3.org/ns/activitystreams",
                "id", remote.newActivityId("bob"), "type", "Create", "actor", remote.actorId("bob"),
                "object", Map.of("id", noteId, "type", "Note", "attributedTo", remote.actorId("bob"),
                        "content", "<p>Hello <a href=\"" + local("nora") + "\">@nora</a><script>x()</script></p>",
                        "to", java.util.List.of("https://www.w3.org/ns/activitystreams#Public"),
                        "tag", java.util.List.of(Map.of("type", "Mention", "href", local("nora"), "name", "@nora")))));
        assertStatus(202, remote.post(instance.baseUrl() + "/inbox", create, "bob", NOW));
        awaitCount(1, "SELECT count(*) FROM statuses WHERE uri = ? AND visibility = 'public' AND deleted_at IS NULL "
                + "AND content NOT LIKE '%script%' AND content LIKE '%Hello%'", noteId);
        assertEquals(1, count("""
                SELECT count(*) FROM status_mentions m JOIN statuses s ON s.id = m.status_id JOIN accounts a ON a.id = m.account_id
                 WHERE s.uri = ? AND a.username = 'nora'""", noteId));

        String delete = json(Map.of("@context", "https://www.w3.org/ns/activitystreams",
                "id", remote.newActivityId("bob"), "type", "Delete", "actor", remote.actorId("bob"),
                "object", Map.of("id", noteId, "type", "Tombstone")));
        assertStatus(202, remote.post(instance.baseUrl() + "/inbox", delete, "bob", NOW));
        awaitCount(1, "SELECT count(*) FROM statuses WHERE uri = ? AND deleted_at IS NOT NULL", noteId);
    }

    @Test
    void theSameActivityTwiceIsStoredOnce() {
        String id = remote.newActivityId("bob");
        String body = follow(id, remote.actorId("bob"), local("nora"));
        assertStatus(202, remote.post(inbox("nora"), body, "bob", NOW));
        assertStatus(202, remote.post(inbox("nora"), body, "bob", NOW));
        assertEquals(1, count("SELECT count(*) FROM inbox_items WHERE activity_uri = ?", id));
    }

    @Test
    void badSignaturesAreRefused() {
        String id = remote.newActivityId("bob");
        String body = follow(id, remote.actorId("bob"), local("alice"));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        byte[] tampered = body.replace("Follow", "Folloq").getBytes(StandardCharsets.UTF_8);
        assertStatus(401, remote.postSigned(inbox("alice"), bytes, remote.keyId("bob"), remote.key("bob"), NOW, tampered));
        assertStatus(401, remote.post(inbox("alice"), body, "bob", Clock.offset(NOW, Duration.ofHours(-2))));
        assertStatus(401, remote.postSigned(inbox("alice"), bytes, null, null, NOW, null));
        // carol's key, bob's activity
        assertStatus(401, remote.postSigned(inbox("alice"), bytes, remote.keyId("carol"), remote.key("carol"), NOW, null));
        assertEquals(0, count("SELECT count(*) FROM inbox_items WHERE activity_uri = ?", id));
    }

    @Test
    void oversizedWrongTypeAndUnknownRecipientsAreRefused() {
        String padding = "x".repeat(1536 * 1024);
        String big = json(Map.of("id", remote.newActivityId("bob"), "type", "Create", "actor", remote.actorId("bob"),
                "object", Map.of("id", remote.actorId("bob") + "/statuses/big", "type", "Note", "content", padding)));
        assertStatus(413, remote.post(inbox("alice"), big, "bob", NOW));

        TestHttp.Response wrongType = instance.http().send(instance.http().request("/inbox")
                .header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("hello")));
        assertEquals(415, wrongType.status(), wrongType.toString());

        String body = follow(remote.newActivityId("bob"), remote.actorId("bob"), local("nobody"));
        assertStatus(404, remote.post(inbox("nobody"), body, "bob", NOW));
    }

    @Test
    void aSuspendedDomainIsForbidden() {
        try (FakeRemote suspended = FakeRemote.start().withActor("spam")) {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO domain_policies (domain, severity) VALUES (?, 'suspend')")
                    .bind(0, suspended.authority()).execute());
            String body = follow(suspended.newActivityId("spam"), suspended.actorId("spam"), local("alice"));
            assertStatus(403, suspended.post(inbox("alice"), body, "spam", NOW));
            assertEquals(0, suspended.actorFetches("spam"), "a suspended server's actor is not even fetched");
        }
    }

    @Test
    void aRotatedKeyVerifiesAfterOneRefetch() {
        String first = follow(remote.newActivityId("dave"), remote.actorId("dave"), local("nora"));
        assertStatus(202, remote.post(inbox("nora"), first, "dave", NOW));
        int fetches = remote.actorFetches("dave");

        remote.rotateKey("dave");
        String undo = json(Map.of("@context", "https://www.w3.org/ns/activitystreams",
                "id", remote.newActivityId("dave"), "type", "Undo", "actor", remote.actorId("dave"),
                "object", Map.of("id", remote.actorId("dave") + "/activities/unknown", "type", "Follow",
                        "actor", remote.actorId("dave"), "object", local("nora"))));
        assertStatus(202, remote.post(inbox("nora"), undo, "dave", NOW));
        assertEquals(fetches + 1, remote.actorFetches("dave"), "exactly one refetch of the actor");
    }

    @Test
    void acceptAndRejectAnswerOurFollowRequests() {
        long nora = accountId("nora");
        long gina = known("gina");
        long hank = known("hank");
        String followGina = local("nora") + "/activities/follow-gina";
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO follow_requests (account_id, target_account_id, uri) VALUES (?, ?, ?)", nora, gina, followGina);
            h.execute("INSERT INTO follow_requests (account_id, target_account_id, uri) VALUES (?, ?, ?)", nora, hank,
                    local("nora") + "/activities/follow-hank");
        });
        deliver("gina", activity("Accept", "gina", followGina));
        awaitCount(1, "SELECT count(*) FROM follows WHERE account_id = ? AND target_account_id = ? AND uri = ?", nora, gina, followGina);
        assertEquals(0, count("SELECT count(*) FROM follow_requests WHERE account_id = ? AND target_account_id = ?", nora, gina));

        // A Reject embedding the Follow (no id we know): matched by its actor and object.
        deliver("hank", activity("Reject", "hank", Map.of("type", "Follow", "actor", local("nora"), "object", remote.actorId("hank"))));
        awaitCount(0, "SELECT count(*) FROM follow_requests WHERE account_id = ? AND target_account_id = ?", nora, hank);
        assertEquals(0, count("SELECT count(*) FROM follows WHERE account_id = ? AND target_account_id = ?", nora, hank));
    }

    @Test
    void likesAndAnnouncesOfKnownPostsAndTheirUndos() {
        String noteId = remote.actorId("ivy") + "/statuses/liked";
        deliver("ivy", activity("Create", "ivy", Map.of("id", noteId, "type", "Note", "content", "<p>Like me</p>",
                "cc", java.util.List.of("https://www.w3.org/ns/activitystreams#Public"))));
        awaitCount(1, "SELECT count(*) FROM statuses WHERE uri = ? AND visibility = 'unlisted'", noteId);

        String likeId = remote.newActivityId("gina");
        deliver("gina", activity(likeId, "Like", "gina", noteId));
        String favourites = "SELECT count(*) FROM favourites f JOIN statuses s ON s.id = f.status_id WHERE s.uri = ?";
        awaitCount(1, favourites, noteId);
        deliver("gina", activity("Undo", "gina", likeId));
        awaitCount(0, favourites, noteId);

        deliver("hank", activity("Announce", "hank", noteId));
        String reblogs = "SELECT count(*) FROM statuses r JOIN statuses s ON s.id = r.reblog_of_id WHERE s.uri = ?";
        awaitCount(1, reblogs, noteId);
        deliver("hank", activity("Undo", "hank", Map.of("type", "Announce", "actor", remote.actorId("hank"), "object", noteId)));
        awaitCount(0, reblogs, noteId);
    }

    @Test
    void aBlockEndsFollowsBothWaysAndAFlagIsStored() {
        String followId = remote.newActivityId("ivy");
        assertStatus(202, remote.post(inbox("alice"), follow(followId, remote.actorId("ivy"), local("alice")), "ivy", NOW));
        long ivy = accountId(remote.actorId("ivy"));
        long alice = accountId("alice");
        awaitCount(1, "SELECT count(*) FROM follows WHERE account_id = ? AND target_account_id = ?", ivy, alice);

        deliver("ivy", activity("Block", "ivy", local("alice")));
        awaitCount(1, "SELECT count(*) FROM blocks WHERE account_id = ? AND target_account_id = ?", ivy, alice);
        assertEquals(0, count("SELECT count(*) FROM follows WHERE account_id = ? AND target_account_id = ?", ivy, alice));

        String flag = json(Map.of("@context", "https://www.w3.org/ns/activitystreams", "id", remote.newActivityId("ivy"),
                "type", "Flag", "actor", remote.actorId("ivy"), "content", "Spam",
                "object", java.util.List.of(local("alice"), local("alice") + "/statuses/1")));
        deliver("ivy", flag);
        awaitCount(1, "SELECT count(*) FROM reports WHERE account_id = ? AND target_account_id = ? AND comment = 'Spam' "
                + "AND status_uris = ARRAY[CAST(? AS text)]", ivy, alice, local("alice") + "/statuses/1");
    }

    @Test
    void aMoveToAnAccountThatNamesTheOldOneSendsLocalFollowersToIt() {
        long frank = known("frank");
        long alice = accountId("alice");
        jdbi.useHandle(h -> h.execute("INSERT INTO follows (account_id, target_account_id) VALUES (?, ?)", alice, frank));
        // nora blocked frank and alice muted him for a while: both carry over to frank's new account
        long nora = accountId("nora");
        jdbi.useHandle(h -> h.execute("INSERT INTO blocks (account_id, target_account_id) VALUES (?, ?)", nora, frank));
        jdbi.useHandle(h -> h.execute("INSERT INTO mutes (account_id, target_account_id, hide_notifications, expires_at)"
                + " VALUES (?, ?, false, now() + interval '1 day')", alice, frank));

        // The target does not name frank yet: refused.
        String moveId = remote.newActivityId("frank");
        String move = json(Map.of("@context", "https://www.w3.org/ns/activitystreams", "id", moveId,
                "type", "Move", "actor", remote.actorId("frank"), "object", remote.actorId("frank"),
                "target", remote.actorId("frank2")));
        deliver("frank", move);
        awaitCount(1, "SELECT count(*) FROM inbox_items WHERE activity_uri = ? AND state = 'done'", moveId);
        assertEquals(1, count("SELECT count(*) FROM follows WHERE account_id = ? AND target_account_id = ?", alice, frank));

        remote.withAlias("frank2", remote.actorId("frank"));
        deliver("frank", json(Map.of("@context", "https://www.w3.org/ns/activitystreams", "id", remote.newActivityId("frank"),
                "type", "Move", "actor", remote.actorId("frank"), "object", remote.actorId("frank"),
                "target", remote.actorId("frank2"))));
        // As Mastodon: alice asks frank2 (a Follow to its server, which answers as it sees fit) and leaves frank.
        awaitCount(1, "SELECT count(*) FROM follow_requests f JOIN accounts t ON t.id = f.target_account_id "
                + "WHERE f.account_id = ? AND t.uri = ?", alice, remote.actorId("frank2"));
        assertEquals(0, count("SELECT count(*) FROM follows WHERE account_id = ? AND target_account_id = ?", alice, frank));
        assertEquals(1, count("SELECT count(*) FROM accounts WHERE id = ? AND moved_to_uri = ?", frank, remote.actorId("frank2")));
        assertEquals(1, count("SELECT count(*) FROM blocks b JOIN accounts t ON t.id = b.target_account_id"
                + " WHERE b.account_id = ? AND t.uri = ? AND b.uri IS NOT NULL", nora, remote.actorId("frank2")));
        assertEquals(1, count("SELECT count(*) FROM outbox_activities a JOIN deliveries d ON d.activity_id = a.id "
                + "WHERE a.account_id = ? AND a.type = 'Block' AND d.inbox_url = ?", nora, remote.actorId("frank2") + "/inbox"),
                "the new account's server hears of the block");
        assertEquals(1, count("SELECT count(*) FROM mutes m JOIN accounts t ON t.id = m.target_account_id"
                + " WHERE m.account_id = ? AND t.uri = ? AND NOT m.hide_notifications AND m.expires_at > now()",
                alice, remote.actorId("frank2")));
        assertEquals(1, count("SELECT count(*) FROM outbox_activities a JOIN deliveries d ON d.activity_id = a.id "
                + "WHERE a.account_id = ? AND a.type = 'Follow' AND a.body->'object' = to_jsonb(CAST(? AS text)) "
                + "AND d.inbox_url = ?", alice, remote.actorId("frank2"), remote.actorId("frank2") + "/inbox"));
        assertEquals(1, count("SELECT count(*) FROM outbox_activities a JOIN deliveries d ON d.activity_id = a.id "
                + "WHERE a.account_id = ? AND a.type = 'Undo' AND a.body->'object'->>'object' = ? AND d.inbox_url = ?",
                alice, remote.actorId("frank"), remote.actorId("frank") + "/inbox"));
    }

    @Test
    void anActivityThatFailsIsRetriedLaterAndOthersGoOn() {
        String badId = remote.newActivityId("gina");
        deliver("gina", activity(badId, "Create", "gina", Map.of("id", "https://elsewhere.example/notes/1", "type", "Note",
                "content", "<p>Not gina's server</p>")));
        awaitCount(1, "SELECT count(*) FROM inbox_items WHERE activity_uri = ? AND state = 'pending' AND attempts = 1 "
                + "AND last_error LIKE '%not on its actor''s server%' AND next_attempt_at > now()", badId);
        String goodNote = remote.actorId("gina") + "/statuses/after-a-failure";
        deliver("gina", activity("Create", "gina", Map.of("id", goodNote, "type", "Note", "content", "<p>Fine</p>")));
        awaitCount(1, "SELECT count(*) FROM statuses WHERE uri = ? AND visibility = 'direct'", goodNote);
        assertEquals(0, count("SELECT count(*) FROM statuses WHERE uri = 'https://elsewhere.example/notes/1'"));
    }
}
