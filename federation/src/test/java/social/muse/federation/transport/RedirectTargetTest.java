package social.muse.federation.transport;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RedirectTargetTest {
    private static final URI FIRST = URI.create("https://social.example/users/alice");

    @Test
    void relativeLocationsResolveAgainstTheCurrentHop() {
        URI hop = URI.create("https://social.example/a/b");
        assertEquals(URI.create("https://social.example/a/c"),
                FederationClient.redirectTarget(FIRST, hop, "c", false));
        assertEquals(URI.create("https://social.example/x?y=1"),
                FederationClient.redirectTarget(FIRST, hop, "/x?y=1", false));
        assertEquals(URI.create("https://cdn.example/x"),
                FederationClient.redirectTarget(FIRST, hop, "//cdn.example/x", false));
    }

    @Test
    void onlyHttpAndHttpsWithoutDowngrade() {
        assertThrows(RedirectRefusedException.class,
                () -> FederationClient.redirectTarget(FIRST, FIRST, "file:///etc/passwd", false));
        assertThrows(RedirectRefusedException.class,
                () -> FederationClient.redirectTarget(FIRST, FIRST, "gopher://social.example/", false));
        assertThrows(RedirectRefusedException.class,
                () -> FederationClient.redirectTarget(FIRST, FIRST, "http://social.example/users/alice", false));
        URI plain = URI.create("http://social.example/a");
        assertEquals(URI.create("https://social.example/a"),
                FederationClient.redirectTarget(plain, plain, "https://social.example/a", false));
    }

    @Test
    void userInfoAndMalformedLocationsAreRefused() {
        assertThrows(RedirectRefusedException.class,
                () -> FederationClient.redirectTarget(FIRST, FIRST, "https://user:pw@social.example/", false));
        assertThrows(RedirectRefusedException.class,
                () -> FederationClient.redirectTarget(FIRST, FIRST, "https://exa mple/ bad", false));
    }

    @Test
    void credentialsStayOnTheFirstOrigin() {
        assertEquals(URI.create("https://SOCIAL.example:443/other"),
                FederationClient.redirectTarget(FIRST, FIRST, "https://SOCIAL.example:443/other", true));
        RedirectRefusedException refused = assertThrows(RedirectRefusedException.class,
                () -> FederationClient.redirectTarget(FIRST, FIRST, "https://other.example/users/alice", true));
        assertEquals("not following redirect from https://social.example/users/alice: "
                + "credentials would go to another origin", refused.getMessage());
        assertThrows(RedirectRefusedException.class,
                () -> FederationClient.redirectTarget(FIRST, FIRST, "https://social.example:8443/x", true));
        assertEquals(URI.create("https://other.example/users/alice"),
                FederationClient.redirectTarget(FIRST, FIRST, "https://other.example/users/alice", false));
    }

    @Test
    void hostHeaderOmitsTheDefaultPort() {
        assertEquals("social.example", FederationClient.hostHeader(URI.create("https://Social.Example:443/x")));
        assertEquals("social.example:8443", FederationClient.hostHeader(URI.create("https://social.example:8443/")));
        assertEquals("127.0.0.1:8080", FederationClient.hostHeader(URI.create("http://127.0.0.1:8080/")));
        assertEquals("[::1]:8080", FederationClient.hostHeader(URI.create("http://[::1]:8080/")));
    }
}
