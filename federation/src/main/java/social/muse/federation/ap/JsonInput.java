package social.muse.federation.ap;

import jakarta.json.JsonConfig;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.spi.JsonProvider;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static social.muse.federation.ap.ApParseException.Reason.MALFORMED_JSON;
import static social.muse.federation.ap.ApParseException.Reason.TOO_DEEP;
import static social.muse.federation.ap.ApParseException.Reason.TOO_LARGE;

/** Parses untrusted bytes into a JSON object, enforcing the size and nesting limits first. */
final class JsonInput {

    /** Duplicate keys occur in real traffic (Pleroma polls); the last one wins, as in JavaScript and Ruby peers. */
    private static final JsonParserFactory PARSERS = JsonProvider.provider().createParserFactory(
            Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.LAST));

    private JsonInput() {
    }

    static JsonObject parseObject(byte[] json, int maxBytes, int maxDepth) throws ApParseException {
        if (json == null || json.length == 0) {
            throw new ApParseException(MALFORMED_JSON, "empty document");
        }
        if (json.length > maxBytes) {
            throw new ApParseException(TOO_LARGE, "document is larger than " + maxBytes + " bytes");
        }
        checkNesting(json, maxDepth);
        try (JsonParser parser = PARSERS.createParser(new ByteArrayInputStream(json), StandardCharsets.UTF_8)) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new ApParseException(MALFORMED_JSON, "document is not a JSON object");
            }
            JsonObject object = parser.getObject();
            if (parser.hasNext()) {
                throw new ApParseException(MALFORMED_JSON, "document has content after the JSON object");
            }
            return object;
        } catch (JsonException | IllegalStateException | IllegalArgumentException | java.util.NoSuchElementException e) {
            throw new ApParseException(MALFORMED_JSON, "document is not well-formed JSON", e);
        }
    }

    /** One pass over the bytes, outside strings, so deep nesting is refused before any parser recurses. */
    private static void checkNesting(byte[] json, int maxDepth) throws ApParseException {
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        for (byte b : json) {
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                if (++depth > maxDepth) {
                    throw new ApParseException(TOO_DEEP, "document nests deeper than " + maxDepth + " levels");
                }
            } else if (b == '}' || b == ']') {
                depth--;
            }
        }
    }
}
