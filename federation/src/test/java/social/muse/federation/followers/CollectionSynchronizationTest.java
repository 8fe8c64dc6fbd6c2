package social.muse.federation.followers;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CollectionSynchronizationTest {

    @Test
    void digestIsTheXorOfTheIdsSha256_asInTheFepExample() {
        assertEquals("c33f48cd341ef046a206b8a72ec97af65079f9a3a9b90eef79c5920dce45c61f",
                CollectionSynchronization.digest(List.of("https://testing.example.org/users/1",
                        "https://testing.example.org/users/2")));
        assertEquals("3a06e99569547f444c352ab7f52e4bab207abec5ca6f07b0045cfdc9723f8fa9",
                CollectionSynchronization.digest(List.of("https://testing.example.org/users/1")));
        assertEquals("0".repeat(64), CollectionSynchronization.digest(List.of()));
        assertEquals(CollectionSynchronization.digest(List.of("a", "b")), CollectionSynchronization.digest(List.of("b", "a")));
    }

    @Test
    void headerRoundTripsThroughTheSignatureParameterSyntax() {
        CollectionSynchronization sync = new CollectionSynchronization("https://example.org/users/1/followers",
                "https://example.org/users/1/followers_synchronization",
                "c33f48cd341ef046a206b8a72ec97af65079f9a3a9b90eef79c5920dce45c61f");

        assertEquals("collectionId=\"https://example.org/users/1/followers\", "
                + "url=\"https://example.org/users/1/followers_synchronization\", "
                + "digest=\"c33f48cd341ef046a206b8a72ec97af65079f9a3a9b90eef79c5920dce45c61f\"", sync.headerValue());
        assertEquals(Optional.of(sync), CollectionSynchronization.parse(sync.headerValue()));
        // Mastodon's spelling, upper-case hex included
        assertEquals(Optional.of(sync), CollectionSynchronization.parse("collectionId=\"https://example.org/users/1/followers\","
                + "url=\"https://example.org/users/1/followers_synchronization\","
                + "digest=\"C33F48CD341EF046A206B8A72EC97AF65079F9A3A9B90EEF79C5920DCE45C61F\""));
    }

    @Test
    void malformedHeadersAreIgnored() {
        for (String bad : List.of("", "garbage", "collectionId=\"x\"", "collectionId=\"x\", url=\"y\", digest=\"zz\"",
                "collectionId=\"x\", url=\"y\", digest=\"" + "0".repeat(63) + "\"", "collectionId=\"unterminated",
                "digest=\"" + "a".repeat(5000) + "\"")) {
            assertEquals(Optional.empty(), CollectionSynchronization.parse(bad), bad);
        }
        assertEquals(Optional.empty(), CollectionSynchronization.parse(null));
    }

    @Test
    void aHeaderOnlyCountsForTheSendersOwnFollowersOnItsOwnServer() {
        String followers = "https://example.org/users/1/followers";
        String digest = "0".repeat(64);
        assertTrue(new CollectionSynchronization(followers, "https://example.org/users/1/sync", digest).isFor(followers));
        assertFalse(new CollectionSynchronization(followers, "https://example.org/users/1/sync", digest)
                .isFor("https://example.org/users/2/followers"));
        assertFalse(new CollectionSynchronization(followers, "https://victim.example/users/1/followers", digest)
                .isFor(followers), "the list to fetch must be on the sender's server");
        assertFalse(new CollectionSynchronization(followers, "http://example.org/users/1/sync", digest).isFor(followers));
        assertFalse(new CollectionSynchronization(followers, "https://example.org:8443/users/1/sync", digest).isFor(followers));
    }

    @Test
    void originsAreSchemeAndAuthority() {
        assertEquals(Optional.of("https://example.org"), CollectionSynchronization.origin("https://Example.ORG/users/1"));
        assertEquals(Optional.of("http://127.0.0.1:8080"), CollectionSynchronization.origin("http://127.0.0.1:8080/inbox"));
        assertEquals(Optional.empty(), CollectionSynchronization.origin("not a uri"));
        assertEquals(Optional.empty(), CollectionSynchronization.origin("urn:x:y"));
        assertTrue(CollectionSynchronization.isUnder("https://example.org/users/1", "https://example.org"));
        assertFalse(CollectionSynchronization.isUnder("https://example.org.evil/users/1", "https://example.org"));
    }
}
