package social.muse.server.http.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.muse.server.testing.Browser;
import social.muse.server.testing.FakeSmtpServer;
import social.muse.server.testing.TestAccounts;
import social.muse.server.testing.TestHttp;
import social.muse.server.testing.TestInstance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static social.muse.server.testing.TestHttp.map;

/** Sign-up with SMTP configured: the address must be confirmed through the mailed link before the account works. */
class EmailConfirmationIT {
    private static final String PASSWORD = "correct horse battery";
    private static FakeSmtpServer smtp;
    private static TestInstance instance;
    private static TestAccounts.App app;

    @BeforeAll
    static void start() {
        smtp = FakeSmtpServer.start("muse-mailer", "smtp-secret");
        instance = TestInstance.start(smtp.env());
        app = TestAccounts.registerApp(instance.http());
    }

    @AfterAll
    static void stop() {
        instance.close();
        smtp.close();
    }

    @Test
    void signUpMailsALinkThatConfirmsTheAddressOnce() {
        TestHttp http = instance.http();
        String token = TestAccounts.signUp(http, app, "carol", "carol@example.org", PASSWORD);

        FakeSmtpServer.ReceivedMail mail = smtp.awaitMessagesTo("carol@example.org", 1, Duration.ofSeconds(10)).getFirst();
        assertEquals("muse-mailer", mail.authenticatedUser());
        assertTrue(mail.subject().startsWith("Confirm your e-mail address"), mail.subject());
        String link = mail.link(instance.baseUrl() + "/auth/confirmation?token=");

        TestHttp.Response refused = http.get("/api/v1/accounts/verify_credentials", token);
        assertEquals(403, refused.status());
        assertEquals("Your login is missing a confirmed e-mail address", refused.json().get("error").asText());

        Browser browser = new Browser(http);
        TestHttp.Response page = browser.get(link);
        assertEquals(200, page.status());
        assertTrue(page.body().contains("Confirm my address"), page.body());
        // Opening the link (as a mail scanner does) changes nothing.
        assertEquals(403, http.get("/api/v1/accounts/verify_credentials", token).status());

        TestHttp.Response confirmed = browser.post("/auth/confirmation", Browser.hiddenFields(page.body()));
        assertEquals(200, confirmed.status());
        assertTrue(confirmed.body().contains("Your e-mail address is confirmed; you can now sign in."), confirmed.body());

        TestHttp.Response me = http.get("/api/v1/accounts/verify_credentials", token);
        assertEquals(200, me.status(), me.body());
        assertEquals("carol", me.json().get("username").asText());

        assertEquals(404, browser.get(link).status());
        assertEquals(404, browser.post("/auth/confirmation", Browser.hiddenFields(page.body())).status());
    }

    @Test
    void confirmingWithoutTheCsrfCookieOrFieldIsRefused() {
        TestHttp http = instance.http();
        String token = TestAccounts.signUp(http, app, "dave", "dave@example.org", PASSWORD);
        String link = smtp.awaitLink("dave@example.org", 1, instance.baseUrl() + "/auth/confirmation?token=");
        Browser browser = new Browser(http);
        Map<String, String> fields = Browser.hiddenFields(browser.get(link).body());

        Map<String, String> withoutField = new HashMap<>(fields);
        withoutField.remove(Csrf.FIELD);
        assertEquals(403, browser.post("/auth/confirmation", withoutField).status());
        // The right field without the cookie: a cross-site post cannot send our SameSite=Strict cookie.
        assertEquals(403, http.postForm("/auth/confirmation", fields).status());
        Map<String, String> forged = new HashMap<>(fields);
        forged.put(Csrf.FIELD, "x".repeat(43));
        assertEquals(403, browser.post("/auth/confirmation", forged).status());

        assertEquals(403, http.get("/api/v1/accounts/verify_credentials", token).status());
        assertEquals(200, browser.post("/auth/confirmation", fields).status());
        assertEquals(200, http.get("/api/v1/accounts/verify_credentials", token).status());
    }

    @Test
    void unknownLinksShowAClearError() {
        TestHttp.Response page = instance.http().get("/auth/confirmation?token=not-a-real-token");
        assertEquals(404, page.status());
        assertTrue(page.body().contains("This confirmation link does not work"), page.body());
        assertEquals(404, instance.http().get("/auth/confirmation").status());
    }

    @Test
    void theApiResendsTheConfirmationMailAndRetiresTheOldLink() {
        TestHttp http = instance.http();
        String token = TestAccounts.signUp(http, app, "erin", "erin@example.org", PASSWORD);
        String first = smtp.awaitLink("erin@example.org", 1, instance.baseUrl() + "/auth/confirmation?token=");

        TestHttp.Response resent = http.postJson("/api/v1/emails/confirmations", Map.of(), token);
        assertEquals(200, resent.status(), resent.body());
        assertEquals("{}", resent.body());
        String second = smtp.awaitLink("erin@example.org", 2, instance.baseUrl() + "/auth/confirmation?token=");

        assertEquals(404, http.get(first).status());
        Browser browser = new Browser(http);
        assertEquals(200, browser.submit(second, "/auth/confirmation", Map.of()).status());

        TestHttp.Response again = http.postJson("/api/v1/emails/confirmations", Map.of(), token);
        assertEquals(403, again.status());
        assertEquals("This method is only available while the e-mail is awaiting confirmation", again.json().get("error").asText());
    }

    @Test
    void resendingNeedsAPersonsTokenAndIsRateLimited() {
        TestHttp http = instance.http();
        assertEquals(401, http.postJson("/api/v1/emails/confirmations", Map.of()).status());
        TestHttp.Response appToken = http.postForm("/oauth/token", map("grant_type", "client_credentials",
                "client_id", app.clientId(), "client_secret", app.clientSecret(), "scope", "write"));
        assertEquals(422, http.postJson("/api/v1/emails/confirmations", Map.of(),
                appToken.json().get("access_token").asText()).status());

        String token = TestAccounts.signUp(http, app, "frank", "frank@example.org", PASSWORD);
        for (int i = 0; i < 5; i++) {
            assertEquals(200, http.postJson("/api/v1/emails/confirmations", Map.of(), token).status());
        }
        TestHttp.Response limited = http.postJson("/api/v1/emails/confirmations", Map.of(), token);
        assertEquals(429, limited.status());
        assertFalse(limited.json().get("error").asText().isEmpty());
    }

    @Test
    void anUnreachableSmtpServerDoesNotBreakSignUp() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> env = new HashMap<>(smtp.env());
        env.put("MUSE_SMTP_PORT", Integer.toString(closedPort));
        try (TestInstance broken = TestInstance.start(env)) {
            TestHttp http = broken.http();
            String token = TestAccounts.signUp(http, TestAccounts.registerApp(http), "grace", "grace@example.org", PASSWORD);
            TestHttp.Response me = http.get("/api/v1/accounts/verify_credentials", token);
            assertEquals(403, me.status());
            assertEquals("Your login is missing a confirmed e-mail address", me.json().get("error").asText());
        }
    }

    @Test
    void withoutSmtpAccountsWorkAtOnce() {
        try (TestInstance plain = TestInstance.start()) {
            TestHttp http = plain.http();
            String token = TestAccounts.signUp(http, TestAccounts.registerApp(http), "heidi", "heidi@example.org", PASSWORD);
            TestHttp.Response me = http.get("/api/v1/accounts/verify_credentials", token);
            assertEquals(200, me.status(), me.body());
            assertEquals(403, http.postJson("/api/v1/emails/confirmations", Map.of(), token).status());
        }
    }
}
