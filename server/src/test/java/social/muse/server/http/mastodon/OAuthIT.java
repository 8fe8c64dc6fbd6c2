package social.muse.server.http.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.muse.server.processing.oauth.OAuthProcessor;
import social.muse.server.testing.MastodonFixtures;
import social.muse.server.testing.MastodonSchemas;
import social.muse.server.testing.MastodonFixtures.App;
import social.muse.server.testing.MastodonFixtures.Page;
import social.muse.server.testing.MastodonFixtures.Person;
import social.muse.server.testing.TestHttp;
import social.muse.server.testing.TestInstance;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OAuth 2 exactly as Mastodon apps drive it: registration, the browser sign-in page, every grant, revocation. */
class OAuthIT {
    private static final String TUSKY_REDIRECT = "oauth2redirect://com.keylesspalace.tusky/";
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    private static TestInstance instance;
    private static TestHttp http;
    private static MastodonFixtures mastodon;
    private static Person alice;

    @BeforeAll
    static void start() {
        instance = TestInstance.start();
        http = instance.http();
        mastodon = new MastodonFixtures(http);
        alice = mastodon.signUp("alice");
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    @Test
    void pkceChallengeIsTheRfc7636Example() {
        assertEquals(CHALLENGE, OAuthProcessor.s256(VERIFIER));
    }

    @Test
    void registersAppsFromJsonFormAndMultipartBodies() {
        TestHttp.Response json = http.postJson("/api/v1/apps", Map.of("client_name", "masto.js",
                "redirect_uris", List.of("https://app.example/callback", "urn:ietf:wg:oauth:2.0:oob"), "scopes", "read write"));
        assertEquals(200, json.status(), json::toString);
        assertEquals(List.of("https://app.example/callback", "urn:ietf:wg:oauth:2.0:oob"), texts(json.json().get("redirect_uris")));
        assertEquals("https://app.example/callback\nurn:ietf:wg:oauth:2.0:oob", json.json().get("redirect_uri").asText());
        assertEquals(List.of("read", "write"), texts(json.json().get("scopes")));
        assertTrue(json.json().get("id").asText().matches("[1-9][0-9]*"));
        assertEquals(43, json.json().get("client_secret").asText().length());
        MastodonSchemas.assertValid("CredentialApplication", json.json());

        TestHttp.Response form = http.postForm("/api/v1/apps", TestHttp.map("client_name", "Tusky",
                "redirect_uris", TUSKY_REDIRECT, "scopes", "read write follow push", "website", "https://tusky.app"));
        assertEquals(200, form.status(), form::toString);
        assertEquals(TUSKY_REDIRECT, form.json().get("redirect_uri").asText());
        assertEquals("https://tusky.app", form.json().get("website").asText());

        String boundary = "----muse" + System.nanoTime();
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"client_name\"\r\n\r\nIvory\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"redirect_uris\"\r\n\r\ncom.tapbots.Ivory.19300:/request_token\r\n"
                + "--" + boundary + "--\r\n";
        TestHttp.Response multi = http.send(http.request("/api/v1/apps")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(multipart)));
        assertEquals(200, multi.status(), multi::toString);
        assertEquals("com.tapbots.Ivory.19300:/request_token", multi.json().get("redirect_uri").asText());
        assertEquals(List.of("read"), texts(multi.json().get("scopes")), "the default scope is read");
    }

    @Test
    void refusesBadRegistrationsWithMastodonErrors() {
        TestHttp.Response noName = http.postJson("/api/v1/apps", Map.of("redirect_uris", "urn:ietf:wg:oauth:2.0:oob"));
        assertEquals(422, noName.status());
        assertTrue(noName.json().get("error").asText().startsWith("Validation failed: "), noName::toString);

        TestHttp.Response fragment = http.postJson("/api/v1/apps", Map.of("client_name", "x", "redirect_uris", "https://a.example/#frag"));
        assertEquals(422, fragment.status());
        assertEquals("ERR_INVALID", fragment.json().at("/details/redirect_uri/0/error").asText());

        TestHttp.Response badScope = http.postJson("/api/v1/apps", Map.of("client_name", "x",
                "redirect_uris", "urn:ietf:wg:oauth:2.0:oob", "scopes", "read everything"));
        assertEquals(422, badScope.status());

        TestHttp.Response notJson = http.send(http.request("/api/v1/apps").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"client_name\":")));
        assertEquals(400, notJson.status());
        assertTrue(notJson.json().has("error"));
    }

    @Test
    void appVerifiesItsCredentialsWithAClientToken() {
        App app = mastodon.registerApp("urn:ietf:wg:oauth:2.0:oob", "read write");
        String token = mastodon.clientToken(app, "read");
        TestHttp.Response r = http.get("/api/v1/apps/verify_credentials", token);
        assertEquals(200, r.status(), r::toString);
        assertEquals("Test app", r.json().get("name").asText());
        assertFalse(r.json().has("client_secret"), "the secret is shown only once");
        MastodonSchemas.assertValid("Application", r.json());
        assertEquals(401, http.get("/api/v1/apps/verify_credentials").status());
        assertEquals(401, http.get("/api/v1/apps/verify_credentials", "not-a-token").status());
    }

    @Test
    void clientCredentialsRefuseWrongSecretsAndExcessScopesAndAcceptBasicAuth() {
        App app = mastodon.registerApp("urn:ietf:wg:oauth:2.0:oob", "read");
        TestHttp.Response wrongSecret = http.postForm("/oauth/token", TestHttp.map("grant_type", "client_credentials",
                "client_id", app.clientId(), "client_secret", "wrong"));
        assertEquals(401, wrongSecret.status());
        assertEquals("invalid_client", wrongSecret.json().get("error").asText());

        TestHttp.Response excess = http.postForm("/oauth/token", TestHttp.map("grant_type", "client_credentials",
                "client_id", app.clientId(), "client_secret", app.clientSecret(), "scope", "read write"));
        assertEquals(400, excess.status());
        assertEquals("invalid_scope", excess.json().get("error").asText());

        String basic = Base64.getEncoder().encodeToString((app.clientId() + ":" + app.clientSecret()).getBytes(StandardCharsets.UTF_8));
        TestHttp.Response viaBasic = http.send(http.request("/oauth/token")
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"client_credentials\"}")));
        assertEquals(200, viaBasic.status(), viaBasic::toString);
        assertEquals("Bearer", viaBasic.json().get("token_type").asText());
        assertEquals("read", viaBasic.json().get("scope").asText());
        assertTrue(viaBasic.json().get("created_at").isIntegralNumber());
        assertEquals("no-store", viaBasic.header("Cache-Control").orElse(""));

        TestHttp.Response unknownGrant = http.postForm("/oauth/token", TestHttp.map("grant_type", "implicit",
                "client_id", app.clientId(), "client_secret", app.clientSecret()));
        assertEquals("unsupported_grant_type", unknownGrant.json().get("error").asText());
    }

    @Test
    void authorizationCodeWithPkceThroughTheSignInPage() {
        App app = mastodon.registerApp(TUSKY_REDIRECT, "read write follow push");
        Page page = mastodon.authorizePage(authorizeQuery(app, "read write follow", "xyz-state", CHALLENGE), null);
        assertEquals(200, page.status());
        assertTrue(page.html().contains("name=\"password\""), "asks to sign in");
        assertTrue(page.html().contains("change all your account&#39;s data"), "lists the permissions");
        assertTrue(page.cookies().contains("muse_csrf="));

        TestHttp.Response approved = mastodon.submit(page, Map.of("username", "alice", "password", alice.password(), "decision", "approve"));
        assertEquals(302, approved.status(), approved::toString);
        assertTrue(approved.header("Location").orElseThrow().startsWith(TUSKY_REDIRECT + "?code="));
        Map<String, String> query = MastodonFixtures.redirectQuery(approved);
        assertEquals("xyz-state", query.get("state"));

        TestHttp.Response wrongVerifier = exchange(app, query.get("code"), "x".repeat(43));
        assertEquals(400, wrongVerifier.status());
        assertEquals("invalid_grant", wrongVerifier.json().get("error").asText());

        // The failed attempt above did not consume the code; the right verifier redeems it once.
        TestHttp.Response token = exchange(app, query.get("code"), VERIFIER);
        assertEquals(200, token.status(), token::toString);
        assertEquals("follow read write", token.json().get("scope").asText());
        MastodonSchemas.assertFullyValid("Token", token.json());
        String accessToken = token.json().get("access_token").asText();
        assertEquals("alice", mastodon.verifyCredentials(accessToken).get("username").asText());

        TestHttp.Response replay = exchange(app, query.get("code"), VERIFIER);
        assertEquals(400, replay.status());
        assertEquals(401, http.get("/api/v1/accounts/verify_credentials", accessToken).status(),
                "a replayed code revokes the token it produced");
    }

    @Test
    void signedInBrowsersOnlyConfirmAndForceLoginAsksAgain() {
        App app = mastodon.registerApp("https://app.example/cb", "read");
        Page first = mastodon.authorizePage(authorizeQuery(app, "read", null, null), null);
        TestHttp.Response approved = mastodon.submit(first, Map.of("username", "alice@example.org", "password", alice.password(), "decision", "approve"));
        assertEquals(302, approved.status(), approved::toString);
        String cookies = MastodonFixtures.merge(first.cookies(), approved);
        assertTrue(cookies.contains("muse_session="));

        Page second = mastodon.authorizePage(authorizeQuery(app, "read", null, null), cookies);
        assertFalse(second.html().contains("name=\"password\""), "a signed-in person only confirms");
        assertTrue(second.html().contains("Signed in as <strong>@alice</strong>"));
        TestHttp.Response confirmed = mastodon.submit(second, Map.of("decision", "approve"));
        assertEquals(302, confirmed.status());
        assertTrue(MastodonFixtures.redirectQuery(confirmed).containsKey("code"));

        Page forced = mastodon.authorizePage(authorizeQuery(app, "read", null, null) + "&force_login=true", cookies);
        assertTrue(forced.html().contains("name=\"password\""));
    }

    @Test
    void outOfBandShowsTheCodeAndDenyRedirectsWithAccessDenied() {
        App oob = mastodon.registerApp("urn:ietf:wg:oauth:2.0:oob", "read");
        Page page = mastodon.authorizePage(authorizeQuery(oob, "read", null, null), null);
        TestHttp.Response shown = mastodon.submit(page, Map.of("username", "alice", "password", alice.password(), "decision", "approve"));
        assertEquals(200, shown.status());
        String code = shown.body().replaceAll("(?s).*<code class=\"secret\">([^<]+)</code>.*", "$1");
        assertEquals(43, code.length(), shown.body());
        TestHttp.Response token = http.postForm("/oauth/token", TestHttp.map("grant_type", "authorization_code", "code", code,
                "client_id", oob.clientId(), "client_secret", oob.clientSecret(), "redirect_uri", "urn:ietf:wg:oauth:2.0:oob"));
        assertEquals(200, token.status(), token::toString);

        App web = mastodon.registerApp("https://app.example/cb", "read");
        Page again = mastodon.authorizePage(authorizeQuery(web, "read", "s1", null), null);
        TestHttp.Response denied = mastodon.submit(again, Map.of("decision", "deny"));
        assertEquals(302, denied.status());
        assertEquals("access_denied", MastodonFixtures.redirectQuery(denied).get("error"));
        assertEquals("s1", MastodonFixtures.redirectQuery(denied).get("state"));
    }

    @Test
    void wrongCredentialsGetOneGenericAnswerAndBadRequestsNeverRedirectToStrangers() {
        App app = mastodon.registerApp("https://app.example/cb", "read");
        Page page = mastodon.authorizePage(authorizeQuery(app, "read", null, null), null);
        TestHttp.Response wrongPassword = mastodon.submit(page, Map.of("username", "alice", "password", "not her password", "decision", "approve"));
        TestHttp.Response unknownUser = mastodon.submit(page, Map.of("username", "nobody", "password", "not her password", "decision", "approve"));
        assertEquals(401, wrongPassword.status());
        assertEquals(401, unknownUser.status());
        assertTrue(wrongPassword.body().contains("Invalid e-mail address, username or password."));
        assertTrue(unknownUser.body().contains("Invalid e-mail address, username or password."));

        Page unregistered = mastodon.authorizePage("response_type=code&client_id=" + app.clientId()
                + "&redirect_uri=" + URLEncoder.encode("https://evil.example/steal", StandardCharsets.UTF_8), null);
        assertEquals(400, unregistered.status(), "an unregistered redirect URI gets an error page, not a redirect");

        Page badScope = mastodon.authorizePage(authorizeQuery(app, "write", "st", null), null);
        assertEquals(302, badScope.status());

        TestHttp.Response noCsrf = http.send(http.request("/oauth/authorize")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(TestHttp.form(Map.of("client_id", app.clientId(),
                        "redirect_uri", "https://app.example/cb", "response_type", "code", "username", "alice",
                        "password", alice.password(), "decision", "approve")))));
        assertEquals(403, noCsrf.status(), "a form post without the CSRF token is refused");
    }

    @Test
    void refreshRotatesTokensAndRevokeEndsThem() {
        App app = mastodon.registerApp("urn:ietf:wg:oauth:2.0:oob", "read write follow push");
        String appToken = mastodon.clientToken(app, "write:accounts");
        TestHttp.Response signUp = mastodon.signUpRequest(appToken, Map.of("username", "refresher",
                "email", "refresher@example.org", "password", "refreshing secret words", "agreement", "true"));
        assertEquals(200, signUp.status(), signUp::toString);
        String access = signUp.json().get("access_token").asText();
        String refresh = signUp.json().get("refresh_token").asText();

        TestHttp.Response refreshed = http.postForm("/oauth/token", TestHttp.map("grant_type", "refresh_token",
                "refresh_token", refresh, "client_id", app.clientId(), "client_secret", app.clientSecret()));
        assertEquals(200, refreshed.status(), refreshed::toString);
        String newAccess = refreshed.json().get("access_token").asText();
        assertNotEquals(access, newAccess);
        assertEquals(401, http.get("/api/v1/accounts/verify_credentials", access).status(), "the old token is revoked");
        assertEquals("invalid_grant", http.postForm("/oauth/token", TestHttp.map("grant_type", "refresh_token",
                "refresh_token", refresh, "client_id", app.clientId(), "client_secret", app.clientSecret())).json().get("error").asText());

        TestHttp.Response revoked = http.postForm("/oauth/revoke", TestHttp.map("token", newAccess,
                "client_id", app.clientId(), "client_secret", app.clientSecret()));
        assertEquals(200, revoked.status());
        assertEquals(401, http.get("/api/v1/accounts/verify_credentials", newAccess).status());
        assertEquals(200, http.postForm("/oauth/revoke", TestHttp.map("token", "unknown",
                "client_id", app.clientId(), "client_secret", app.clientSecret())).status(), "RFC 7009: unknown tokens are no error");
    }

    @Test
    void passwordGrantIsOffByDefault() {
        App app = mastodon.registerApp("urn:ietf:wg:oauth:2.0:oob", "read");
        TestHttp.Response r = http.postForm("/oauth/token", TestHttp.map("grant_type", "password", "username", "alice",
                "password", alice.password(), "client_id", app.clientId(), "client_secret", app.clientSecret()));
        assertEquals(400, r.status());
        assertEquals("unsupported_grant_type", r.json().get("error").asText());
        JsonNode metadata = http.get("/.well-known/oauth-authorization-server").json();
        assertFalse(texts(metadata.get("grant_types_supported")).contains("password"));
    }

    @Test
    void passwordGrantWorksWhenEnabled() {
        try (TestInstance other = TestInstance.start(Map.of("MUSE_OAUTH_PASSWORD_GRANT", "true"))) {
            MastodonFixtures fixtures = new MastodonFixtures(other.http());
            Person bob = fixtures.signUp("bob");
            App app = fixtures.registerApp("urn:ietf:wg:oauth:2.0:oob", "read write");
            TestHttp.Response r = other.http().postJson("/oauth/token", Map.of("grant_type", "password", "username", "bob@example.org",
                    "password", bob.password(), "client_id", app.clientId(), "client_secret", app.clientSecret(), "scope", "read"));
            assertEquals(200, r.status(), r::toString);
            assertEquals("bob", fixtures.verifyCredentials(r.json().get("access_token").asText()).get("username").asText());
            TestHttp.Response wrong = other.http().postJson("/oauth/token", Map.of("grant_type", "password", "username", "bob",
                    "password", "wrong password!", "client_id", app.clientId(), "client_secret", app.clientSecret()));
            assertEquals("invalid_grant", wrong.json().get("error").asText());
            assertTrue(texts(other.http().get("/.well-known/oauth-authorization-server").json().get("grant_types_supported")).contains("password"));
        }
    }

    @Test
    void scopesAreEnforced() {
        App app = mastodon.registerApp("https://app.example/cb", "read write profile");
        String readOnly = codeToken(app, "read");
        assertEquals(200, http.get("/api/v1/accounts/verify_credentials", readOnly).status());
        TestHttp.Response write = http.send(http.request("/api/v1/accounts/update_credentials")
                .header("Authorization", "Bearer " + readOnly)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"display_name\":\"A\"}")));
        assertEquals(403, write.status());
        assertEquals("This action is outside the authorized scopes", write.json().get("error").asText());

        String profileOnly = codeToken(app, "profile");
        assertEquals(200, http.get("/api/v1/accounts/verify_credentials", profileOnly).status(), "profile allows verify_credentials");

        String appOnly = mastodon.clientToken(app, "read");
        TestHttp.Response noUser = http.get("/api/v1/accounts/verify_credentials", appOnly);
        assertEquals(422, noUser.status());
        assertEquals("This method requires an authenticated user", noUser.json().get("error").asText());
    }

    @Test
    void signInAttemptsAreRateLimitedPerAccount() {
        mastodon.signUp("carol");
        App app = mastodon.registerApp("https://app.example/cb", "read");
        Page page = mastodon.authorizePage(authorizeQuery(app, "read", null, null), null);
        int status = 0;
        for (int attempt = 1; attempt <= 11; attempt++) {
            status = mastodon.submit(page, Map.of("username", "carol", "password", "guess " + attempt, "decision", "approve")).status();
            if (attempt <= 10) {
                assertEquals(401, status, "attempt " + attempt);
            }
        }
        assertEquals(429, status);
    }

    @Test
    void metadataDescribesTheEndpoints() {
        JsonNode doc = http.get("/.well-known/oauth-authorization-server").json();
        assertEquals(instance.baseUrl() + "/oauth/token", doc.get("token_endpoint").asText());
        assertEquals(instance.baseUrl() + "/oauth/authorize", doc.get("authorization_endpoint").asText());
        assertEquals(List.of("S256"), texts(doc.get("code_challenge_methods_supported")));
        assertTrue(texts(doc.get("scopes_supported")).containsAll(List.of("read", "write", "follow", "push", "read:accounts")));
    }

    private static String codeToken(App app, String scope) {
        Page page = mastodon.authorizePage(authorizeQuery(app, scope, null, CHALLENGE), null);
        TestHttp.Response approved = mastodon.submit(page, Map.of("username", "alice", "password", alice.password(), "decision", "approve"));
        assertEquals(302, approved.status(), approved::toString);
        TestHttp.Response token = exchange(app, MastodonFixtures.redirectQuery(approved).get("code"), VERIFIER);
        assertEquals(200, token.status(), token::toString);
        return token.json().get("access_token").asText();
    }

    private static TestHttp.Response exchange(App app, String code, String verifier) {
        return http.postJson("/oauth/token", Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", app.redirectUri(), "client_id", app.clientId(), "client_secret", app.clientSecret(),
                "code_verifier", verifier));
    }

    static String authorizeQuery(App app, String scope, String state, String challenge) {
        StringBuilder q = new StringBuilder("response_type=code&client_id=").append(enc(app.clientId()))
                .append("&redirect_uri=").append(enc(app.redirectUri())).append("&scope=").append(enc(scope));
        if (state != null) {
            q.append("&state=").append(enc(state));
        }
        if (challenge != null) {
            q.append("&code_challenge=").append(challenge).append("&code_challenge_method=S256");
        }
        return q.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
