package social.muse.server.http.ap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.muse.server.BuildInfo;
import social.muse.server.testing.InstanceData;
import social.muse.server.testing.TestHttp;
import social.muse.server.testing.TestInstance;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeInfoRoutesIT {
    private static final String SCHEMA = "http://nodeinfo.diaspora.software/ns/schema/";
    private static TestInstance instance;

    @BeforeAll
    static void start() {
        instance = TestInstance.start(Map.of(
                "MUSE_INSTANCE_TITLE", "Muse Test",
                "MUSE_INSTANCE_DESCRIPTION", "Reviews & ratings"));
        InstanceData.populate(instance);
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    @Test
    void discoveryLinksBothVersions() {
        TestHttp.Response res = instance.http().get("/.well-known/nodeinfo");
        assertEquals(200, res.status(), res.toString());
        assertTrue(res.header("Content-Type").orElseThrow().startsWith("application/json"));
        assertEquals("*", res.header("Access-Control-Allow-Origin").orElseThrow());
        JsonNode links = res.json().get("links");
        assertEquals(2, links.size());
        for (int i = 0; i < 2; i++) {
            String number = List.of("2.0", "2.1").get(i);
            assertEquals(SCHEMA + number, links.get(i).get("rel").asText());
            assertEquals(instance.baseUrl() + "/nodeinfo/" + number, links.get(i).get("href").asText());
            assertEquals(200, instance.http().get(links.get(i).get("href").asText()).status());
        }
    }

    @Test
    void version21DescribesMuseWithRealCounts() {
        TestHttp.Response res = instance.http().get("/nodeinfo/2.1");
        assertEquals(200, res.status(), res.toString());
        assertEquals("application/json; profile=\"" + SCHEMA + "2.1#\"", res.header("Content-Type").orElseThrow());
        assertEquals("*", res.header("Access-Control-Allow-Origin").orElseThrow());
        JsonNode doc = res.json();
        BuildInfo build = BuildInfo.load();
        assertEquals("2.1", doc.get("version").asText());
        assertEquals("muse", doc.at("/software/name").asText());
        assertEquals(build.version(), doc.at("/software/version").asText());
        assertTrue(doc.at("/software/repository").isMissingNode(), "no source URL unless the operator sets one");
        assertTrue(doc.at("/software/homepage").isMissingNode());
        assertEquals("[\"activitypub\"]", doc.get("protocols").toString());
        assertEquals("{\"inbound\":[],\"outbound\":[]}", doc.get("services").toString());
        assertTrue(doc.get("openRegistrations").asBoolean());
        assertFalse(doc.has("open_registrations"));
        // See InstanceData.populate: 4 local users, 2 active in 30 days, 3 in 180 days.
        assertEquals(4, doc.at("/usage/users/total").asLong());
        assertEquals(2, doc.at("/usage/users/activeMonth").asLong());
        assertEquals(3, doc.at("/usage/users/activeHalfyear").asLong());
        // No statuses exist yet, so none are local.
        assertEquals(0, doc.at("/usage/localPosts").asLong());
        assertEquals("Muse Test", doc.at("/metadata/nodeName").asText());
        assertEquals("Reviews & ratings", doc.at("/metadata/nodeDescription").asText());
    }

    @Test
    void version20HasTheSameDataWithoutThe21OnlyMembers() {
        TestHttp.Response res = instance.http().get("/nodeinfo/2.0");
        assertEquals(200, res.status(), res.toString());
        assertEquals("application/json; profile=\"" + SCHEMA + "2.0#\"", res.header("Content-Type").orElseThrow());
        JsonNode doc = res.json();
        assertEquals("2.0", doc.get("version").asText());
        assertEquals(List.of("name", "version"), NodeInfoJsonTest.names(doc.get("software")));
        assertEquals(4, doc.at("/usage/users/total").asLong());
    }

    @Test
    void onlyOpenSignUpIsOpenRegistration() {
        for (String mode : List.of("approval", "closed")) {
            try (TestInstance other = TestInstance.start(Map.of("MUSE_REGISTRATIONS", mode))) {
                JsonNode doc = other.http().get("/nodeinfo/2.1").json();
                assertFalse(doc.get("openRegistrations").asBoolean(), mode);
                assertEquals(0, doc.at("/usage/users/total").asLong());
            }
        }
    }
}
