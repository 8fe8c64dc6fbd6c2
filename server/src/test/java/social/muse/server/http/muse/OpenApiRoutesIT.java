package social.muse.server.http.muse;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.muse.server.BuildInfo;
import social.muse.server.testing.TestHttp;
import social.muse.server.testing.TestInstance;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenApiRoutesIT {
    private static TestInstance instance;

    @BeforeAll
    static void start() {
        instance = TestInstance.start();
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    @Test
    void servesTheOpenApi31Document() {
        TestHttp.Response res = instance.http().get("/api/muse/v1/openapi.json");
        assertEquals(200, res.status(), res.toString());
        assertTrue(res.header("Content-Type").orElseThrow().startsWith("application/json"));
        JsonNode doc = res.json();
        assertTrue(doc.get("openapi").asText().startsWith("3.1"), doc.get("openapi").asText());
        assertEquals(BuildInfo.load().version(), doc.at("/info/version").asText());
        assertEquals(instance.baseUrl() + "/api/muse/v1", doc.at("/servers/0/url").asText());
        assertTrue(doc.at("/paths/~1openapi.json/get").isObject(), "the document describes itself");
        assertEquals(List.of("type", "title", "status", "detail", "instance"),
                strings(doc.at("/components/schemas/Problem/required")));
    }

    @Test
    void unknownMuseEndpointsAnswerWithAProblemTheDocumentDescribes() throws Exception {
        TestHttp.Response res = instance.http().get("/api/muse/v1/x?secret=1");
        assertEquals(404, res.status(), res.toString());
        assertEquals("application/problem+json", res.header("Content-Type").orElseThrow());
        JsonNode problem = res.json();
        assertEquals("about:blank", problem.get("type").asText());
        assertEquals("Not Found", problem.get("title").asText());
        assertEquals(404, problem.get("status").asInt());
        assertTrue(problem.get("detail").asText().contains("/api/muse/v1/x"), problem.toString());
        assertEquals("/api/muse/v1/x", problem.get("instance").asText());
        assertTrue(res.header("X-Request-Id").isPresent());

        String documentText = instance.http().get("/api/muse/v1/openapi.json").body();
        String base = "https://spec.invalid/muse-v1.json";
        var registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(), b -> b.schemas(Map.of(base, documentText)));
        var problemSchema = registry.getSchema(SchemaLocation.of(base + "#/components/schemas/Problem"));
        assertEquals(List.of(), problemSchema.validate(problem), "the 404 matches the served Problem schema");
        JsonNode broken = problem.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken).remove("detail");
        assertEquals(1, problemSchema.validate(broken).size(), "the Problem schema is not vacuous");
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
