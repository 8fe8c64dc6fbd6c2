package social.muse.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The schema helper itself: it must reject what Mastodon clients reject, and honour only listed gaps. */
class MastodonSchemasTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text);
    }

    @Test
    void acceptsAValidEntity() throws Exception {
        MastodonSchemas.assertValid("Rule", json("{\"id\": \"1\", \"text\": \"Be kind\", \"hint\": \"\"}"));
        MastodonSchemas.assertValid("Error", json("{\"error\": \"Record not found\"}"));
    }

    @Test
    void rejectsWrongTypesAndMissingFields() throws Exception {
        var error = assertThrows(AssertionError.class,
                () -> MastodonSchemas.assertValid("Rule", json("{\"id\": 1, \"text\": \"Be kind\"}")));
        assertTrue(error.getMessage().contains("/id") || error.getMessage().contains("$.id"), error.getMessage());
        assertTrue(error.getMessage().contains("hint"), error.getMessage());
    }

    @Test
    void assertsFormats() throws Exception {
        var error = assertThrows(AssertionError.class, () -> MastodonSchemas.assertValid("CustomEmoji",
                json("{\"shortcode\": \"x\", \"url\": \"not a uri\", \"static_url\": \"https://a.example/x.png\", \"visible_in_picker\": true}")));
        assertTrue(error.getMessage().contains("url"), error.getMessage());
    }

    @Test
    void followsReferencesIntoOtherSchemas() throws Exception {
        JsonNode instance = json("{\"rules\": [{\"id\": 7}]}");
        var errors = MastodonSchemas.unexpectedErrors("Instance", instance, List.of());
        assertTrue(errors.stream().anyMatch(e -> e.getInstanceLocation().toString().contains("rules")), errors.toString());
    }

    @Test
    void aGapCoversOnlyTheErrorItNames() throws Exception {
        JsonNode rule = json("{\"id\": \"1\", \"text\": \"Be kind\"}");
        var errors = MastodonSchemas.unexpectedErrors("Rule", rule, List.of());
        assertEquals(1, errors.size(), errors.toString());
        String location = errors.get(0).getInstanceLocation().toString();

        var gap = new MastodonSchemas.Gap("Rule", location, "required", "hint", null, "rules have no hints in this test");
        assertEquals(List.of(), MastodonSchemas.unexpectedErrors("Rule", rule, List.of(gap)));
        var otherSchema = new MastodonSchemas.Gap("Field", location, "required", "hint", null, "a gap of another schema");
        assertEquals(1, MastodonSchemas.unexpectedErrors("Rule", rule, List.of(otherSchema)).size());
        assertThrows(IllegalArgumentException.class, () -> new MastodonSchemas.Gap("Rule", location, "required", "hint", null, " "));
    }

    @Test
    void aGapWithAValueCoversOnlyThatValue() throws Exception {
        var emptyEmail = new MastodonSchemas.Gap("V1Instance", "/email", "format", null, json("\"\""), "test");
        var empty = MastodonSchemas.unexpectedErrors("V1Instance", json("{\"email\": \"\"}"), List.of(emptyEmail));
        var bad = MastodonSchemas.unexpectedErrors("V1Instance", json("{\"email\": \"not an address\"}"), List.of(emptyEmail));
        assertTrue(empty.stream().noneMatch(e -> e.getInstanceLocation().toString().equals("/email")), empty.toString());
        assertTrue(bad.stream().anyMatch(e -> e.getInstanceLocation().toString().equals("/email")), bad.toString());
    }

    @Test
    void unknownSchemaNamesFailLoudly() throws Exception {
        assertThrows(RuntimeException.class, () -> MastodonSchemas.assertValid("NoSuchEntity", json("{}")));
    }
}
