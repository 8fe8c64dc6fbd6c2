package social.muse.server.processing.oauth;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScopesTest {
    @Test
    void parsesSpaceAndPlusSeparatedListsOfKnownScopes() {
        assertEquals(List.of("follow", "push", "read", "write"), Scopes.parse("read write follow push").orElseThrow().list());
        assertEquals(List.of("read:accounts", "write:statuses"), Scopes.parse("read:accounts+write:statuses").orElseThrow().list());
        assertTrue(Scopes.parse("admin:read:accounts admin:write").isPresent());
        assertTrue(Scopes.parse("read:everything").isEmpty());
        assertTrue(Scopes.parse("read bogus").isEmpty());
        assertTrue(Scopes.parse("   ").isEmpty());
    }

    @Test
    void topLevelScopesCoverTheirGranularOnes() {
        Scopes read = Scopes.of("read");
        assertTrue(read.allows("read:accounts"));
        assertFalse(read.allows("write:accounts"));
        assertTrue(Scopes.of("admin:read").allows("admin:read:accounts"));
        assertFalse(Scopes.of("read:statuses").allows("read"));
        assertFalse(Scopes.of("read:statuses").allows("read:accounts"));
    }

    @Test
    void legacyFollowGrantsBlocksFollowsAndMutesOnly() {
        Scopes follow = Scopes.of("follow");
        assertTrue(follow.allows("write:follows"));
        assertTrue(follow.allows("read:blocks"));
        assertTrue(follow.allows("write:mutes"));
        assertFalse(follow.allows("write:statuses"));
    }

    @Test
    void profileCoversNothingElse() {
        assertTrue(Scopes.of("profile").allowsAny(List.of("read:accounts", "profile")));
        assertFalse(Scopes.of("profile").allows("read:accounts"));
    }

    @Test
    void requestedScopesMustBeWithinTheGrant() {
        Scopes app = Scopes.parse("read write follow").orElseThrow();
        assertTrue(Scopes.parse("read:accounts write:follows").orElseThrow().isWithin(app));
        assertFalse(Scopes.parse("push").orElseThrow().isWithin(app));
        assertFalse(Scopes.parse("read admin:read").orElseThrow().isWithin(app));
    }
}
