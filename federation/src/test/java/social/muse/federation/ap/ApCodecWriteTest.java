package social.muse.federation.ap;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import social.muse.federation.jsonld.Namespaces;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** write → read gives equal records, on both read paths, and the context names only URLs peers bundle. */
class ApCodecWriteTest {

    private static final String NAMESPACE = "https://muse.example/ns#";
    private static final ApCodec CODEC = new ApCodec(NAMESPACE);

    static final ApActor ACTOR = ApActor.builder("https://muse.example/users/joni", ApActorType.PERSON)
            .preferredUsername("joni").name("Joni").summary("<p>Blue</p>").url("https://muse.example/@joni")
            .inbox("https://muse.example/users/joni/inbox").outbox("https://muse.example/users/joni/outbox")
            .followers("https://muse.example/users/joni/followers").following("https://muse.example/users/joni/following")
            .featured("https://muse.example/users/joni/featured").sharedInbox("https://muse.example/inbox")
            .publicKey(new ApPublicKey("https://muse.example/users/joni#main-key", "https://muse.example/users/joni",
                    "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n"))
            .assertionMethod(List.of(new ApMultikey("https://muse.example/users/joni#ed25519-key",
                    "https://muse.example/users/joni", "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2")))
            .icon(new ApMedia("Image", "https://muse.example/media/avatar.png", "image/png", null, null, null, null))
            .image(ApMedia.image("https://muse.example/media/header.jpg", "image/jpeg"))
            .attachment(List.of(new ApPropertyValue("Favourite album", "<a href=\"https://muse.example/albums/42\">Blue</a>")))
            .manuallyApprovesFollowers(true).discoverable(true).indexable(false)
            .published(Instant.parse("2024-01-02T03:04:05Z"))
            .alsoKnownAs(List.of("https://old.example/users/joni")).webfinger("joni@muse.example")
            .build();

    static final ApObject REVIEW = ApObject.builder("https://muse.example/reviews/7", "Note")
            .attributedTo(List.of("https://muse.example/users/joni"))
            .content("<p>rated <em>Blue</em> ★★★★½</p>").contentMap(Map.of("en", "<p>rated <em>Blue</em> ★★★★½</p>"))
            .summary("spoilers").sensitive(true).inReplyTo("https://remote.example/notes/1")
            .published(Instant.parse("2024-05-01T10:00:00Z")).updated(Instant.parse("2024-05-02T10:00:00.123Z"))
            .url("https://muse.example/@joni/reviews/7")
            .to(List.of(Namespaces.PUBLIC)).cc(List.of("https://muse.example/users/joni/followers", "https://remote.example/users/a"))
            .tag(List.of(ApTag.mention("https://remote.example/users/a", "@a@remote.example"),
                    ApTag.hashtag("https://muse.example/tags/folk", "#folk"),
                    new ApTag("Emoji", "https://muse.example/emojis/1", null, ":vinyl:",
                            ApMedia.image("https://muse.example/emojis/vinyl.png", "image/png"))))
            .attachment(List.of(new ApMedia("Document", "https://muse.example/media/cover.jpg", "image/jpeg", "cover of Blue",
                    "UBL_:rOpGG-oBUNG,qRj2so|=eE1w^n4S5NH", 600, 600)))
            .replies("https://muse.example/reviews/7/replies")
            .reviewOf("https://muse.example/albums/42").rating(new ApRating(9, 10.0, 1.0))
            .build();

    private static void assertRoundTrips(ApDocument document) throws ApParseException {
        byte[] written = CODEC.write(document);
        assertEquals(document, CODEC.read(written));
        assertEquals(document, CODEC.readFastPath(written).orElseThrow(() -> new AssertionError("our output must be fast-path")));
        assertEquals(document, CODEC.readFullJsonLd(written));
    }

    @Test
    void actorRoundTrips() throws ApParseException {
        assertRoundTrips(ACTOR);
    }

    @Test
    void reviewNoteRoundTrips() throws ApParseException {
        assertRoundTrips(REVIEW);
    }

    @Test
    void activitiesCollectionsAndTombstonesRoundTrip() throws ApParseException {
        ApActivity create = new ApActivity("https://muse.example/reviews/7/activity", "Create", ACTOR.id(), List.of(REVIEW),
                null, REVIEW.to(), REVIEW.cc(), REVIEW.published(), null);
        assertRoundTrips(create);
        ApActivity follow = new ApActivity("https://muse.example/follows/1", "Follow", ACTOR.id(),
                List.of(new ApIri("https://remote.example/users/a")), null, List.of(), List.of(), null, null);
        assertRoundTrips(new ApActivity("https://remote.example/accepts/1", "Accept", "https://remote.example/users/a",
                List.of(follow), null, List.of(), List.of(), null, null));
        assertRoundTrips(new ApActivity("https://muse.example/updates/1", "Update", ACTOR.id(), List.of(ACTOR), null,
                List.of(Namespaces.PUBLIC), List.of(), null, null));
        assertRoundTrips(new ApActivity("https://muse.example/flags/1", "Flag", "https://muse.example/actor",
                List.of(new ApIri("https://remote.example/users/a"), new ApIri("https://remote.example/notes/1")), null,
                List.of(), List.of(), null, "spam"));
        assertRoundTrips(new ApActivity("https://muse.example/adds/1", "Add", ACTOR.id(),
                List.of(new ApIri(REVIEW.id())), new ApIri(ACTOR.featured()), List.of(), List.of(), null, null));
        ApCollectionPage page = new ApCollectionPage("https://muse.example/users/joni/outbox?page=1", true, 2L,
                "https://muse.example/users/joni/outbox", "https://muse.example/users/joni/outbox?page=2", null,
                List.of(create, new ApIri("https://muse.example/reviews/6/activity")));
        assertRoundTrips(page);
        assertRoundTrips(new ApCollection("https://muse.example/users/joni/outbox", true, 2L, page, null, List.of()));
        assertRoundTrips(new ApCollection("https://muse.example/users/joni/followers", false, 0L,
                new ApIri("https://muse.example/users/joni/followers?page=1"), null, List.of()));
        assertRoundTrips(new ApTombstone("https://muse.example/reviews/5", "Note", null, null, Instant.parse("2024-06-01T00:00:00Z")));
    }

    @Test
    void unknownDocumentsAreWrittenAsReceived() throws ApParseException {
        ApDocument lock = CODEC.read(Corpus.file("lemmy/lock_page.json"));
        assertEquals(lock, CODEC.read(CODEC.write(lock)));
    }

    @Test
    void contextNamesOnlyWellKnownUrlsPlusAnInlineObject() {
        JsonArray actorContext = json(CODEC.write(ACTOR)).getJsonArray("@context");
        assertEquals(List.of(Namespaces.ACTIVITY_STREAMS_CONTEXT, Namespaces.SECURITY_V1_CONTEXT, Namespaces.MULTIKEY_V1_CONTEXT),
                actorContext.subList(0, 3).stream().map(value -> ((jakarta.json.JsonString) value).getString()).toList());
        JsonObject inline = actorContext.getJsonObject(3);
        assertEquals(NAMESPACE, inline.getString("muse"));
        assertEquals("as:manuallyApprovesFollowers", inline.getString("manuallyApprovesFollowers"));
        JsonArray noteContext = json(CODEC.write(REVIEW)).getJsonArray("@context");
        assertEquals(2, noteContext.size(), "a note without keys names no security context");
        JsonObject note = json(CODEC.write(REVIEW));
        assertEquals("https://muse.example/albums/42", note.getString("reviewOf"));
        assertEquals(9, note.getJsonObject("rating").getInt("ratingValue"));
        assertEquals(Namespaces.PUBLIC, note.getJsonArray("to").getString(0));
        JsonObject actor = json(CODEC.write(ACTOR));
        assertEquals("https://muse.example/inbox", actor.getJsonObject("endpoints").getString("sharedInbox"));
        assertEquals("Multikey", actor.getJsonArray("assertionMethod").getJsonObject(0).getString("type"));
        assertTrue(actor.getBoolean("manuallyApprovesFollowers"));
        assertFalse(actor.containsKey("suspended"));
    }

    @Test
    void namespaceDocumentDefinesMuseTerms() {
        JsonObject context = CODEC.namespaceDocument().getJsonObject("@context");
        assertEquals("muse:reviewOf", context.getJsonObject("reviewOf").getString("@id"));
        assertEquals("@id", context.getJsonObject("reviewOf").getString("@type"));
    }

    private static JsonObject json(byte[] bytes) {
        return Json.createReader(new ByteArrayInputStream(bytes)).readObject();
    }
}
