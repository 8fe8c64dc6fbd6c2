package social.muse.server.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Steps a Mastodon app takes, against a test instance, for tests to build on. */
public final class MastodonFixtures {
    private static final AtomicInteger ADDRESS = new AtomicInteger(1);

    public record App(String clientId, String clientSecret, String redirectUri) {
    }

    public record Person(String username, String password, String accessToken, String refreshToken) {
    }

    private final TestHttp http;

    public MastodonFixtures(TestHttp http) {
        this.http = http;
    }

    public App registerApp(String redirectUri, String scopes) {
        TestHttp.Response r = http.postJson("/api/v1/apps",
                Map.of("client_name", "Test app", "redirect_uris", redirectUri, "scopes", scopes));
        assertEquals(200, r.status(), r::toString);
        return new App(r.json().get("client_id").asText(), r.json().get("client_secret").asText(), redirectUri);
    }

    public String clientToken(App app, String scope) {
        TestHttp.Response r = http.postForm("/oauth/token", TestHttp.map("grant_type", "client_credentials",
                "client_id", app.clientId(), "client_secret", app.clientSecret(), "scope", scope));
        assertEquals(200, r.status(), r::toString);
        return r.json().get("access_token").asText();
    }

    /**
     * Signs a person up through the API. Each call comes from its own documentation address
     * (X-Forwarded-For from the loopback proxy), so tests stay under the per-address sign-up limit.
     */
    public Person signUp(String username) {
        App app = registerApp("urn:ietf:wg:oauth:2.0:oob", "read write follow push");
        String appToken = clientToken(app, "read write follow push");
        String password = "a fine password for " + username.length();
        TestHttp.Response r = signUpRequest(appToken, Map.of("username", username, "email", username + "@example.org",
                "password", password, "agreement", "true", "locale", "en"));
        assertEquals(200, r.status(), r::toString);
        return new Person(username, password, r.json().get("access_token").asText(), r.json().get("refresh_token").asText());
    }

    public TestHttp.Response signUpRequest(String appToken, Map<String, String> form) {
        return http.send(http.request("/api/v1/accounts")
                .header("Authorization", "Bearer " + appToken)
                .header("X-Forwarded-For", nextAddress())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(TestHttp.form(form))));
    }

    public static String nextAddress() {
        int n = ADDRESS.getAndIncrement();
        return "198.51." + (n / 250) + "." + (n % 250 + 1);
    }

    /** The authorize page as a browser gets it: its cookies and the hidden fields of its form. */
    public record Page(int status, String html, String cookies, Map<String, String> hidden) {
    }

    public Page authorizePage(String query, String cookies) {
        HttpRequest.Builder builder = http.request("/oauth/authorize?" + query).GET();
        if (cookies != null && !cookies.isEmpty()) {
            builder.header("Cookie", cookies);
        }
        TestHttp.Response r = http.send(builder);
        return new Page(r.status(), r.body(), merge(cookies, r), Browser.hiddenFields(r.body()));
    }

    public TestHttp.Response submit(Page page, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>(page.hidden());
        form.putAll(fields);
        return http.send(http.request("/oauth/authorize")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", page.cookies())
                .header("X-Forwarded-For", nextAddress())
                .POST(HttpRequest.BodyPublishers.ofString(TestHttp.form(form))));
    }

    /** The browser's cookie header after {@code response}: earlier cookies updated by its Set-Cookie headers. */
    public static String merge(String cookies, TestHttp.Response response) {
        Map<String, String> jar = new LinkedHashMap<>();
        if (cookies != null && !cookies.isEmpty()) {
            for (String pair : cookies.split(";\\s*")) {
                int eq = pair.indexOf('=');
                jar.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        response.headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("set-cookie"))
                .flatMap(e -> e.getValue().stream())
                .forEach(header -> {
                    String pair = header.split(";", 2)[0];
                    int eq = pair.indexOf('=');
                    String value = pair.substring(eq + 1);
                    if (value.isEmpty()) {
                        jar.remove(pair.substring(0, eq));
                    } else {
                        jar.put(pair.substring(0, eq), value);
                    }
                });
        return String.join("; ", jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    /** The query parameters of a redirect's Location. */
    public static Map<String, String> redirectQuery(TestHttp.Response response) {
        String location = response.header("Location").orElseThrow(() -> new AssertionError("no Location: " + response));
        Map<String, String> query = new LinkedHashMap<>();
        String raw = URI.create(location).getRawQuery();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    public JsonNode verifyCredentials(String token) {
        TestHttp.Response r = http.get("/api/v1/accounts/verify_credentials", token);
        assertEquals(200, r.status(), r::toString);
        return r.json();
    }
}
