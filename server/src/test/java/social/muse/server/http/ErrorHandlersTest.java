package social.muse.server.http;

import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.muse.server.processing.ValidationFailed;
import social.muse.server.testing.TestHttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each API gets its own error shape, and nothing internal ever leaves the server. */
class ErrorHandlersTest {
    private static final String SECRET = "password=hunter2 at org.example.Internal";
    private static WebServer server;
    private static TestHttp http;

    @BeforeAll
    static void start() {
        server = WebServer.builder().host("127.0.0.1").port(0).featuresDiscoverServices(false).shutdownHook(false)
                .routing(routing -> {
                    new ErrorHandlers(Json.mapper()).register(routing);
                    routing.get("/api/v1/boom", (req, res) -> {
                        throw new IllegalStateException(SECRET);
                    });
                    routing.get("/api/muse/v1/boom", (req, res) -> {
                        throw new IllegalStateException(SECRET);
                    });
                    routing.get("/page/boom", (req, res) -> {
                        throw new IllegalStateException(SECRET);
                    });
                    routing.get("/api/muse/v1/invalid", (req, res) -> {
                        throw ValidationFailed.of("rating", "ERR_INCLUSION", "must be between 0.5 and 5");
                    });
                    routing.get("/api/v1/invalid", (req, res) -> {
                        throw ValidationFailed.of("rating", "ERR_INCLUSION", "must be between 0.5 and 5");
                    });
                })
                .build().start();
        http = new TestHttp("http://127.0.0.1:" + server.port());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void unexpectedErrorsShowOnlyARequestIdInEveryShape() {
        TestHttp.Response mastodon = http.get("/api/v1/boom");
        assertEquals(500, mastodon.status());
        assertTrue(mastodon.json().get("error").asText().startsWith("Internal server error (request id "));
        TestHttp.Response muse = http.get("/api/muse/v1/boom");
        assertEquals(500, muse.status());
        assertEquals("application/problem+json", muse.header("Content-Type").orElse(""));
        assertEquals(500, muse.json().get("status").asInt());
        TestHttp.Response page = http.get("/page/boom");
        assertEquals(500, page.status());
        for (TestHttp.Response r : new TestHttp.Response[] {mastodon, muse, page}) {
            assertFalse(r.body().contains("hunter2"), r.body());
            assertFalse(r.body().contains("org.example") || r.body().contains("at social.muse"), r.body());
        }
    }

    @Test
    void validationFailuresUseMastodonDetailsOrProblemErrors() {
        TestHttp.Response mastodon = http.get("/api/v1/invalid");
        assertEquals(422, mastodon.status());
        assertEquals("Validation failed: Rating must be between 0.5 and 5", mastodon.json().get("error").asText());
        assertEquals("ERR_INCLUSION", mastodon.json().at("/details/rating/0/error").asText());

        TestHttp.Response muse = http.get("/api/muse/v1/invalid");
        assertEquals(422, muse.status());
        assertEquals("application/problem+json", muse.header("Content-Type").orElse(""));
        assertEquals("Validation failed", muse.json().get("title").asText());
        assertEquals("/api/muse/v1/invalid", muse.json().get("instance").asText());
        assertEquals("ERR_INCLUSION", muse.json().at("/errors/rating/0/code").asText());
    }
}
