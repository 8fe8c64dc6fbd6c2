package social.muse.server.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.muse.server.testing.TestHttp;
import social.muse.server.testing.TestInstance;

import java.net.http.HttpRequest;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Browser apps on other origins (Elk, Phanpy) can call the APIs; cookie-based pages stay same-origin. */
class CorsIT {
    private static TestInstance instance;
    private static TestHttp http;

    @BeforeAll
    static void start() {
        instance = TestInstance.start();
        http = instance.http();
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    @Test
    void preflightsAreAnsweredForTheApiAndTokenEndpoints() {
        for (String path : new String[] {"/api/v1/apps", "/oauth/token", "/api/v1/accounts/update_credentials"}) {
            TestHttp.Response r = http.send(http.request(path)
                    .header("Origin", "https://elk.zone")
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "authorization, content-type")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
            assertEquals(204, r.status(), path);
            assertEquals(Optional.of("*"), r.header("Access-Control-Allow-Origin"), path);
            assertTrue(r.header("Access-Control-Allow-Methods").orElse("").contains("PATCH"), path);
            assertEquals(Optional.of("authorization, content-type"), r.header("Access-Control-Allow-Headers"), path);
        }
    }

    @Test
    void answersAndErrorsCarryTheHeaders() {
        TestHttp.Response ok = http.send(http.request("/api/v2/instance").header("Origin", "https://phanpy.social").GET());
        assertEquals(200, ok.status());
        assertEquals(Optional.of("*"), ok.header("Access-Control-Allow-Origin"));
        assertTrue(ok.header("Access-Control-Expose-Headers").orElse("").contains("Link"));

        TestHttp.Response unauthorized = http.send(http.request("/api/v1/accounts/verify_credentials")
                .header("Origin", "https://phanpy.social").GET());
        assertEquals(401, unauthorized.status());
        assertEquals(Optional.of("*"), unauthorized.header("Access-Control-Allow-Origin"), "errors must be readable too");
        assertTrue(unauthorized.header("X-Request-Id").isPresent());
    }

    @Test
    void cookiePagesAreNotShared() {
        TestHttp.Response page = http.send(http.request("/oauth/authorize?client_id=x").header("Origin", "https://evil.example").GET());
        assertTrue(page.header("Access-Control-Allow-Origin").isEmpty());
        TestHttp.Response preflight = http.send(http.request("/oauth/authorize")
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertTrue(preflight.header("Access-Control-Allow-Origin").isEmpty());
    }
}
