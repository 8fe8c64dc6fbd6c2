package social.muse.server.http.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WebRoutesTest {
    @ParameterizedTest
    @CsvSource({
            "'', index.html",
            "index.html, index.html",
            "@alice, index.html",
            "some/deep/link, index.html",
            "oauth-callback, index.html",
            "assets/index-abc123.js, assets/index-abc123.js",
            "favicon.ico, favicon.ico",
            "api/v1/instance, api/v1/instance",
            "api, api",
            "oauth/authorize, oauth/authorize",
            ".well-known/webfinger, .well-known/webfinger",
            "nodeinfo/2.0, nodeinfo/2.0",
            "observe/health, observe/health",
            "media/avatars/1, media/avatars/1",
            "auth/sign_up, auth/sign_up",
    })
    void mapsRequestPathsToFiles(String path, String expected) {
        assertEquals(expected, WebRoutes.resourcePath(path));
    }
}
