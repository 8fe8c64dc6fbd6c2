package social.muse.server.federation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.muse.server.testing.MastodonFixtures;
import social.muse.server.testing.MastodonFixtures.Person;
import social.muse.server.testing.MastodonSchemas;
import social.muse.server.testing.TestHttp;
import social.muse.server.testing.TestInstance;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static social.muse.server.federation.FederationFixtures.await;
import static social.muse.server.federation.FederationFixtures.count;

/** Images attached to posts: uploaded, described, posted, served, and carried to another server. */
class MediaAttachmentsIT {
    private static TestInstance a;
    private static TestInstance b;
    private static Person alice;
    private static Person bob;

    @BeforeAll
    static void start() {
        a = TestInstance.start();
        b = TestInstance.start();
        alice = new MastodonFixtures(a.http()).signUp("alice");
        bob = new MastodonFixtures(b.http()).signUp("bob");
        String aliceOnB = FederationFixtures.resolve(b, bob.accessToken(), "@alice@" + a.app().config().domain());
        FederationFixtures.follow(b, bob.accessToken(), aliceOnB);
        await("alice accepts bob", () -> FederationFixtures.relationship(b, bob.accessToken(), aliceOnB).get("following").asBoolean());
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    @Test
    void anUploadedImageIsPostedServedAndFederated() {
        JsonNode media = upload(alice, TestHttp.png(120, 80), "A cover in blue");
        MastodonSchemas.assertValid("MediaAttachment", media);
        assertEquals("image", media.get("type").asText());
        assertEquals(120, media.get("meta").get("original").get("width").asInt());
        String mediaId = media.get("id").asText();

        TestHttp.Response described = a.http().send(a.http().request("/api/v1/media/" + mediaId)
                .header("Authorization", "Bearer " + alice.accessToken())
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"description\":\"Blue, the 1971 cover\"}")));
        assertEquals("Blue, the 1971 cover", described.json().get("description").asText(), described::toString);

        TestHttp.Response posted = a.http().postJson("/api/v1/statuses", Map.of("status", "", "media_ids", List.of(mediaId)),
                alice.accessToken());
        assertEquals(200, posted.status(), posted::toString);
        JsonNode attachment = posted.json().get("media_attachments").get(0);
        assertEquals(mediaId, attachment.get("id").asText());
        TestHttp.Response image = a.http().get(URI.create(attachment.get("url").asText()).getPath());
        assertEquals(200, image.status());
        assertEquals("image/png", image.header("Content-Type").orElseThrow());

        String uri = posted.json().get("uri").asText();
        await("B stores the post with its image, linked where it lives", () -> count(b, """
                SELECT count(*) FROM media_attachments m JOIN statuses s ON s.id = m.status_id
                WHERE s.uri = ? AND m.remote_url = ? AND m.description = 'Blue, the 1971 cover' AND m.width = 120""",
                uri, attachment.get("url").asText()) == 1);
        String onB = Long.toString(count(b, "SELECT id FROM statuses WHERE uri = ?", uri));
        JsonNode seenOnB = b.http().get("/api/v1/statuses/" + onB, bob.accessToken()).json();
        assertEquals(attachment.get("url").asText(), seenOnB.get("media_attachments").get(0).get("remote_url").asText());
    }

    @Test
    void uploadsAndAttachmentsAreChecked() {
        TestHttp.Response text = a.http().multipart("POST", "/api/v2/media", Map.of(),
                new TestHttp.FilePart("file", "notes.txt", "image/png", "not an image".getBytes()), alice.accessToken());
        assertEquals(422, text.status(), text::toString);
        MastodonSchemas.assertValid("Error", text.json());

        String carols = upload(new MastodonFixtures(a.http()).signUp("carol"), TestHttp.png(10, 10), null).get("id").asText();
        TestHttp.Response notMine = a.http().postJson("/api/v1/statuses", Map.of("status", "x", "media_ids", List.of(carols)),
                alice.accessToken());
        assertEquals(422, notMine.status(), notMine::toString);
        assertEquals(0, count(a, "SELECT count(*) FROM media_attachments WHERE id = ? AND status_id IS NOT NULL",
                Long.parseLong(carols)), "someone else's upload stays unattached");

        List<String> five = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(upload(alice, TestHttp.png(8, 8), null).get("id").asText());
        }
        assertEquals(422, a.http().postJson("/api/v1/statuses", Map.of("status", "x", "media_ids", five), alice.accessToken()).status());
        assertEquals(422, a.http().postJson("/api/v1/statuses", Map.of("status", ""), alice.accessToken()).status(),
                "neither text nor media");
        assertEquals(401, a.http().multipart("POST", "/api/v2/media", Map.of(),
                new TestHttp.FilePart("file", "a.png", "image/png", TestHttp.png(8, 8)), null).status());
    }

    private static JsonNode upload(Person who, byte[] png, String description) {
        TestHttp.Response r = a.http().multipart("POST", "/api/v2/media",
                description == null ? Map.of() : Map.of("description", description),
                new TestHttp.FilePart("file", "cover.png", "image/png", png), who.accessToken());
        assertEquals(200, r.status(), r::toString);
        return r.json();
    }
}
