package social.muse.federation.ap;

import org.junit.jupiter.api.Test;
import social.muse.federation.jsonld.Namespaces;
import social.muse.federation.jsonld.UnknownContextPolicy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exact fields of real documents, and the JSON-LD forms a document can take. */
class ApCodecReadTest {

    private static final ApCodec CODEC = new ApCodec("https://muse.example/ns#");

    private static ApDocument read(String json) throws ApParseException {
        return CODEC.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void mastodonActorCarriesInboxesKeyAndProfileFields() throws ApParseException {
        ApActor actor = assertInstanceOf(ApActor.class, CODEC.read(Corpus.file("mastodon/emelie.json")));
        assertEquals(ApActorType.PERSON, actor.actorType());
        assertEquals("https://mastodon.social/users/emelie/inbox", actor.inbox());
        assertEquals("https://mastodon.social/inbox", actor.sharedInbox());
        assertEquals("https://mastodon.social/users/emelie/collections/featured", actor.featured());
        assertEquals("https://mastodon.social/users/emelie#main-key", actor.publicKey().id());
        assertEquals("https://mastodon.social/users/emelie", actor.publicKey().owner());
        assertTrue(actor.publicKey().publicKeyPem().startsWith("-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu3CWs1oAJPE3ZJ9sj6Ut\n"));
        assertEquals(4, actor.attachment().size());
        assertEquals("Ko-fi", actor.attachment().getFirst().name());
        assertTrue(actor.attachment().getFirst().value().startsWith("<a href=\"https://ko-fi.com/emeliepng\""));
        assertEquals("image/png", actor.icon().mediaType());
        assertEquals("https://files.mastodon.social/accounts/avatars/000/015/657/original/e7163f98280da1a4.png",
                actor.icon().url());
    }

    @Test
    void mastodonActorWithTypeArrayIsAPerson() throws ApParseException {
        ApActor actor = assertInstanceOf(ApActor.class, CODEC.read(Corpus.file("mastodon/activitypub-actor-individual.json")));
        assertEquals(ApActorType.PERSON, actor.actorType());
    }

    @Test
    void goToSocialPollVoteIsACreateWithTwoNotesAddressedToOnePerson() throws ApParseException {
        ApActivity create = assertInstanceOf(ApActivity.class, CODEC.read(Corpus.file("gotosocial/docs-posts-09-Create.json")));
        assertEquals("https://sample.com/users/willy_nilly", create.actor());
        assertEquals(List.of("https://example.org/users/bobby_tables"), create.to());
        assertEquals(Instant.parse("2021-09-11T09:45:37Z"), create.published());
        assertEquals(2, create.object().size());
        ApObject vote = assertInstanceOf(ApObject.class, create.object().get(1));
        assertEquals("financial times", vote.name());
        assertEquals(List.of("https://example.org/users/bobby_tables"), vote.to());
        assertEquals("https://example.org/users/bobby_tables/statuses/123456", vote.inReplyTo());
    }

    @Test
    void mastodonNoteHasMentionAndHashtagTagsAndContentWarning() throws ApParseException {
        ApActivity create = assertInstanceOf(ApActivity.class, CODEC.read(Corpus.file("mastodon/mastodon-post-activity-hashtag.json")));
        ApObject note = assertInstanceOf(ApObject.class, create.singleObject().orElseThrow());
        assertEquals(List.of(Namespaces.PUBLIC), note.to());
        assertEquals(List.of("http://mastodon.example.org/users/admin/followers", "http://localtesting.pleroma.lol/users/lain"), note.cc());
        assertEquals(List.of(ApTag.mention("http://localtesting.pleroma.lol/users/lain", "@lain@localtesting.pleroma.lol"),
                ApTag.hashtag("http://mastodon.example.org/tags/moo", "#moo")), note.tag());
        assertTrue(note.sensitive());
        assertEquals("cw", note.summary());
    }

    @Test
    void kroegTagGivenAsOneObjectIsStillAList() throws ApParseException {
        ApActivity create = assertInstanceOf(ApActivity.class, CODEC.read(Corpus.file("kroeg/kroeg-array-less-hashtag.json")));
        ApObject note = assertInstanceOf(ApObject.class, create.singleObject().orElseThrow());
        assertEquals(1, note.tag().size());
        assertEquals("Hashtag", note.tag().getFirst().type());
        assertEquals("#test", note.tag().getFirst().name());
        assertEquals(List.of("https://puckipedia.com/"), note.attributedTo());
    }

    @Test
    void pleromaNoteUnderLanguageUndTakesTheFullPathAndReadsPublicInCc() throws ApParseException {
        byte[] json = Corpus.file("pleroma/note.json");
        assertTrue(CODEC.readFastPath(json).isEmpty());
        ApObject note = assertInstanceOf(ApObject.class, CODEC.read(json));
        assertEquals(List.of(Namespaces.PUBLIC), note.cc());
        assertEquals("https://enterprise.lemmy.ml/post/55143", note.inReplyTo());
        assertEquals(Map.of(), note.contentMap(), "\"und\" is no language");
        assertEquals("Have what?", note.content());
    }

    @Test
    void misskeyPollIsAQuestionAddressedToThePublic() throws ApParseException {
        ApObject poll = assertInstanceOf(ApObject.class, CODEC.read(Corpus.file("misskey/misskey_poll_no_end_date.json")));
        assertEquals("Question", poll.type());
        assertEquals(List.of(Namespaces.PUBLIC), poll.to());
        assertEquals(Instant.parse("2019-09-05T05:35:32.541Z"), poll.published());
    }

    @Test
    void lemmyPageHasTitleLinkAttachmentAndCommunityAddressing() throws ApParseException {
        ApObject page = assertInstanceOf(ApObject.class, CODEC.read(Corpus.file("lemmy/page.json")));
        assertEquals("Page", page.type());
        assertEquals("Post title", page.name());
        assertEquals(List.of("https://enterprise.lemmy.ml/u/picard"), page.attributedTo());
        assertEquals(List.of("https://enterprise.lemmy.ml/c/tenforward", Namespaces.PUBLIC), page.to());
        assertEquals("https://enterprise.lemmy.ml/pictrs/image/eOtYb9iEiB.png", page.attachment().getFirst().url());
        assertEquals("Link", page.attachment().getFirst().type());
        assertFalse(page.sensitive());
        assertEquals(Instant.parse("2021-02-26T12:35:34.292626Z"), page.published());
    }

    @Test
    void peerTubeVideoIsAnObjectWithItsHtmlUrl() throws ApParseException {
        ApObject video = assertInstanceOf(ApObject.class, CODEC.read(Corpus.file("peertube/video.json")));
        assertEquals("Video", video.type());
        assertEquals("https://tilvids.com/videos/watch/e7946124-7b72-4ad7-9d22-844a84bb2de1", video.url());
        assertEquals(List.of("https://tilvids.com/accounts/thelinuxexperiment",
                "https://tilvids.com/video-channels/thelinuxexperiment_channel"), video.attributedTo());
        assertEquals(List.of("https://tilvids.com/accounts/thelinuxexperiment/followers"), video.cc());
    }

    @Test
    void unknownTypeKeepsItsOriginalJson() throws ApParseException {
        ApUnknown lock = assertInstanceOf(ApUnknown.class, CODEC.read(Corpus.file("lemmy/lock_page.json")));
        assertEquals("Lock", lock.type());
        assertEquals(lock.id(), lock.raw().getString("id"));
    }

    private static final String EXPANDED_NOTE = """
            [{"@id": "https://remote.example/notes/1",
              "@type": ["https://www.w3.org/ns/activitystreams#Note"],
              "https://www.w3.org/ns/activitystreams#attributedTo": [{"@id": "https://remote.example/users/a"}],
              "https://www.w3.org/ns/activitystreams#content": [{"@value": "<p>hi</p>"}, {"@value": "<p>salut</p>", "@language": "fr"}],
              "https://www.w3.org/ns/activitystreams#to": [{"@id": "https://www.w3.org/ns/activitystreams#Public"}],
              "https://www.w3.org/ns/activitystreams#sensitive": [{"@value": true}],
              "https://www.w3.org/ns/activitystreams#published": [{"@value": "2024-05-01T10:00:00Z",
                  "@type": "http://www.w3.org/2001/XMLSchema#dateTime"}]}]
            """;

    private static final String ODD_PREFIXES_NOTE = """
            {"@context": ["https://www.w3.org/ns/activitystreams", {"s": "https://www.w3.org/ns/activitystreams#",
                "words": {"@id": "s:content", "@container": "@language"}, "author": {"@id": "s:attributedTo", "@type": "@id"}}],
             "@id": "https://remote.example/notes/1", "@type": "s:Note", "author": "https://remote.example/users/a",
             "content": "<p>hi</p>", "words": {"fr": "<p>salut</p>"}, "s:to": {"@id": "as:Public"}, "s:sensitive": true,
             "published": "2024-05-01T10:00:00Z"}
            """;

    @Test
    void expandedFormAndOtherPrefixesReadLikeTheCompactForm() throws ApParseException {
        ApObject expected = ApObject.builder("https://remote.example/notes/1", "Note")
                .attributedTo(List.of("https://remote.example/users/a"))
                .content("<p>hi</p>").contentMap(Map.of("fr", "<p>salut</p>"))
                .to(List.of(Namespaces.PUBLIC)).sensitive(true)
                .published(Instant.parse("2024-05-01T10:00:00Z")).build();
        assertEquals(expected, read("{\"@context\": [], \"@graph\": " + EXPANDED_NOTE + "}"));
        assertEquals(expected, read(ODD_PREFIXES_NOTE));
        assertEquals(expected, read("""
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "https://remote.example/notes/1",
                 "type": "Note", "attributedTo": "https://remote.example/users/a", "content": "<p>hi</p>",
                 "contentMap": {"fr": "<p>salut</p>"}, "to": "Public", "sensitive": true, "published": "2024-05-01T10:00:00Z"}
                """));
    }

    @Test
    void publicCollectionIsRecognisedInEverySpelling() throws ApParseException {
        for (String spelling : List.of("Public", "as:Public", Namespaces.PUBLIC)) {
            ApObject note = assertInstanceOf(ApObject.class, read("""
                    {"@context": ["https://www.w3.org/ns/activitystreams"], "id": "https://r.example/n", "type": "Note",
                     "to": ["%s"], "cc": "https://r.example/followers"}
                    """.formatted(spelling)));
            assertEquals(List.of(Namespaces.PUBLIC), note.to(), spelling);
            assertEquals(List.of("https://r.example/followers"), note.cc(), spelling);
        }
    }

    private static final String MASTODON_NS_NOTE = """
            {"@context": ["https://www.w3.org/ns/activitystreams", "http://joinmastodon.org/ns", "https://w3id.org/security/v1"],
             "id": "https://r.example/n", "type": "Note", "content": "<p>x</p>", "sensitive": true,
             "attributedTo": "https://r.example/u", "to": ["https://www.w3.org/ns/activitystreams#Public"],
             "tag": [{"type": "Emoji", "name": ":blob:", "icon": {"type": "Image", "url": "https://r.example/blob.png"}}]}
            """;

    @Test
    void notARealContextUrlDoesNotBreakTheCommonTerms() throws ApParseException {
        ApObject note = assertInstanceOf(ApObject.class, read(MASTODON_NS_NOTE));
        assertEquals("<p>x</p>", note.content());
        assertTrue(note.sensitive());
        assertEquals(List.of("https://r.example/u"), note.attributedTo());
        assertEquals(new ApTag("Emoji", null, null, ":blob:", ApMedia.image("https://r.example/blob.png", null)),
                note.tag().getFirst());
    }

    @Test
    void rejectPolicyRefusesUnknownContextUrlsWithATypedError() {
        ApCodec strict = new ApCodec("https://muse.example/ns#", UnknownContextPolicy.REJECT);
        ApParseException refused = assertThrows(ApParseException.class,
                () -> strict.read(MASTODON_NS_NOTE.getBytes(StandardCharsets.UTF_8)));
        assertEquals(ApParseException.Reason.UNKNOWN_CONTEXT, refused.reason());
    }

    @Test
    void anotherMuseInstancesReviewTermsAreRead() throws ApParseException {
        ApObject review = assertInstanceOf(ApObject.class, read("""
                {"@context": ["https://www.w3.org/ns/activitystreams", {"muse": "https://other.example/ns#",
                   "reviewOf": {"@id": "muse:reviewOf", "@type": "@id"}, "rating": "muse:rating",
                   "Rating": "muse:Rating", "ratingValue": "muse:ratingValue", "bestRating": "muse:bestRating"}],
                 "id": "https://other.example/reviews/1", "type": "Note", "content": "<p>Blue ★★★★</p>",
                 "reviewOf": "https://other.example/albums/42",
                 "rating": {"type": "Rating", "ratingValue": 8, "bestRating": 10}}
                """));
        assertEquals("https://other.example/albums/42", review.reviewOf());
        assertEquals(new ApRating(8, 10.0, null), review.rating());
        assertTrue(CODEC.readFastPath(CODEC.write(review)).isPresent());
    }

    @Test
    void actorWithoutIdIsRefused() {
        assertEquals(ApParseException.Reason.NOT_ACTIVITY_STREAMS, assertThrows(ApParseException.class,
                () -> read("{\"type\": \"Person\", \"inbox\": \"https://x.example/inbox\"}")).reason());
    }

    @Test
    void missingOptionalFieldsAreNullOrEmpty() throws ApParseException {
        ApActivity like = assertInstanceOf(ApActivity.class, read("{\"type\": \"Like\", \"object\": \"https://x.example/n\"}"));
        assertNull(like.id());
        assertNull(like.actor());
        assertEquals(List.of(new ApIri("https://x.example/n")), like.object());
        assertTrue(like.to().isEmpty());
    }
}
