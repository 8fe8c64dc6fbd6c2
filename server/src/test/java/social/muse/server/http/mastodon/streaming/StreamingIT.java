package social.muse.server.http.mastodon.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.muse.server.http.mastodon.streaming.StreamClients.Event;
import social.muse.server.http.mastodon.streaming.StreamClients.EventStream;
import social.muse.server.http.mastodon.streaming.StreamClients.Socket;
import social.muse.server.testing.MastodonFixtures;
import social.muse.server.testing.MastodonFixtures.Person;
import social.muse.server.testing.MastodonSchemas;
import social.muse.server.testing.TestHttp;
import social.muse.server.testing.TestInstance;

import java.net.http.HttpRequest;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Streaming as Mastodon apps use it: WebSocket with the token as subprotocol or query parameter and
 * subscribe/unsubscribe messages, the server-sent events endpoints, and events made by another server
 * process on the same database.
 */
class StreamingIT {
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
    void aFollowerHearsPostsEditsDeletesAndNotificationsOverAWebSocket() {
        Person alice = mastodon.signUp("alice");
        Person bob = mastodon.signUp("bob");
        Person carol = mastodon.signUp("carol");
        follow(http, alice, bob);
        try (Socket socket = Socket.connect(instance.baseUrl(), "", alice.accessToken())) {
            assertEquals(alice.accessToken(), socket.subprotocol(), "the token offered as subprotocol is echoed");
            socket.send("{\"type\":\"subscribe\",\"stream\":\"user\"}");
            socket.sync();

            String posted = post(http, bob, "Kind of Blue", "public");
            Event update = socket.event(e -> e.event().equals("update"));
            assertEquals(List.of("user"), update.stream());
            assertEquals(posted, update.json().get("id").asText());
            MastodonSchemas.assertValid("Status", update.json());

            follow(http, carol, alice);
            Event notification = socket.event(e -> e.event().equals("notification"));
            assertEquals("follow", notification.json().get("type").asText());
            assertEquals("carol", notification.json().at("/account/username").asText());
            MastodonSchemas.assertValid("Notification", notification.json());

            post(http, carol, "Not followed by alice", "public");
            String followersOnly = post(http, bob, "For followers", "private");
            assertEquals(followersOnly, socket.event(e -> e.event().equals("update")).json().get("id").asText(),
                    "the next update is bob's, not that of carol, whom alice does not follow");

            TestHttp.Response edited = http.send(http.request("/api/v1/statuses/" + posted)
                    .header("Authorization", "Bearer " + bob.accessToken())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .method("PUT", HttpRequest.BodyPublishers.ofString("status=Kind+of+Blue+%28remastered%29")));
            assertEquals(200, edited.status(), edited::toString);
            Event statusUpdate = socket.event(e -> e.event().equals("status.update"));
            assertTrue(statusUpdate.json().get("content").asText().contains("remastered"), statusUpdate::payload);

            assertEquals(200, http.send(http.request("/api/v1/statuses/" + posted)
                    .header("Authorization", "Bearer " + bob.accessToken()).DELETE()).status());
            assertEquals(posted, socket.event(e -> e.event().equals("delete")).payload());
        }
    }

    @Test
    void severalStreamsOnOneSocketChosenByQueryAndMessages() {
        Person dave = mastodon.signUp("dave");
        Person erin = mastodon.signUp("erin");
        follow(http, dave, erin);
        try (Socket socket = Socket.connect(instance.baseUrl(), "stream=user&access_token=" + dave.accessToken(), null)) {
            socket.send("{\"type\":\"subscribe\",\"stream\":\"public:local\"}");
            socket.send("{\"type\":\"subscribe\",\"stream\":\"hashtag\",\"tag\":\"Jazz\"}");
            socket.sync();
            String first = post(http, erin, "Late night #jazz", "public");
            Event one = socket.event(e -> e.event().equals("update"));
            Event two = socket.event(e -> e.event().equals("update"));
            Event three = socket.event(e -> e.event().equals("update"));
            assertEquals(Set.of(List.of("user"), List.of("public:local"), List.of("hashtag", "jazz")),
                    Set.of(one.stream(), two.stream(), three.stream()), "one event per stream, in any order");
            assertTrue(List.of(one, two, three).stream().allMatch(e -> e.json().get("id").asText().equals(first)));

            socket.send("{\"type\":\"unsubscribe\",\"stream\":\"user\"}");
            socket.send("{\"type\":\"unsubscribe\",\"stream\":\"hashtag\",\"tag\":\"jazz\"}");
            socket.sync();
            String second = post(http, erin, "Morning", "public");
            Event only = socket.event(e -> e.event().equals("update"));
            assertEquals(List.of("public:local"), only.stream());
            assertEquals(second, only.json().get("id").asText());
            String unlisted = post(http, erin, "Quietly", "unlisted");
            String third = post(http, erin, "Evening", "public");
            assertEquals(third, socket.event(e -> e.event().equals("update")).json().get("id").asText(),
                    "an unlisted status is in no public stream: " + unlisted);
        }
    }

    @Test
    void aBadTokenIsRefusedAndUserStreamsNeedOne() {
        CompletionException refused = assertThrows(CompletionException.class,
                () -> Socket.connect(instance.baseUrl(), "", "not-a-token"));
        WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
        assertEquals(401, handshake.getResponse().statusCode());
        CompletionException badQuery = assertThrows(CompletionException.class,
                () -> Socket.connect(instance.baseUrl(), "stream=user&access_token=nope", null));
        assertEquals(401, ((WebSocketHandshakeException) badQuery.getCause()).getResponse().statusCode());
        assertThrows(CompletionException.class, () -> Socket.connect(instance.baseUrl(), "stream=user", null),
                "the user stream needs a token");

        try (Socket anonymous = Socket.connect(instance.baseUrl(), "", null)) {
            anonymous.send("{\"type\":\"subscribe\",\"stream\":\"user\"}");
            assertEquals(401, anonymous.error().get("status").asInt());
        }
        assertEquals(401, http.get("/api/v1/streaming/user").status());
        assertEquals(401, http.get("/api/v1/streaming/public", "nope").status());
        assertEquals(400, http.get("/api/v1/streaming/hashtag").status(), "a hashtag stream needs its tag");
        TestHttp.Response health = http.get("/api/v1/streaming/health");
        assertEquals(200, health.status());
        assertEquals("OK", health.body());
    }

    @Test
    void serverSentEventsCarryUpdatesAndNotifications() {
        Person fay = mastodon.signUp("fay");
        Person gus = mastodon.signUp("gus");
        try (EventStream user = EventStream.open(instance.baseUrl() + "/api/v1/streaming/user", fay.accessToken());
             EventStream local = EventStream.open(instance.baseUrl() + "/api/v1/streaming/public/local", null);
             EventStream tag = EventStream.open(instance.baseUrl() + "/api/v1/streaming/hashtag?tag=vinyl", null)) {
            follow(http, gus, fay);
            JsonNode notification = user.event(e -> e.event().equals("notification")).json();
            assertEquals("follow", notification.get("type").asText());
            MastodonSchemas.assertValid("Notification", notification);

            String plain = post(http, fay, "Spinning records", "public");
            String tagged = post(http, fay, "New #Vinyl day", "public");
            assertEquals(plain, user.event(e -> e.event().equals("update")).json().get("id").asText(), "one's own posts");
            assertEquals(plain, local.event(e -> e.event().equals("update")).json().get("id").asText());
            assertEquals(tagged, tag.event(e -> e.event().equals("update")).json().get("id").asText());
        }
    }

    @Test
    void anEventOnOneProcessReachesAClientOfTheOther() {
        try (TestInstance second = TestInstance.start(Map.of("MUSE_DB_URL", instance.env().get("MUSE_DB_URL")))) {
            Person hal = mastodon.signUp("hal");
            Person ivy = mastodon.signUp("ivy");
            follow(http, hal, ivy);
            try (EventStream onSecond = EventStream.open(second.baseUrl() + "/api/v1/streaming/user", hal.accessToken());
                 Socket socketOnSecond = Socket.connect(second.baseUrl(), "stream=user", hal.accessToken())) {
                socketOnSecond.sync();
                String posted = post(http, ivy, "Made on the first process", "public");
                assertEquals(posted, onSecond.event(e -> e.event().equals("update")).json().get("id").asText());
                assertEquals(posted, socketOnSecond.event(e -> e.event().equals("update")).json().get("id").asText());
            }
        }
    }

    // ---- helpers

    private static void follow(TestHttp on, Person follower, Person target) {
        String id = mastodon.verifyCredentials(target.accessToken()).get("id").asText();
        TestHttp.Response r = on.postJson("/api/v1/accounts/" + id + "/follow", Map.of(), follower.accessToken());
        assertEquals(200, r.status(), r::toString);
    }

    private static String post(TestHttp on, Person author, String text, String visibility) {
        TestHttp.Response r = on.postForm("/api/v1/statuses", Map.of("status", text, "visibility", visibility),
                author.accessToken());
        assertEquals(200, r.status(), r::toString);
        return r.json().get("id").asText();
    }
}
