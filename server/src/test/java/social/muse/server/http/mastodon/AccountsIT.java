package social.muse.server.http.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.muse.server.testing.MastodonFixtures;
import social.muse.server.testing.MastodonSchemas;
import social.muse.server.testing.MastodonFixtures.App;
import social.muse.server.testing.MastodonFixtures.Person;
import social.muse.server.testing.TestHttp;
import social.muse.server.testing.TestInstance;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sign-up, the caller's own account and profile, and looking accounts up, through the Mastodon API. */
class AccountsIT {
    private static TestInstance instance;
    private static TestHttp http;
    private static MastodonFixtures mastodon;

    @BeforeAll
    static void start() {
        instance = TestInstance.start();
        http = instance.http();
        mastodon = new MastodonFixtures(http);
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    @Test
    void signUpReturnsATokenForTheNewPersonWithJsonOrFormBodies() {
        App app = mastodon.registerApp("urn:ietf:wg:oauth:2.0:oob", "read write follow push");
        String appToken = mastodon.clientToken(app, "read write follow push");
        TestHttp.Response json = http.send(http.request("/api/v1/accounts")
                .header("Authorization", "Bearer " + appToken)
                .header("X-Forwarded-For", MastodonFixtures.nextAddress())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TestHttp.toJson(Map.of("username", "Dora_B", "email", "dora@example.org",
                        "password", "songs of the sea", "agreement", true, "locale", "pt-BR")))));
        assertEquals(200, json.status(), json::toString);
        assertEquals("Bearer", json.json().get("token_type").asText());
        assertEquals("follow push read write", json.json().get("scope").asText());
        MastodonSchemas.assertFullyValid("Token", json.json());
        JsonNode me = mastodon.verifyCredentials(json.json().get("access_token").asText());
        MastodonSchemas.assertFullyValid("CredentialAccount", me);
        assertEquals("Dora_B", me.get("username").asText());
        assertEquals("Dora_B", me.get("acct").asText());
        assertEquals(instance.baseUrl() + "/@Dora_B", me.get("url").asText());
        assertEquals(instance.baseUrl() + "/static/avatar-missing.png", me.get("avatar").asText());
        assertEquals(instance.baseUrl() + "/static/header-missing.png", me.get("header_static").asText());
        assertTrue(me.get("id").asText().matches("[1-9][0-9]{15,19}"), "a decimal 64-bit id");
        assertTrue(me.get("created_at").asText().endsWith("T00:00:00.000Z"), "only the day is shown");
        assertEquals("public", me.at("/source/privacy").asText());
        assertEquals("", me.at("/role/name").asText());

        JsonNode viaForm = mastodon.verifyCredentials(mastodon.signUp("ernst").accessToken());
        assertEquals("ernst", viaForm.get("username").asText());
        assertTrue(Long.parseLong(viaForm.get("id").asText()) > Long.parseLong(me.get("id").asText()), "ids grow with time");
    }

    @Test
    void signUpRulesAnswerWithMastodonValidationDetails() {
        mastodon.signUp("frida");
        String appToken = mastodon.clientToken(mastodon.registerApp("urn:ietf:wg:oauth:2.0:oob", "write"), "write");
        TestHttp.Response taken = mastodon.signUpRequest(appToken, Map.of("username", "FRIDA", "email", "FRIDA@example.org",
                "password", "perfectly strong words", "agreement", "true"));
        assertEquals(422, taken.status());
        MastodonSchemas.assertFullyValid("Error", taken.json());
        assertEquals("ERR_TAKEN", taken.json().at("/details/username/0/error").asText());
        assertEquals("ERR_TAKEN", taken.json().at("/details/email/0/error").asText());

        TestHttp.Response reserved = mastodon.signUpRequest(appToken, Map.of("username", "admin", "email", "a@example.org",
                "password", "password123", "agreement", "true"));
        assertEquals("ERR_RESERVED", reserved.json().at("/details/username/0/error").asText());
        assertEquals("ERR_INVALID", reserved.json().at("/details/password/0/error").asText(), "a common password is refused");

        TestHttp.Response weak = mastodon.signUpRequest(appToken, Map.of("username", "gustav", "email", "g@example.org",
                "password", "gustav-rocks", "agreement", "false"));
        assertEquals("ERR_INVALID", weak.json().at("/details/password/0/error").asText(), "a password with the username is refused");
        assertEquals("ERR_ACCEPTED", weak.json().at("/details/agreement/0/error").asText());

        TestHttp.Response withUserToken = mastodon.signUpRequest(mastodon.signUp("hanna").accessToken(), Map.of("username", "x1",
                "email", "x1@example.org", "password", "perfectly strong words", "agreement", "true"));
        assertEquals(403, withUserToken.status(), "sign-up needs an app token");
        assertEquals(401, mastodon.signUpRequest("nonsense", Map.of()).status());
    }

    @Test
    void signUpsAreRateLimitedPerAddress() {
        String appToken = mastodon.clientToken(mastodon.registerApp("urn:ietf:wg:oauth:2.0:oob", "write"), "write");
        int last = 0;
        for (int i = 1; i <= 6; i++) {
            last = http.send(http.request("/api/v1/accounts")
                    .header("Authorization", "Bearer " + appToken)
                    .header("X-Forwarded-For", "203.0.113.77")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(TestHttp.form(Map.of("username", "flood" + i,
                            "email", "flood" + i + "@example.org", "password", "perfectly strong words", "agreement", "true")))))
                    .status();
            if (i <= 5) {
                assertEquals(200, last, "sign-up " + i);
            }
        }
        assertEquals(429, last);
    }

    @Test
    void closedAndApprovalModes() {
        try (TestInstance closed = TestInstance.start(Map.of("MUSE_REGISTRATIONS", "closed"))) {
            MastodonFixtures fixtures = new MastodonFixtures(closed.http());
            String appToken = fixtures.clientToken(fixtures.registerApp("urn:ietf:wg:oauth:2.0:oob", "read write"), "read write");
            Map<String, String> form = Map.of("username", "ivan", "email", "ivan@example.org",
                    "password", "perfectly strong words", "agreement", "true");
            TestHttp.Response refused = fixtures.signUpRequest(appToken, form);
            assertEquals(403, refused.status());
            assertEquals("Registrations are closed on this instance", refused.json().get("error").asText());

            closed.app().database().jdbi().useHandle(h -> h.execute("INSERT INTO invites (code, max_uses) VALUES ('welcome-1', 1)"));
            Map<String, String> invited = new java.util.HashMap<>(form);
            invited.put("invite_code", "welcome-1");
            TestHttp.Response ok = fixtures.signUpRequest(appToken, invited);
            assertEquals(200, ok.status(), ok::toString);
            assertEquals(200, closed.http().get("/api/v1/accounts/verify_credentials", ok.json().get("access_token").asText()).status());

            invited.put("username", "ivan2");
            invited.put("email", "ivan2@example.org");
            TestHttp.Response usedUp = fixtures.signUpRequest(appToken, invited);
            assertEquals(422, usedUp.status());
            assertEquals("ERR_INVALID", usedUp.json().at("/details/invite_code/0/error").asText());
        }
        try (TestInstance approval = TestInstance.start(Map.of("MUSE_REGISTRATIONS", "approval"))) {
            MastodonFixtures fixtures = new MastodonFixtures(approval.http());
            String appToken = fixtures.clientToken(fixtures.registerApp("urn:ietf:wg:oauth:2.0:oob", "read write"), "read write");
            TestHttp.Response pending = fixtures.signUpRequest(appToken, Map.of("username", "jana", "email", "jana@example.org",
                    "password", "perfectly strong words", "agreement", "true", "reason", "I love jazz"));
            assertEquals(200, pending.status(), pending::toString);
            TestHttp.Response me = approval.http().get("/api/v1/accounts/verify_credentials", pending.json().get("access_token").asText());
            assertEquals(403, me.status());
            assertEquals("Your login is currently pending approval", me.json().get("error").asText());
        }
    }

    @Test
    void updateCredentialsChangesTheProfileFromJsonAndForms() {
        Person kim = mastodon.signUp("kim");
        TestHttp.Response json = patch(kim.accessToken(), "application/json", TestHttp.toJson(Map.of(
                "display_name", "Kim <3 Björk",
                "note", "Vinyl collector.\n\nSee https://kim.example/records for my shelf & more",
                "locked", true, "bot", false, "discoverable", false, "indexable", true,
                "fields_attributes", java.util.List.of(Map.of("name", "Top album", "value", "Homogenic"),
                        Map.of("name", "Site", "value", "https://kim.example")),
                "source", Map.of("privacy", "unlisted", "language", "de"))));
        assertEquals(200, json.status(), json::toString);
        JsonNode me = json.json();
        assertEquals("Kim <3 Björk", me.get("display_name").asText());
        assertEquals("<p>Vinyl collector.</p><p>See <a href=\"https://kim.example/records\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">"
                + "https://kim.example/records</a> for my shelf &amp; more</p>", me.get("note").asText());
        assertEquals("Vinyl collector.\n\nSee https://kim.example/records for my shelf & more", me.at("/source/note").asText());
        assertTrue(me.get("locked").asBoolean());
        assertEquals(false, me.get("discoverable").asBoolean());
        assertTrue(me.get("indexable").asBoolean());
        assertEquals("Top album", me.at("/fields/0/name").asText());
        assertTrue(me.at("/fields/1/value").asText().startsWith("<a href=\"https://kim.example\""));
        assertEquals("https://kim.example", me.at("/source/fields/1/value").asText());
        assertEquals("unlisted", me.at("/source/privacy").asText());
        assertEquals("de", me.at("/source/language").asText());
        MastodonSchemas.assertFullyValid("CredentialAccount", me);

        TestHttp.Response form = patch(kim.accessToken(), "application/x-www-form-urlencoded",
                "fields_attributes%5B0%5D%5Bname%5D=Genre&fields_attributes%5B0%5D%5Bvalue%5D=Trip+hop&locked=false&bot=1");
        assertEquals(200, form.status(), form::toString);
        assertEquals(1, form.json().get("fields").size());
        assertEquals("Trip hop", form.json().at("/fields/0/value").asText());
        assertEquals(false, form.json().get("locked").asBoolean());
        assertTrue(form.json().get("bot").asBoolean());
        assertEquals("Kim <3 Björk", form.json().get("display_name").asText(), "fields not sent stay as they were");

        TestHttp.Response tooLong = patch(kim.accessToken(), "application/json", TestHttp.toJson(Map.of("display_name", "x".repeat(31))));
        assertEquals(422, tooLong.status());
        assertEquals("ERR_TOO_LONG", tooLong.json().at("/details/display_name/0/error").asText());
    }

    @Test
    void avatarAndHeaderUploadsAreCheckedStoredAndServed() throws IOException {
        Person lea = mastodon.signUp("lea");
        byte[] png = png(64, 64);
        TestHttp.Response uploaded = multipart(lea.accessToken(), "avatar", "me.png", "image/png", png);
        assertEquals(200, uploaded.status(), uploaded::toString);
        String avatar = uploaded.json().get("avatar").asText();
        assertTrue(avatar.startsWith(instance.baseUrl() + "/media/avatars/") && avatar.endsWith(".png"), avatar);
        TestHttp.Response served = http.send(http.request(avatar).GET());
        assertEquals(200, served.status());
        assertEquals("image/png", served.header("Content-Type").orElse(""));

        TestHttp.Response notAnImage = multipart(lea.accessToken(), "header", "evil.png", "image/png",
                "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
        assertEquals(422, notAnImage.status());
        assertEquals("ERR_INVALID", notAnImage.json().at("/details/header/0/error").asText());

        TestHttp.Response huge = multipart(lea.accessToken(), "header", "big.png", "image/png", new byte[3 * 1024 * 1024]);
        assertEquals(413, huge.status(), "larger than the configured limit");

        TestHttp.Response replaced = multipart(lea.accessToken(), "avatar", "new.png", "image/png", png(32, 32));
        assertNotEquals(avatar, replaced.json().get("avatar").asText());
        assertEquals(404, http.send(http.request(avatar).GET()).status(), "the replaced file is gone");
        assertEquals(404, http.get("/media/..%2F..%2Fetc%2Fpasswd.png").status());
    }

    @Test
    void accountsCanBeReadAndLookedUp() {
        Person mia = mastodon.signUp("mia");
        String id = mastodon.verifyCredentials(mia.accessToken()).get("id").asText();
        TestHttp.Response shown = http.get("/api/v1/accounts/" + id);
        assertEquals(200, shown.status());
        assertEquals("mia", shown.json().get("username").asText());
        assertTrue(!shown.json().has("source"), "other people's accounts carry no source");
        MastodonSchemas.assertFullyValid("Account", shown.json());

        assertEquals(id, http.get("/api/v1/accounts/lookup?acct=mia").json().get("id").asText());
        assertEquals(id, http.get("/api/v1/accounts/lookup?acct=%40MIA").json().get("id").asText());
        assertEquals(id, http.get("/api/v1/accounts/lookup?acct=mia%40" + instance.app().config().domain()).json().get("id").asText());

        TestHttp.Response missing = http.get("/api/v1/accounts/lookup?acct=nobody");
        assertEquals(404, missing.status());
        assertEquals("Record not found", missing.json().get("error").asText());
        assertEquals(404, http.get("/api/v1/accounts/notanumber").status());
        assertEquals(404, http.get("/api/v1/accounts/1").status());
    }

    @Test
    void accountsSurviveARestart() {
        try (TestInstance own = TestInstance.start()) {
            MastodonFixtures fixtures = new MastodonFixtures(own.http());
            Person nils = fixtures.signUp("nils");
            try (TestInstance restarted = own.restart()) {
                assertEquals("nils", new MastodonFixtures(restarted.http()).verifyCredentials(nils.accessToken()).get("username").asText());
            }
        }
    }

    private static TestHttp.Response patch(String token, String contentType, String body) {
        return http.send(http.request("/api/v1/accounts/update_credentials")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    private static TestHttp.Response multipart(String token, String field, String fileName, String type, byte[] content) {
        return http.multipart("PATCH", "/api/v1/accounts/update_credentials", Map.of("display_name", "Lea"),
                new TestHttp.FilePart(field, fileName, type, content), token);
    }

    private static byte[] png(int width, int height) {
        return TestHttp.png(width, height);
    }
}
