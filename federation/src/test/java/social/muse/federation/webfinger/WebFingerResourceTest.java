package social.muse.federation.webfinger;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebFingerResourceTest {
    @Test
    void readsEveryFormServersSend() {
        WebFingerResource.Account alice = new WebFingerResource.Account("alice", "muse.example");
        assertEquals(Optional.of(alice), WebFingerResource.parse("acct:alice@muse.example"));
        assertEquals(Optional.of(alice), WebFingerResource.parse("ACCT:alice@Muse.Example"));
        assertEquals(Optional.of(alice), WebFingerResource.parse("alice@muse.example"));
        assertEquals(Optional.of(alice), WebFingerResource.parse("@alice@muse.example"));
        assertEquals(Optional.of(new WebFingerResource.Account("bob", "127.0.0.1:8080")), WebFingerResource.parse("acct:bob@127.0.0.1:8080"));
        assertEquals(Optional.of(new WebFingerResource.Url(URI.create("https://muse.example/users/alice"))),
                WebFingerResource.parse("https://muse.example/users/alice"));
        assertEquals("acct:alice@muse.example", alice.acct());
    }

    @Test
    void refusesWhatIsNoResource() {
        for (String bad : new String[] {null, "", "alice", "acct:@muse.example", "acct:alice@", "alice@bad host",
                "acct:al ice@muse.example", "ftp://muse.example/x", "https:///nohost", "x".repeat(3000) + "@h"}) {
            assertTrue(WebFingerResource.parse(bad).isEmpty(), String.valueOf(bad));
        }
    }

    @Test
    void findsTheActorLink() {
        Jrd jrd = new Jrd("acct:alice@muse.example", List.of(), List.of(
                Jrd.Link.of(Jrd.REL_PROFILE_PAGE, "text/html", "https://muse.example/@alice"),
                Jrd.Link.of(Jrd.REL_SELF, "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"", "https://muse.example/users/alice")));
        assertEquals(Optional.of("https://muse.example/users/alice"), jrd.actorId());
    }
}
