package social.muse.server.http.mastodon;

import social.muse.server.testing.MastodonFixtures;
import social.muse.server.testing.MastodonSchemas;
import social.muse.server.testing.TestHttp;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks and steps shared by the social graph and start-up endpoint tests. */
final class ApiChecks {
    private ApiChecks() {
    }

    /** The response is {@code status} with Mastodon's error body. */
    static void assertMastodonError(TestHttp.Response response, int status) {
        assertEquals(status, response.status(), response::toString);
        MastodonSchemas.assertValid("Error", response.json());
        assertTrue(response.json().get("error").asText().length() > 0, response::toString);
    }

    /** A new person whose token carries only {@code scopes} (sign-up hands out the app token's scopes). */
    static String personTokenWithScopes(MastodonFixtures mastodon, String username, String scopes) {
        String appToken = mastodon.clientToken(mastodon.registerApp("urn:ietf:wg:oauth:2.0:oob", scopes), scopes);
        TestHttp.Response r = mastodon.signUpRequest(appToken, Map.of("username", username, "email", username + "@example.org",
                "password", "quiet records on a rainy tuesday", "agreement", "true", "locale", "en"));
        assertEquals(200, r.status(), r::toString);
        return r.json().get("access_token").asText();
    }

    /** The ids of a 200 response's list of accounts, in order. */
    static List<String> ids(TestHttp.Response response) {
        assertEquals(200, response.status(), response::toString);
        return StreamSupport.stream(response.json().spliterator(), false).map(a -> a.get("id").asText()).toList();
    }
}
