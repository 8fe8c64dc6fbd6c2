package social.muse.server.testing;

import java.net.http.HttpRequest;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static social.muse.server.testing.TestHttp.map;

/** Signs people up through the Mastodon API, exactly as an app does: register, app token, POST /api/v1/accounts. */
public final class TestAccounts {
    private static final AtomicInteger ADDRESS = new AtomicInteger();

    private TestAccounts() {
    }

    public record App(String clientId, String clientSecret) {
    }

    public static App registerApp(TestHttp http) {
        TestHttp.Response app = http.postJson("/api/v1/apps", Map.of("client_name", "Test app",
                "redirect_uris", "urn:ietf:wg:oauth:2.0:oob", "scopes", "read write follow"));
        expect(app, 200);
        return new App(app.json().get("client_id").asText(), app.json().get("client_secret").asText());
    }

    /**
     * Signs up and returns the person's access token. Each sign-up comes from its own documentation
     * address (X-Forwarded-For from the loopback proxy), so tests stay under the per-address limit.
     */
    public static String signUp(TestHttp http, App app, String username, String email, String password) {
        TestHttp.Response appToken = http.postForm("/oauth/token", map("grant_type", "client_credentials",
                "client_id", app.clientId(), "client_secret", app.clientSecret(), "scope", "read write"));
        expect(appToken, 200);
        TestHttp.Response account = http.send(http.request("/api/v1/accounts")
                .header("Authorization", "Bearer " + appToken.json().get("access_token").asText())
                .header("X-Forwarded-For", "192.0.2." + (ADDRESS.getAndIncrement() % 250 + 1))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TestHttp.toJson(Map.of("username", username, "email", email,
                        "password", password, "agreement", true, "locale", "en")))));
        expect(account, 200);
        return account.json().get("access_token").asText();
    }

    /** The password grant (needs MUSE_OAUTH_PASSWORD_GRANT=true): a token, or the error response. */
    public static TestHttp.Response passwordGrant(TestHttp http, App app, String login, String password) {
        return http.postForm("/oauth/token", map("grant_type", "password", "client_id", app.clientId(),
                "client_secret", app.clientSecret(), "username", login, "password", password, "scope", "read"));
    }

    public static void expect(TestHttp.Response response, int status) {
        if (response.status() != status) {
            throw new AssertionError("Expected HTTP " + status + ", got " + response);
        }
    }
}
