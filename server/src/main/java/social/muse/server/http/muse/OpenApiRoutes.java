package social.muse.server.http.muse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import social.muse.server.BuildInfo;
import social.muse.server.config.MuseConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the Muse API's OpenAPI 3.1 document. The document lives on the classpath
 * ({@code openapi/muse-v1.json}) and grows with the API; this instance's version and base URL are
 * filled in once at start-up.
 */
public final class OpenApiRoutes implements HttpService {
    public static final String PATH = "/api/muse/v1/openapi.json";
    static final String RESOURCE = "/openapi/muse-v1.json";

    private final byte[] document;

    public OpenApiRoutes(ObjectMapper mapper, BuildInfo build, MuseConfig config) {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + RESOURCE);
            }
            ObjectNode root = (ObjectNode) mapper.readTree(in);
            ((ObjectNode) root.path("info")).put("version", build.version());
            root.putArray("servers").addObject()
                    .put("url", config.baseUrl() + "/api/muse/v1")
                    .put("description", config.instance().title());
            this.document = mapper.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE, e);
        }
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(PATH, (req, res) -> {
            res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8").send(document);
        });
    }
}
