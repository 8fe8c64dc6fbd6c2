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
import static org.junit.jupiter.api.Assertions.assertTrue;
import static social.muse.server.federation.FederationFixtures.await;

/** Notifications of follows, requests, mentions, favourites and boosts, from this server and another. */
class NotificationsIT {
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
    void whatOthersDoHereAndElsewhereIsNotified() {
        Person alice = new MastodonFixtures(a.http()).signUp("alice");
        Person carol = new MastodonFixtures(a.http()).signUp("carol");
        Person bob = new MastodonFixtures(b.http()).signUp("bob");
        String aliceOnB = FederationFixtures.resolve(b, bob.accessToken(), "@alice@" + a.app().config().domain());
        FederationFixtures.follow(b, bob.accessToken(), aliceOnB);
        await("alice is told bob follows her", () -> types(alice).contains("follow"));

        String post = FederationFixtures.post(a, alice.accessToken(), "Court and Spark", "public");
        await("B has alice's post", () -> FederationFixtures.count(b, "SELECT count(*) FROM statuses WHERE uri = ?", post) == 1);
        String onB = Long.toString(FederationFixtures.count(b, "SELECT id FROM statuses WHERE uri = ?", post));
        b.http().postJson("/api/v1/statuses/" + onB + "/favourite", Map.of(), bob.accessToken());
        b.http().postJson("/api/v1/statuses/" + onB + "/reblog", Map.of(), bob.accessToken());
        b.http().postJson("/api/v1/statuses", Map.of("status", "@alice@" + a.app().config().domain() + " lovely"), bob.accessToken());
        String onA = post.substring(post.lastIndexOf('/') + 1);
        a.http().postJson("/api/v1/statuses/" + onA + "/favourite", Map.of(), carol.accessToken());
        a.http().postJson("/api/v1/statuses/" + onA + "/favourite", Map.of(), alice.accessToken());
        await("alice is told of bob's favourite, boost and mention", () ->
                types(alice).containsAll(List.of("favourite", "reblog", "mention")));

        TestHttp.Response all = a.http().get("/api/v1/notifications", alice.accessToken());
        all.json().forEach(n -> MastodonSchemas.assertValid("Notification", n));
        // deliveries from B and carol's favourite here arrive in any order
        assertEquals(List.of("favourite", "favourite", "follow", "mention", "reblog"), types(alice).stream().sorted().toList(),
                "her own favourite tells nobody");
        List<Long> ids = new ArrayList<>();
        all.json().forEach(n -> ids.add(Long.parseLong(n.get("id").asText())));
        assertEquals(ids.stream().sorted(java.util.Comparator.reverseOrder()).toList(), ids, "newest first");
        JsonNode mention = a.http().get("/api/v1/notifications?types[]=mention", alice.accessToken()).json().get(0);
        assertEquals("bob", mention.get("account").get("username").asText());
        assertTrue(mention.get("status").get("content").asText().contains("lovely"));

        assertEquals(List.of("mention"), types(alice, "?types[]=mention"));
        assertEquals(List.of("follow", "mention", "reblog"),
                types(alice, "?exclude_types[]=favourite").stream().sorted().toList());
        String carolId = a.http().get("/api/v1/accounts/lookup?acct=carol").json().get("id").asText();
        assertEquals(List.of("favourite"), types(alice, "?account_id=" + carolId));
        TestHttp.Response page = a.http().get("/api/v1/notifications?limit=2", alice.accessToken());
        assertEquals(2, page.json().size());
        assertTrue(page.header("Link").orElseThrow().contains("max_id=" + page.json().get(1).get("id").asText()));

        String first = mention.get("id").asText();
        assertEquals(200, a.http().get("/api/v1/notifications/" + first, alice.accessToken()).status());
        assertEquals(200, a.http().postJson("/api/v1/notifications/" + first + "/dismiss", Map.of(), alice.accessToken()).status());
        assertEquals(404, a.http().get("/api/v1/notifications/" + first, alice.accessToken()).status());
        String another = ids.stream().map(String::valueOf).filter(id -> !id.equals(first)).findFirst().orElseThrow();
        assertEquals(200, a.http().get("/api/v1/notifications/" + another, alice.accessToken()).status());
        assertEquals(404, a.http().get("/api/v1/notifications/" + another, carol.accessToken()).status(),
                "someone else's notification");
        a.http().postJson("/api/v1/notifications/clear", Map.of(), alice.accessToken());
        assertEquals(List.of(), types(alice));
        assertEquals(401, a.http().get("/api/v1/notifications").status());
    }

    @Test
    void requestsAreNotifiedAndMutedAccountsAreNot() {
        Person lina = new MastodonFixtures(a.http()).signUp("lina");
        Person mo = new MastodonFixtures(a.http()).signUp("mo");
        Person nia = new MastodonFixtures(a.http()).signUp("nia");
        a.http().send(a.http().request("/api/v1/accounts/update_credentials")
                .header("Authorization", "Bearer " + lina.accessToken())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("locked=true")));
        String linaId = a.http().get("/api/v1/accounts/lookup?acct=lina").json().get("id").asText();
        String niaId = a.http().get("/api/v1/accounts/lookup?acct=nia").json().get("id").asText();
        a.http().postForm("/api/v1/accounts/" + niaId + "/mute", Map.of(), lina.accessToken());
        FederationFixtures.follow(a, mo.accessToken(), linaId);
        FederationFixtures.follow(a, nia.accessToken(), linaId);
        assertEquals(List.of("follow_request"), types(lina), "nia is muted, notifications included");
    }

    @Test
    void editsOfBoostedPostsAreToldEachTimeAndTakenBackActionsLeaveNoNotification() {
        Person olga = new MastodonFixtures(a.http()).signUp("olga");
        Person pete = new MastodonFixtures(a.http()).signUp("pete");
        Person quinn = new MastodonFixtures(b.http()).signUp("quinn");
        String olgaId = a.http().get("/api/v1/accounts/lookup?acct=olga").json().get("id").asText();
        String olgaOnB = FederationFixtures.resolve(b, quinn.accessToken(), "@olga@" + a.app().config().domain());
        FederationFixtures.follow(b, quinn.accessToken(), olgaOnB);
        await("quinn follows olga", () ->
                FederationFixtures.relationship(b, quinn.accessToken(), olgaOnB).get("following").asBoolean());
        String post = FederationFixtures.post(a, olga.accessToken(), "Blue, first draft", "public");
        String postId = post.substring(post.lastIndexOf('/') + 1);
        await("B has olga's post", () -> FederationFixtures.count(b, "SELECT count(*) FROM statuses WHERE uri = ?", post) == 1);
        String onB = Long.toString(FederationFixtures.count(b, "SELECT id FROM statuses WHERE uri = ?", post));

        // pete (here) and quinn (on B) favourite, boost and follow; then take it all back
        FederationFixtures.follow(a, pete.accessToken(), olgaId);
        a.http().postJson("/api/v1/statuses/" + postId + "/favourite", Map.of(), pete.accessToken());
        a.http().postJson("/api/v1/statuses/" + postId + "/reblog", Map.of(), pete.accessToken());
        b.http().postJson("/api/v1/statuses/" + onB + "/favourite", Map.of(), quinn.accessToken());
        await("olga is told of both favourites, the boost and both follows", () ->
                types(olga).stream().sorted().toList().equals(List.of("favourite", "favourite", "follow", "follow", "reblog")));

        assertEquals(5, unread(olga));
        String newest = a.http().get("/api/v1/notifications?limit=1", olga.accessToken()).json().get(0).get("id").asText();
        a.http().postForm("/api/v1/markers", Map.of("notifications[last_read_id]", newest), olga.accessToken());
        assertEquals(0, unread(olga), "everything up to the marker is read");

        // olga edits twice: pete, who boosted, is told of each edit
        for (String text : List.of("Blue, second draft", "Blue, final")) {
            TestHttp.Response edited = a.http().send(a.http().request("/api/v1/statuses/" + postId)
                    .header("Authorization", "Bearer " + olga.accessToken())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .method("PUT", java.net.http.HttpRequest.BodyPublishers.ofString(
                            "status=" + java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8))));
            assertEquals(200, edited.status(), edited::toString);
        }
        assertEquals(List.of("update", "update"), types(pete, "?types[]=update"));
        JsonNode update = a.http().get("/api/v1/notifications?types[]=update", pete.accessToken()).json().get(0);
        assertEquals("olga", update.at("/account/username").asText());
        assertTrue(update.at("/status/content").asText().contains("final"), update::toString);

        a.http().postJson("/api/v1/statuses/" + postId + "/unfavourite", Map.of(), pete.accessToken());
        a.http().postJson("/api/v1/statuses/" + postId + "/unreblog", Map.of(), pete.accessToken());
        FederationFixtures.unfollow(a, pete.accessToken(), olgaId);
        b.http().postJson("/api/v1/statuses/" + onB + "/unfavourite", Map.of(), quinn.accessToken());
        FederationFixtures.unfollow(b, quinn.accessToken(), olgaOnB);
        await("what was taken back is no longer notified, here or from B", () -> types(olga).isEmpty());
        assertEquals(0, unread(olga));
    }

    private static int unread(Person who) {
        TestHttp.Response r = a.http().get("/api/v1/notifications/unread_count", who.accessToken());
        assertEquals(200, r.status(), r::toString);
        return r.json().get("count").asInt();
    }

    private static List<String> types(Person who) {
        return types(who, "");
    }

    private static List<String> types(Person who, String query) {
        TestHttp.Response r = a.http().get("/api/v1/notifications" + query, who.accessToken());
        assertEquals(200, r.status(), r::toString);
        List<String> types = new ArrayList<>();
        r.json().forEach(n -> types.add(n.get("type").asText()));
        return types;
    }
}
