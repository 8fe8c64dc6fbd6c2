package social.muse.server.http.ap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import social.muse.federation.nodeinfo.NodeInfo;
import social.muse.federation.nodeinfo.NodeInfoVersion;
import social.muse.server.http.Json;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NodeInfo is camelCase; the server's shared mapper is snake_case. The wire names must survive it. */
class NodeInfoJsonTest {
    private static final NodeInfo.Software SOFTWARE = new NodeInfo.Software("muse", "0.1.0", "https://example.org/muse", "https://example.org/muse");
    private static final NodeInfo.Usage USAGE = new NodeInfo.Usage(new NodeInfo.Users(5, 3, 4), 7);
    private static final NodeInfo.Metadata METADATA = new NodeInfo.Metadata("Muse", "Music");

    private static JsonNode serialise(NodeInfoVersion version) throws Exception {
        return Json.mapper().readTree(Json.mapper().writeValueAsString(NodeInfo.of(version, SOFTWARE, true, USAGE, METADATA)));
    }

    @Test
    void sharedMapperWritesCamelCaseNames() throws Exception {
        JsonNode json = serialise(NodeInfoVersion.V2_1);
        assertEquals(List.of("version", "software", "protocols", "services", "openRegistrations", "usage", "metadata"), names(json));
        assertTrue(json.get("openRegistrations").asBoolean());
        assertEquals(List.of("total", "activeMonth", "activeHalfyear"), names(json.at("/usage/users")));
        assertEquals(3, json.at("/usage/users/activeMonth").asLong());
        assertEquals(4, json.at("/usage/users/activeHalfyear").asLong());
        assertEquals(7, json.at("/usage/localPosts").asLong());
        assertEquals(List.of("nodeName", "nodeDescription"), names(json.get("metadata")));
        assertEquals(List.of("name", "version", "repository", "homepage"), names(json.get("software")));
    }

    @Test
    void version20HasNoRepositoryOrHomepageMembers() throws Exception {
        JsonNode software = serialise(NodeInfoVersion.V2_0).get("software");
        assertEquals(List.of("name", "version"), names(software));
        assertFalse(software.has("repository"));
    }

    static List<String> names(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
