package social.muse.federation.ap;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static social.muse.federation.ap.ApParseException.Reason.INVALID_JSON_LD;
import static social.muse.federation.ap.ApParseException.Reason.MALFORMED_JSON;
import static social.muse.federation.ap.ApParseException.Reason.NOT_ACTIVITY_STREAMS;
import static social.muse.federation.ap.ApParseException.Reason.TOO_DEEP;
import static social.muse.federation.ap.ApParseException.Reason.TOO_LARGE;

/** Hostile and broken input is refused with {@link ApParseException} and nothing else. */
class ApCodecHostileInputTest {

    private static final ApCodec CODEC = new ApCodec("https://muse.example/ns#");

    private static ApParseException.Reason refusal(byte[] json) {
        try {
            CODEC.read(json);
        } catch (ApParseException e) {
            return e.reason();
        } catch (Throwable other) {
            fail("only ApParseException may escape, got " + other, other);
        }
        return null;
    }

    private static ApParseException.Reason refusal(String json) {
        return refusal(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void oversizedDocumentIsRefusedBeforeParsing() {
        byte[] big = ("{\"type\": \"Note\", \"content\": \"" + "a".repeat(ApCodec.MAX_DOCUMENT_BYTES) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(TOO_LARGE, refusal(big));
    }

    @Test
    void deepNestingIsRefused() {
        assertEquals(TOO_DEEP, refusal("{\"type\": \"Note\", \"x\": " + "[".repeat(40) + "]".repeat(40) + "}"));
        assertEquals(TOO_DEEP, refusal("[".repeat(100_000)));
        // brackets inside strings do not count
        assertNull(refusal("{\"type\": \"Note\", \"content\": \"" + "[{".repeat(100) + "\\\"\"}"));
    }

    @TestFactory
    Stream<DynamicTest> malformedOrMistypedDocumentsAreRefusedWithATypedError() {
        Map<String, ApParseException.Reason> cases = Map.ofEntries(
                Map.entry("", MALFORMED_JSON),
                Map.entry("{", MALFORMED_JSON),
                Map.entry("{\"type\": \"Note\",}", MALFORMED_JSON),
                Map.entry("[]", MALFORMED_JSON),
                Map.entry("\"Note\"", MALFORMED_JSON),
                Map.entry("null", MALFORMED_JSON),
                Map.entry("{\"type\": \"Note\"} trailing", MALFORMED_JSON),
                Map.entry("{\"a\": \"\\ud800\"", MALFORMED_JSON),
                Map.entry("{}", NOT_ACTIVITY_STREAMS),
                Map.entry("{\"type\": 5}", NOT_ACTIVITY_STREAMS),
                Map.entry("{\"type\": []}", NOT_ACTIVITY_STREAMS),
                Map.entry("{\"subject\": \"acct:a@b\", \"links\": []}", NOT_ACTIVITY_STREAMS),
                Map.entry("{\"@context\": 5, \"type\": \"Note\"}", INVALID_JSON_LD),
                Map.entry("{\"@context\": {\"@vocab\": 5}, \"type\": \"Note\"}", INVALID_JSON_LD),
                Map.entry("{\"@context\": {\"type\": \"@id\"}, \"type\": \"Note\"}", NOT_ACTIVITY_STREAMS),
                Map.entry("{\"@id\": 5, \"@type\": \"Note\"}", INVALID_JSON_LD),
                Map.entry("{\"type\": \"Person\", \"id\": \"https://x.example/u\", \"inbox\": 5}", NOT_ACTIVITY_STREAMS),
                Map.entry("{\"type\": \"Person\", \"id\": \"https://x.example/u\", \"inbox\": {\"type\": \"Note\"}}", NOT_ACTIVITY_STREAMS));
        return cases.entrySet().stream().map(entry -> DynamicTest.dynamicTest("input: " + entry.getKey(),
                () -> assertEquals(entry.getValue(), refusal(entry.getKey()))));
    }

    @Test
    void wrongTypesWhereObjectsAreExpectedAreSkippedNotThrown() throws ApParseException {
        ApActor actor = assertInstanceOf(ApActor.class, CODEC.read("""
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "https://x.example/u", "type": "Person",
                 "inbox": "https://x.example/inbox", "publicKey": "not a key", "endpoints": 5, "icon": true,
                 "attachment": [1, "x", {"type": "PropertyValue"}, null], "published": "yesterday",
                 "name": {"nested": "object"}, "alsoKnownAs": [{}, 3], "manuallyApprovesFollowers": "maybe"}
                """.getBytes(StandardCharsets.UTF_8)));
        assertNull(actor.publicKey());
        assertNull(actor.sharedInbox());
        assertNull(actor.icon());
        assertTrue(actor.attachment().isEmpty());
        assertNull(actor.published());
        assertNull(actor.name());
        assertTrue(actor.alsoKnownAs().isEmpty());
        ApObject note = assertInstanceOf(ApObject.class, CODEC.read("""
                {"type": "Note", "to": [5, null, {"x": 1}], "tag": ["#x", 3, {"name": "untyped"}],
                 "attachment": [{"type": "Image"}], "rating": {"type": "Rating", "ratingValue": "NaN"},
                 "contentMap": "not a map", "attributedTo": [[["https://x.example/u"]]]}
                """.getBytes(StandardCharsets.UTF_8)));
        assertTrue(note.to().isEmpty());
        assertTrue(note.tag().isEmpty());
        assertTrue(note.attachment().isEmpty());
        assertNull(note.rating());
        assertEquals(java.util.List.of("https://x.example/u"), note.attributedTo());
    }

    @Test
    void contextsThatTryToReachTheNetworkAreNeverFetched() {
        // an unknown remote context and an @import of one: ignored (default policy), never fetched
        assertNull(refusal("""
                {"@context": ["https://www.w3.org/ns/activitystreams", "https://127.0.0.1:1/evil",
                   {"@version": 1.1, "@import": "https://127.0.0.1:1/evil2"}],
                 "id": "https://x.example/n", "type": "Note"}
                """));
    }

    @Test
    void deeplyNestedActivitiesWithinTheLimitStillParse() throws ApParseException {
        String nested = "\"https://x.example/n\"";
        for (int i = 0; i < 15; i++) {
            nested = "{\"type\": \"Announce\", \"object\": " + nested + "}";
        }
        ApActivity outer = assertInstanceOf(ApActivity.class, CODEC.read(nested.getBytes(StandardCharsets.UTF_8)));
        assertEquals("Announce", outer.type());
    }

    @Test
    void edgeCaseDocumentsParseOrAreRefusedTyped() {
        for (Corpus.Entry entry : Corpus.entries()) {
            if (entry.file().startsWith("edge-cases/")) {
                refusal(entry.bytes());
            }
        }
        assertEquals(NOT_ACTIVITY_STREAMS, refusal(Corpus.file("edge-cases/activitypub-actor-noinbox.json")));
        assertEquals(NOT_ACTIVITY_STREAMS, refusal(Corpus.file("edge-cases/webfinger-hacker1.json")));
    }

    @Test
    void nothingButApParseExceptionOnRandomMutationsOfRealDocuments() {
        java.util.Random random = new java.util.Random(42);
        byte[] source = Corpus.file("mastodon/emelie.json");
        for (int round = 0; round < 300; round++) {
            byte[] mutated = source.clone();
            for (int flips = 0; flips < 1 + random.nextInt(4); flips++) {
                mutated[random.nextInt(mutated.length)] = (byte) "{}[]\":,@x0 \\".charAt(random.nextInt(12));
            }
            refusal(mutated);
        }
        assertThrows(ApParseException.class, () -> CODEC.read(null));
    }
}
