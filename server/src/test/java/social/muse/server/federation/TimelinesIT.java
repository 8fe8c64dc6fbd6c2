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

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static social.muse.server.federation.FederationFixtures.await;
import static social.muse.server.federation.FederationFixtures.count;

/** Home, public and account timelines: what each shows to whom, and Mastodon's paging. */
class TimelinesIT {
    private static TestInstance a;
    private static TestInstance b;
    private static Person alice;
    private static Person carol;
    private static Person dave;
    private static Person bob;
    private static final List<String> carols = new ArrayList<>();
    private static String carolsPrivate;
    private static String bobs;
    private static String daves;

    @BeforeAll
    static void start() {
        a = TestInstance.start();
        b = TestInstance.start();
        alice = new MastodonFixtures(a.http()).signUp("alice");
        carol = new MastodonFixtures(a.http()).signUp("carol");
        dave = new MastodonFixtures(a.http()).signUp("dave");
        bob = new MastodonFixtures(b.http()).signUp("bob");
        FederationFixtures.follow(a, alice.accessToken(), id(a, "carol"));
        String bobOnA = FederationFixtures.resolve(a, alice.accessToken(), "@bob@" + b.app().config().domain());
        FederationFixtures.follow(a, alice.accessToken(), bobOnA);
        await("bob accepts alice", () -> FederationFixtures.relationship(a, alice.accessToken(), bobOnA).get("following").asBoolean());
        for (int i = 0; i < 3; i++) {
            carols.add(idOf(FederationFixtures.post(a, carol.accessToken(), "carol public " + i, "public")));
        }
        carolsPrivate = idOf(FederationFixtures.post(a, carol.accessToken(), "carol for followers", "private"));
        daves = idOf(FederationFixtures.post(a, dave.accessToken(), "dave, whom alice does not follow", "public"));
        String bobsUri = FederationFixtures.post(b, bob.accessToken(), "bob from the other server", "public");
        await("A has bob's post", () -> count(a, "SELECT count(*) FROM statuses WHERE uri = ?", bobsUri) == 1);
        bobs = Long.toString(count(a, "SELECT id FROM statuses WHERE uri = ?", bobsUri));
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    @Test
    void homeShowsWhoOneFollowsIncludingFollowersOnlyAndRemotePosts() {
        TestHttp.Response home = a.http().get("/api/v1/timelines/home", alice.accessToken());
        assertEquals(200, home.status(), home::toString);
        home.json().forEach(s -> MastodonSchemas.assertValid("Status", s));
        assertEquals(List.of(bobs, carolsPrivate, carols.get(2), carols.get(1), carols.get(0)), ids(home.json()));
        assertEquals(401, a.http().get("/api/v1/timelines/home").status());
    }

    @Test
    void pagingFollowsMastodon() {
        TestHttp.Response first = a.http().get("/api/v1/timelines/home?limit=2", alice.accessToken());
        assertEquals(List.of(bobs, carolsPrivate), ids(first.json()));
        String next = link(first, "next");
        assertTrue(next.startsWith(a.baseUrl() + "/api/v1/timelines/home?"), next);
        TestHttp.Response second = follow(next);
        assertEquals(List.of(carols.get(2), carols.get(1)), ids(second.json()));
        TestHttp.Response back = follow(link(second, "prev"));
        assertEquals(List.of(bobs, carolsPrivate), ids(back.json()), "min_id: the page right after, newest first");
        assertEquals(List.of(bobs, carolsPrivate), ids(a.http().get("/api/v1/timelines/home?limit=2&since_id=" + carols.get(0),
                alice.accessToken()).json()), "since_id: the newest page");
        assertEquals(List.of(carols.get(1), carols.get(2)).reversed(), ids(a.http().get("/api/v1/timelines/home?limit=2&min_id="
                + carols.get(0), alice.accessToken()).json()));
        TestHttp.Response empty = a.http().get("/api/v1/timelines/home?max_id=" + carols.get(0), alice.accessToken());
        assertEquals(0, empty.json().size());
        assertTrue(empty.header("Link").isEmpty());
    }

    @Test
    void publicTimelinesShowPublicPostsByOrigin() {
        List<String> local = ids(a.http().get("/api/v1/timelines/public?local=true").json());
        assertTrue(local.containsAll(List.of(daves, carols.get(0))), local::toString);
        assertFalse(local.contains(carolsPrivate));
        assertFalse(local.contains(bobs));
        List<String> remote = ids(a.http().get("/api/v1/timelines/public?remote=true").json());
        assertTrue(remote.contains(bobs), remote::toString);
        assertFalse(remote.contains(daves) || remote.contains(carols.get(0)), "nothing from here: " + remote);

        FederationFixtures.execute(a, "INSERT INTO domain_policies (domain, severity) VALUES (?, 'silence')",
                b.app().config().domain());
        try {
            assertEquals(List.of(), ids(a.http().get("/api/v1/timelines/public?remote=true").json()), "silenced servers stay off");
            assertTrue(ids(a.http().get("/api/v1/timelines/home", alice.accessToken()).json()).contains(bobs),
                    "but followers still see them at home");
        } finally {
            FederationFixtures.execute(a, "DELETE FROM domain_policies WHERE domain = ?", b.app().config().domain());
        }
    }

    @Test
    void anAccountsStatusesDependOnWhoAsks() {
        String carolId = id(a, "carol");
        assertEquals(carols.reversed(), ids(a.http().get("/api/v1/accounts/" + carolId + "/statuses").json()));
        assertEquals(List.of(carolsPrivate, carols.get(2), carols.get(1), carols.get(0)),
                ids(a.http().get("/api/v1/accounts/" + carolId + "/statuses", alice.accessToken()).json()));
        assertEquals(carols.reversed(), ids(a.http().get("/api/v1/accounts/" + carolId + "/statuses", dave.accessToken()).json()));
        assertEquals(404, a.http().get("/api/v1/accounts/987654/statuses").status());
    }

    @Test
    void mutedAndBlockedAccountsLeaveTheHomeTimeline() {
        Person erin = new MastodonFixtures(a.http()).signUp("erin");
        FederationFixtures.follow(a, erin.accessToken(), id(a, "carol"));
        FederationFixtures.follow(a, erin.accessToken(), id(a, "dave"));
        assertTrue(ids(a.http().get("/api/v1/timelines/home", erin.accessToken()).json()).containsAll(List.of(daves, carols.get(0))));
        a.http().postForm("/api/v1/accounts/" + id(a, "carol") + "/mute", Map.of(), erin.accessToken());
        a.http().postForm("/api/v1/accounts/" + id(a, "dave") + "/block", Map.of(), erin.accessToken());
        assertEquals(List.of(), ids(a.http().get("/api/v1/timelines/home", erin.accessToken()).json()));
    }

    @Test
    void aDirectMessageAppearsAtHomeForThePersonItMentions() {
        Person frank = new MastodonFixtures(a.http()).signUp("frank");
        Person gina = new MastodonFixtures(a.http()).signUp("gina");
        String dm = idOf(a.http().postJson("/api/v1/statuses", Map.of("status", "@gina only you", "visibility", "direct"),
                frank.accessToken()).json().get("uri").asText());
        assertEquals(List.of(dm), ids(a.http().get("/api/v1/timelines/home", gina.accessToken()).json()));
        assertFalse(ids(a.http().get("/api/v1/timelines/public").json()).contains(dm));

        // once gina follows frank, his posts join the DM, and the DM (followed author, mentions her) is there once
        FederationFixtures.follow(a, gina.accessToken(), id(a, "frank"));
        String open = FederationFixtures.post(a, frank.accessToken(), "for everyone", "public");
        String followersOnly = FederationFixtures.post(a, frank.accessToken(), "for my followers", "private");
        String ginas = FederationFixtures.post(a, gina.accessToken(), "my own", "direct");
        assertEquals(List.of(idOf(ginas), idOf(followersOnly), idOf(open), dm),
                ids(a.http().get("/api/v1/timelines/home", gina.accessToken()).json()));
        assertEquals(List.of(idOf(open), dm), ids(a.http().get("/api/v1/timelines/home?max_id=" + idOf(followersOnly),
                gina.accessToken()).json()), "paged through all three kinds alike");
        assertEquals(List.of(idOf(followersOnly), idOf(open)), ids(a.http().get("/api/v1/timelines/home?min_id=" + dm
                + "&limit=2", gina.accessToken()).json()), "min_id takes the oldest ones after it");
    }

    private static TestHttp.Response follow(String link) {
        URI uri = URI.create(link);
        return a.http().get(uri.getRawPath() + "?" + uri.getRawQuery(), alice.accessToken());
    }

    @Test
    void aRemoteAccountsRecentPublicPostsAreReadFromItsOutboxWhenASignedInUserFirstLooks() {
        Person erin = new MastodonFixtures(b.http()).signUp("erin");
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            published.add(FederationFixtures.post(b, erin.accessToken(), "erin's old post " + i, "public"));
        }
        String quiet = FederationFixtures.post(b, erin.accessToken(), "erin, unlisted", "unlisted");
        String secret = FederationFixtures.post(b, erin.accessToken(), "erin, followers only", "private");
        String regretted = FederationFixtures.post(b, erin.accessToken(), "erin, deleted at once", "public");
        FederationFixtures.delete(b, erin.accessToken(), regretted);
        Person gus = new MastodonFixtures(a.http()).signUp("gus");
        long before = Long.parseLong(idOf(FederationFixtures.post(a, gus.accessToken(), "a post here, made after erin's", "unlisted")));

        String erinOnA = FederationFixtures.resolve(a, alice.accessToken(), "@erin@" + b.app().config().domain());
        String path = "/api/v1/accounts/" + erinOnA + "/statuses";
        assertEquals(0, a.http().get(path).json().size(), "an anonymous look fetches nothing");
        assertEquals(0, count(a, "SELECT count(*) FROM accounts WHERE id = ? AND outbox_fetched_at IS NOT NULL",
                Long.parseLong(erinOnA)));

        TestHttp.Response statuses = a.http().get(path, alice.accessToken());
        assertEquals(200, statuses.status(), statuses::toString);
        List<String> uris = new ArrayList<>();
        statuses.json().forEach(s -> uris.add(s.get("uri").asText()));
        assertEquals(List.of(quiet, published.get(2), published.get(1), published.get(0)), uris,
                "public and unlisted posts, newest first; the followers-only one stays on B (" + secret
                        + "), the deleted one is not brought back (" + regretted + ")");
        statuses.json().forEach(s -> MastodonSchemas.assertValid("Status", s));
        assertTrue(ids(statuses.json()).stream().allMatch(id -> Long.parseLong(id) < before),
                "backfilled posts take their place in time (timelines order by id), before a post made here after them");

        FederationFixtures.post(b, erin.accessToken(), "erin's newest, after the first look", "public");
        assertEquals(4, a.http().get(path, alice.accessToken()).json().size(), "the outbox is read once");
    }

    private static String id(TestInstance on, String username) {
        return on.http().get("/api/v1/accounts/lookup?acct=" + username).json().get("id").asText();
    }

    private static String idOf(String uri) {
        return uri.substring(uri.lastIndexOf('/') + 1);
    }

    private static List<String> ids(JsonNode statuses) {
        List<String> ids = new ArrayList<>();
        statuses.forEach(s -> ids.add(s.get("id").asText()));
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
