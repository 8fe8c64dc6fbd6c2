package social.muse.server.http.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.muse.server.testing.Browser;
import social.muse.server.testing.FakeSmtpServer;
import social.muse.server.testing.TestAccounts;
import social.muse.server.testing.TestHttp;
import social.muse.server.testing.TestInstance;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static social.muse.server.testing.TestHttp.map;

class PasswordResetIT {
    private static final String OLD_PASSWORD = "correct horse battery";
    private static final String NEW_PASSWORD = "purple monkey dishwasher";
    private static FakeSmtpServer smtp;
    private static TestInstance instance;
    private static TestAccounts.App app;

    @BeforeAll
    static void start() {
        smtp = FakeSmtpServer.start();
        Map<String, String> env = new HashMap<>(smtp.env());
        env.put("MUSE_OAUTH_PASSWORD_GRANT", "true");
        instance = TestInstance.start(env);
        app = TestAccounts.registerApp(instance.http());
    }

    @AfterAll
    static void stop() {
        instance.close();
        smtp.close();
    }

    /** Signs up and confirms through the mailed link, so the account is fully usable. */
    private static String confirmedMember(String username, String email) {
        String token = TestAccounts.signUp(instance.http(), app, username, email, OLD_PASSWORD);
        String link = smtp.awaitLink(email, 1, instance.baseUrl() + "/auth/confirmation?token=");
        assertEquals(200, new Browser(instance.http()).submit(link, "/auth/confirmation", Map.of()).status());
        assertEquals(200, instance.http().get("/api/v1/accounts/verify_credentials", token).status());
        return token;
    }

    /** Asks for a reset link from the browser of a client at {@code clientAddress}. */
    private static TestHttp.Response requestReset(Browser browser, String clientAddress, String email) {
        TestHttp http = instance.http();
        String page = browser.get("/auth/password/new").body();
        Map<String, String> form = new HashMap<>(Browser.hiddenFields(page));
        form.put("email", email);
        return http.send(http.request("/auth/password/new")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", Csrf.COOKIE + "=" + browser.cookie(Csrf.COOKIE).orElseThrow())
                .header("X-Forwarded-For", clientAddress)
                .POST(HttpRequest.BodyPublishers.ofString(TestHttp.form(form))));
    }

    @Test
    void aResetLinkSetsANewPasswordAndSignsOutEverywhere() {
        String oldToken = confirmedMember("ivan", "ivan@example.org");
        Browser browser = new Browser(instance.http());

        TestHttp.Response known = requestReset(browser, "203.0.113.10", "IVAN@example.org");
        TestHttp.Response unknown = requestReset(browser, "203.0.113.10", "nobody@example.org");
        assertEquals(200, known.status());
        assertEquals(known.status(), unknown.status());
        assertEquals(known.body(), unknown.body());
        assertTrue(known.body().contains("If an account uses that address, we sent a link"), known.body());

        FakeSmtpServer.ReceivedMail mail = smtp.awaitMessagesTo("ivan@example.org", 2, Duration.ofSeconds(10)).get(1);
        assertTrue(mail.subject().startsWith("Reset your password"), mail.subject());
        String link = mail.link(instance.baseUrl() + "/auth/password/edit?token=");

        TestHttp.Response form = browser.get(link);
        assertEquals(200, form.status());
        Map<String, String> fields = new HashMap<>(Browser.hiddenFields(form.body()));

        fields.putAll(map("password", NEW_PASSWORD, "password_confirmation", NEW_PASSWORD + "x"));
        TestHttp.Response mismatch = browser.post("/auth/password/edit", fields);
        assertEquals(422, mismatch.status());
        assertTrue(mismatch.body().contains("The two passwords differ."), mismatch.body());
        fields.putAll(map("password", "short", "password_confirmation", "short"));
        TestHttp.Response weak = browser.post("/auth/password/edit", fields);
        assertEquals(422, weak.status());
        assertTrue(weak.body().contains("too short"), weak.body());

        fields.putAll(map("password", NEW_PASSWORD, "password_confirmation", NEW_PASSWORD));
        TestHttp.Response changed = browser.post("/auth/password/edit", fields);
        assertEquals(200, changed.status(), changed.body());
        assertTrue(changed.body().contains("Password changed; sign in again."), changed.body());

        assertEquals(401, instance.http().get("/api/v1/accounts/verify_credentials", oldToken).status());
        TestHttp.Response oldPassword = TestAccounts.passwordGrant(instance.http(), app, "ivan", OLD_PASSWORD);
        assertEquals(400, oldPassword.status());
        assertEquals("invalid_grant", oldPassword.json().get("error").asText());
        TestHttp.Response newPassword = TestAccounts.passwordGrant(instance.http(), app, "ivan@example.org", NEW_PASSWORD);
        assertEquals(200, newPassword.status(), newPassword.body());
        assertEquals(200, instance.http().get("/api/v1/accounts/verify_credentials",
                newPassword.json().get("access_token").asText()).status());

        assertEquals(404, browser.get(link).status());
        assertEquals(404, browser.post("/auth/password/edit", fields).status());
        assertEquals(List.of(), smtp.messagesTo("nobody@example.org"));
    }

    @Test
    void aNewLinkRetiresTheEarlierOne() {
        confirmedMember("judy", "judy@example.org");
        Browser browser = new Browser(instance.http());
        requestReset(browser, "203.0.113.20", "judy@example.org");
        String first = smtp.awaitLink("judy@example.org", 2, instance.baseUrl() + "/auth/password/edit?token=");
        requestReset(browser, "203.0.113.20", "judy@example.org");
        String second = smtp.awaitLink("judy@example.org", 3, instance.baseUrl() + "/auth/password/edit?token=");

        TestHttp.Response dead = browser.get(first);
        assertEquals(404, dead.status());
        assertTrue(dead.body().contains("This password reset link does not work"), dead.body());
        assertEquals(200, browser.get(second).status());
    }

    @Test
    void theSixthRequestFromOneAddressIsRefused() {
        Browser browser = new Browser(instance.http());
        for (int i = 0; i < 5; i++) {
            assertEquals(200, requestReset(browser, "198.51.100.7", "someone" + i + "@example.org").status());
        }
        TestHttp.Response limited = requestReset(browser, "198.51.100.7", "someone5@example.org");
        assertEquals(429, limited.status());
        assertTrue(limited.body().contains("Too many requests"), limited.body());
        assertEquals(200, requestReset(browser, "198.51.100.8", "someone6@example.org").status());
    }

    @Test
    void aRequestWithoutTheCsrfTokenIsRefused() {
        TestHttp.Response refused = instance.http().postForm("/auth/password/new", map("email", "ivan@example.org"));
        assertEquals(403, refused.status());
        assertTrue(refused.body().contains("The form has expired"), refused.body());
    }
}
