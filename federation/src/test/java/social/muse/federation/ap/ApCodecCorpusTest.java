package social.muse.federation.ap;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every corpus document parses into the type MANIFEST.tsv says, or is refused with a typed error. */
class ApCodecCorpusTest {

    private static final ApCodec CODEC = new ApCodec("https://muse.example/ns#");
    private static final Set<String> ACTOR_TYPES = Set.of("Person", "Service", "Application", "Group", "Organization");
    private static final Set<String> OBJECT_TYPES = Set.of("Note", "Article", "Page", "Question", "Video", "Audio",
            "Event", "ChatMessage");
    private static final Set<String> UNMODELLED_TYPES = Set.of("Lock", "LikeApproval", "ReplyApproval",
            "AnnounceApproval", "Feed");
    /** Documents that are not ActivityStreams, or are but unusable (an actor without an inbox). */
    private static final Set<String> REFUSED = Set.of("(WebFinger JRD)", "(JSON-LD context)", "(JSON-LD @context array)");
    /** Actors without an inbox: Mastodon's spec fixture, and a GoToSocial documentation excerpt that omits it. */
    private static final Set<String> REFUSED_FILES = Set.of("edge-cases/activitypub-actor-noinbox.json",
            "gotosocial/docs-http_signatures-03-Person.json");

    @TestFactory
    Stream<DynamicTest> everyDocumentParsesAsTheManifestSaysOrIsRefused() {
        return Corpus.entries().stream().map(entry -> DynamicTest.dynamicTest(entry.file(), () -> {
            if (REFUSED.contains(entry.outerType()) || REFUSED_FILES.contains(entry.file())) {
                assertThrows(ApParseException.class, () -> CODEC.read(entry.bytes()));
                return;
            }
            ApDocument document = CODEC.read(entry.bytes());
            assertShape(document, entry.outerType(), entry.innerType(), entry.file());
        }));
    }

    @TestFactory
    Stream<DynamicTest> fastPathAndTitaniumGiveIdenticalRecords() {
        return Corpus.entries().stream()
                .filter(entry -> !REFUSED.contains(entry.outerType()))
                .map(entry -> DynamicTest.dynamicTest(entry.file(), () -> {
                    Optional<ApDocument> fast;
                    try {
                        fast = CODEC.readFastPath(entry.bytes());
                    } catch (ApParseException refused) {
                        assertThrows(ApParseException.class, () -> CODEC.readFullJsonLd(entry.bytes()));
                        return;
                    }
                    if (fast.isPresent()) {
                        assertEquals(fast.get(), CODEC.readFullJsonLd(entry.bytes()));
                    }
                }));
    }

    @Test
    void mostRealDocumentsTakeTheFastPath() throws ApParseException {
        List<String> fast = new ArrayList<>();
        List<String> slow = new ArrayList<>();
        for (Corpus.Entry entry : Corpus.entries()) {
            if (REFUSED.contains(entry.outerType()) || REFUSED_FILES.contains(entry.file())) {
                continue;
            }
            (CODEC.readFastPath(entry.bytes()).isPresent() ? fast : slow).add(entry.file());
        }
        System.out.println("fast path: " + fast.size() + ", full JSON-LD: " + slow.size() + " " + slow);
        // Mastodon, GoToSocial, Lemmy, Misskey-style documents must all be fast; Pleroma's @language makes it slow
        assertTrue(fast.contains("mastodon/person.json"), "Mastodon actor is on the fast path");
        assertTrue(fast.contains("mastodon/create_note.json"), "Mastodon Create is on the fast path");
        assertTrue(fast.contains("lemmy/page.json"), "Lemmy (no @context) is on the fast path");
        assertTrue(slow.contains("pleroma/note.json"), "Pleroma's @language context takes the full path");
        assertTrue(fast.size() > slow.size(), "most documents are fast: " + fast.size() + " vs " + slow.size());
    }

    /** Checks a document against MANIFEST's outer type and inner chain ({@code Follow › (IRI)}, {@code [Note]}, …). */
    static void assertShape(ApItem item, String outer, String inner, String file) {
        String type = outer.contains("+") ? outer.substring(0, outer.indexOf('+')) : outer;
        if (type.equals("(IRI)")) {
            assertInstanceOf(ApIri.class, item, file);
            return;
        }
        ApDocument document = assertInstanceOf(ApDocument.class, item, file);
        assertEquals(type, document.type(), file);
        if (ACTOR_TYPES.contains(type)) {
            assertInstanceOf(ApActor.class, document, file);
        } else if (OBJECT_TYPES.contains(type)) {
            assertInstanceOf(ApObject.class, document, file);
        } else if (type.equals("Tombstone")) {
            assertInstanceOf(ApTombstone.class, document, file);
        } else if (UNMODELLED_TYPES.contains(type)) {
            assertInstanceOf(ApUnknown.class, document, file);
        } else if (type.endsWith("CollectionPage")) {
            ApCollectionPage page = assertInstanceOf(ApCollectionPage.class, document, file);
            assertItems(page.items(), inner, file);
        } else if (type.endsWith("Collection")) {
            ApCollection collection = assertInstanceOf(ApCollection.class, document, file);
            assertItems(collection.items(), inner, file);
        } else {
            ApActivity activity = assertInstanceOf(ApActivity.class, document, file);
            assertObject(activity, inner, file);
        }
    }

    private static void assertObject(ApActivity activity, String inner, String file) {
        if (inner.equals("—")) {
            assertTrue(activity.object().isEmpty(), file);
            return;
        }
        if (inner.startsWith("[")) {
            String element = inner.substring(1, inner.length() - 1);
            assertTrue(activity.object().size() > 1 || activity.object().size() == 1, file);
            activity.object().forEach(object -> assertShape(object, element, "—", file));
            return;
        }
        int arrow = inner.indexOf(" › ");
        ApItem object = activity.singleObject().orElseThrow(() -> new AssertionError(file + ": one object expected"));
        assertShape(object, arrow < 0 ? inner : inner.substring(0, arrow), arrow < 0 ? "—" : inner.substring(arrow + 3), file);
    }

    private static void assertItems(List<ApItem> items, String inner, String file) {
        int bracket = inner.indexOf('[');
        if (bracket < 0) {
            return;
        }
        String element = inner.substring(bracket + 1, inner.length() - 1);
        if (element.isEmpty()) {
            assertTrue(items.isEmpty(), file);
            return;
        }
        assertTrue(!items.isEmpty(), file + ": items expected");
        int arrow = element.indexOf(" › ");
        for (ApItem item : items) {
            assertShape(item, arrow < 0 ? element : element.substring(0, arrow), arrow < 0 ? "—" : element.substring(arrow + 3), file);
        }
    }
}
