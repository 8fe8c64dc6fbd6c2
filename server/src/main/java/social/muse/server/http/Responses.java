package social.muse.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;

/** Writes JSON bodies with the API mapper; one place so every endpoint serialises the same way. */
public final class Responses {
    private final ObjectMapper mapper;

    public Responses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void json(ServerResponse res, Object body) {
        json(res, 200, "application/json; charset=utf-8", body);
    }

    public void json(ServerResponse res, int status, String contentType, Object body) {
        try {
            res.status(status).header(HeaderNames.CONTENT_TYPE, contentType).send(mapper.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not serialise " + body.getClass().getSimpleName(), e);
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
