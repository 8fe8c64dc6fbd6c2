package social.muse.server.http.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.muse.server.testing.TestHttp;
import social.muse.server.testing.TestInstance;

import java.net.http.HttpRequest;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebRoutesIT {
    private static final String ROOT_ELEMENT = "<div id=\"root\"></div>";
    private static TestInstance instance;

    @BeforeAll
    static void start() {
        instance = TestInstance.start();
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    @Test
    void rootServesTheAppWithoutLongCaching() {
        TestHttp.Response response = instance.http().get("/");

        assertEquals(200, response.status(), response.toString());
        assertTrue(response.header("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(response.body().contains(ROOT_ELEMENT), response.body());
        assertEquals(Optional.of("no-cache"), response.header("Cache-Control"));
    }

    @Test
    void deepLinkServesTheIndex() {
        TestHttp.Response response = instance.http().get("/some/deep/link?tab=reviews");

        assertEquals(200, response.status(), response.toString());
        assertTrue(response.body().contains(ROOT_ELEMENT), response.body());
        assertEquals(Optional.of("no-cache"), response.header("Cache-Control"));
    }

    @Test
    void oauthCallbackIsAnAppRoute() {
        TestHttp.Response response = instance.http().get("/oauth-callback?code=abc&state=xyz");

        assertEquals(200, response.status(), response.toString());
        assertTrue(response.body().contains(ROOT_ELEMENT), response.body());
    }

    @Test
    void hashedAssetIsJavaScriptCachedForAYear() {
        String script = builtScriptPath();

        TestHttp.Response response = instance.http().get(script);

        assertEquals(200, response.status(), response.toString());
        assertTrue(response.header("Content-Type").orElseThrow().contains("javascript"), response.headers().toString());
        assertEquals(Optional.of("public, max-age=31536000, immutable"), response.header("Cache-Control"));
        assertTrue(response.body().length() > 1000, "the bundled app, not an error page");
    }

    @Test
    void unchangedAssetIsNotSentAgain() {
        String script = builtScriptPath();
        String etag = instance.http().get(script).header("ETag").orElseThrow();

        TestHttp.Response response = instance.http().send(instance.http().request(script).header("If-None-Match", etag).GET());

        assertEquals(304, response.status(), response.toString());
        assertEquals("", response.body());
    }

    @Test
    void missingFileIsNotFoundAndNotCached() {
        TestHttp.Response response = instance.http().get("/assets/index-doesnotexist.js");

        assertEquals(404, response.status(), response.toString());
        assertFalse(response.body().contains(ROOT_ELEMENT));
        assertEquals(Optional.empty(), response.header("Cache-Control"));
    }

    @Test
    void unknownApiPathStaysAJsonError() {
        TestHttp.Response response = instance.http().get("/api/v1/nonexistent");

        assertEquals(404, response.status(), response.toString());
        assertTrue(response.header("Content-Type").orElseThrow().startsWith("application/json"));
        assertTrue(response.json().hasNonNull("error"), response.body());
    }

    @Test
    void serverNamespacesNeverFallBackToTheApp() {
        for (String path : new String[] {"/oauth/nonexistent", "/.well-known/nonexistent", "/nodeinfo/9.9",
                "/observe/nonexistent", "/media/nonexistent", "/auth/nonexistent"}) {
            TestHttp.Response response = instance.http().get(path);

            assertFalse(response.body().contains(ROOT_ELEMENT), path + " served the app");
            assertTrue(response.status() >= 400, path + " answered " + response);
        }
    }

    @Test
    void appIsNotServedForWrites() {
        TestHttp.Response response = instance.http().send(instance.http().request("/some/deep/link")
                .POST(HttpRequest.BodyPublishers.ofString("x")));

        assertFalse(response.body().contains(ROOT_ELEMENT));
        assertTrue(response.status() >= 400, response.toString());
    }

    /** The script's name carries a content hash, so read it from the index as a browser would. */
    private static String builtScriptPath() {
        Matcher matcher = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(instance.http().get("/").body());
        assertTrue(matcher.find(), "index.html references a script under /assets/");
        return matcher.group(1);
    }
}
