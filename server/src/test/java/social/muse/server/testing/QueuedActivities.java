package social.muse.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** What an instance has put on its delivery queue: one entry per (activity, inbox), oldest first. */
public final class QueuedActivities {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public record Queued(String uri, String body, String inboxUrl) {
        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private QueuedActivities() {
    }

    public static List<Queued> ofType(TestInstance instance, String type) {
        return instance.app().database().jdbi().withHandle(h -> h.createQuery("""
                        SELECT a.uri, a.body::text AS body, d.inbox_url FROM outbox_activities a JOIN deliveries d ON d.activity_id = a.id
                         WHERE a.type = :type ORDER BY a.id, d.id""").bind("type", type)
                .map((rs, ctx) -> new Queued(rs.getString("uri"), rs.getString("body"), rs.getString("inbox_url"))).list());
    }
}
