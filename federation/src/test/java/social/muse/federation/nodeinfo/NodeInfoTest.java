package social.muse.federation.nodeinfo;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeInfoTest {
    private static final NodeInfo.Software MUSE = new NodeInfo.Software("muse", "0.1.0", "https://example.org/muse.git", "https://example.org/muse");
    private static final NodeInfo.Usage USAGE = new NodeInfo.Usage(new NodeInfo.Users(3, 2, 3), 0);
    private static final NodeInfo.Metadata METADATA = new NodeInfo.Metadata("Muse", "Music");

    @Test
    void version20DropsTheMembersOnlyVersion21Has() {
        NodeInfo doc = NodeInfo.of(NodeInfoVersion.V2_0, MUSE, true, USAGE, METADATA);
        assertEquals("2.0", doc.version());
        assertEquals("muse", doc.software().name());
        assertEquals("0.1.0", doc.software().version());
        assertNull(doc.software().repository());
        assertNull(doc.software().homepage());
    }

    @Test
    void version21KeepsRepositoryAndHomepage() {
        NodeInfo doc = NodeInfo.of(NodeInfoVersion.V2_1, MUSE, false, USAGE, METADATA);
        assertEquals("2.1", doc.version());
        assertEquals("https://example.org/muse.git", doc.software().repository());
        assertEquals("https://example.org/muse", doc.software().homepage());
        assertEquals(List.of("activitypub"), doc.protocols());
        assertTrue(doc.services().inbound().isEmpty());
        assertTrue(doc.services().outbound().isEmpty());
    }

    @Test
    void softwareNameMustMatchTheSchemaPattern() {
        for (String bad : List.of("Muse", "muse server", "muse_server", "", "müse")) {
            var e = assertThrows(IllegalArgumentException.class, () -> new NodeInfo.Software(bad, "0.1.0", null, null), bad);
            assertTrue(e.getMessage().contains("software.name"), e.getMessage());
        }
        new NodeInfo.Software("muse-2", "0.1.0", null, null);
    }

    @Test
    void softwareVersionMustBeSemver() {
        for (String bad : List.of("0.1", "v0.1.0", "0.1.0-SNAPSHOT_1", "01.0.0", "0.1.0 (compatible)", "")) {
            var e = assertThrows(IllegalArgumentException.class, () -> new NodeInfo.Software("muse", bad, null, null), bad);
            assertTrue(e.getMessage().contains("software.version"), e.getMessage());
        }
        for (String good : List.of("0.1.0", "1.20.3", "0.1.0-SNAPSHOT", "1.0.0-rc.1+build.5")) {
            assertEquals(good, new NodeInfo.Software("muse", good, null, null).version());
        }
    }

    @Test
    void countsCannotBeNegative() {
        assertThrows(IllegalArgumentException.class, () -> new NodeInfo.Users(-1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new NodeInfo.Usage(new NodeInfo.Users(0, 0, 0), -1));
    }

    @Test
    void protocolsAreCheckedAgainstTheSchemaEnumeration() {
        assertThrows(IllegalArgumentException.class, () -> new NodeInfo("2.1", MUSE, List.of("gopher"),
                NodeInfo.Services.NONE, true, USAGE, METADATA));
        assertThrows(IllegalArgumentException.class, () -> new NodeInfo("2.1", MUSE, List.of(),
                NodeInfo.Services.NONE, true, USAGE, METADATA));
    }

    @Test
    void discoveryLinksEveryVersionUnderTheBaseUrl() {
        NodeInfoDiscovery discovery = NodeInfoDiscovery.forBaseUrl("https://muse.example/");
        assertEquals(List.of(
                new NodeInfoDiscovery.Link("http://nodeinfo.diaspora.software/ns/schema/2.0", "https://muse.example/nodeinfo/2.0"),
                new NodeInfoDiscovery.Link("http://nodeinfo.diaspora.software/ns/schema/2.1", "https://muse.example/nodeinfo/2.1")),
                discovery.links());
        assertEquals("application/json; profile=\"http://nodeinfo.diaspora.software/ns/schema/2.1#\"",
                NodeInfoVersion.V2_1.contentType());
    }
}
