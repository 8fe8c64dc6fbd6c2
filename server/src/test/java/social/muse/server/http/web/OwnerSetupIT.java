package social.muse.server.http.web;

import org.junit.jupiter.api.Test;
import social.muse.server.testing.Browser;
import social.muse.server.testing.TestAccounts;
import social.muse.server.testing.TestHttp;
import social.muse.server.testing.TestInstance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static social.muse.server.testing.TestHttp.map;

class OwnerSetupIT {
    private static final String PASSWORD = "correct horse battery";

    private static Map<String, String> owner(String username, String email) {
        return map("username", username, "email", email, "password", PASSWORD, "password_confirmation", PASSWORD);
    }

    @Test
    void theSetupLinkCreatesASignedInOwnerOnceAndDisappearsAfterRestart() {
        TestInstance instance = TestInstance.start(Map.of("MUSE_OAUTH_PASSWORD_GRANT", "true", "MUSE_REGISTRATIONS", "closed"));
        try {
            String link = instance.app().ownerSetupUrl().orElseThrow();
            assertTrue(link.startsWith(instance.baseUrl() + "/auth/setup?token="), link);
            Browser browser = new Browser(instance.http());

            TestHttp.Response form = browser.get(link);
            assertEquals(200, form.status());
            assertTrue(form.body().contains("Create the owner account"), form.body());
            Map<String, String> fields = new HashMap<>(Browser.hiddenFields(form.body()));

            fields.putAll(owner("admin", "not-an-address"));
            TestHttp.Response invalid = browser.post("/auth/setup", fields);
            assertEquals(422, invalid.status());
            assertTrue(invalid.body().contains("Email is invalid"), invalid.body());
            assertTrue(invalid.body().contains("value=\"admin\""), "the form keeps what was typed");

            fields.putAll(owner("admin", "owner@example.org"));
            TestHttp.Response created = browser.post("/auth/setup", fields);
            assertEquals(200, created.status(), created.body());
            assertTrue(created.body().contains("The owner account exists"), created.body());
            assertTrue(browser.cookie(WebSessions.COOKIE).isPresent(), "the owner is signed in");

            TestAccounts.App app = TestAccounts.registerApp(instance.http());
            TestHttp.Response token = TestAccounts.passwordGrant(instance.http(), app, "admin", PASSWORD);
            assertEquals(200, token.status(), token.body());
            TestHttp.Response me = instance.http().get("/api/v1/accounts/verify_credentials",
                    token.json().get("access_token").asText());
            assertEquals(200, me.status(), me.body());
            assertEquals("Owner", me.json().get("role").get("name").asText());

            fields.putAll(owner("second", "second@example.org"));
            TestHttp.Response reused = browser.post("/auth/setup", fields);
            assertEquals(410, reused.status());
            TestHttp.Response page = browser.get(link);
            assertEquals(410, page.status());
            assertTrue(page.body().contains("This instance already has an owner"), page.body());

            instance = instance.restart();
            assertTrue(instance.app().ownerSetupUrl().isEmpty());
        } finally {
            instance.close();
        }
    }

    @Test
    void eachStartWithoutAnOwnerRetiresTheEarlierLink() {
        TestInstance instance = TestInstance.start();
        try {
            String first = instance.app().ownerSetupUrl().orElseThrow();
            instance = instance.restart();
            String second = instance.app().ownerSetupUrl().orElseThrow();

            TestHttp.Response dead = instance.http().get(first);
            assertEquals(404, dead.status());
            assertTrue(dead.body().contains("This setup link does not work"), dead.body());
            assertEquals(200, instance.http().get(second).status());
            assertEquals(404, instance.http().get("/auth/setup?token=guess").status());
        } finally {
            instance.close();
        }
    }

    @Test
    void twoConcurrentSubmissionsCreateOneOwner() throws Exception {
        try (TestInstance instance = TestInstance.start();
             var pool = Executors.newFixedThreadPool(4)) {
            String link = instance.app().ownerSetupUrl().orElseThrow();
            Browser browser = new Browser(instance.http());
            Map<String, String> hidden = Browser.hiddenFields(browser.get(link).body());
            List<CompletableFuture<TestHttp.Response>> attempts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Map<String, String> fields = new HashMap<>(hidden);
                fields.putAll(owner("owner" + i, "owner" + i + "@example.org"));
                attempts.add(CompletableFuture.supplyAsync(() -> browser.post("/auth/setup", fields), pool));
            }
            List<Integer> statuses = attempts.stream().map(CompletableFuture::join).map(TestHttp.Response::status).sorted().toList();
            assertEquals(200, statuses.getFirst(), statuses.toString());
            assertTrue(statuses.subList(1, 4).stream().allMatch(s -> s == 404 || s == 410), statuses.toString());
        }
    }

    @Test
    void postingWithoutTheCsrfTokenIsRefused() {
        try (TestInstance instance = TestInstance.start()) {
            String link = instance.app().ownerSetupUrl().orElseThrow();
            Map<String, String> fields = new HashMap<>(owner("owner", "owner@example.org"));
            fields.put("token", link.substring(link.indexOf("token=") + 6));
            assertEquals(403, instance.http().postForm("/auth/setup", fields).status());
            assertEquals(200, instance.http().get(link).status(), "the refused post did not use the link");
        }
    }
}
