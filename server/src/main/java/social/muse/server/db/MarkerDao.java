package social.muse.server.db;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Reading positions (Mastodon's markers); each save bumps the version. */
public final class MarkerDao {
    public record MarkerRow(String timeline, String lastReadId, int version, Instant updatedAt) {
    }

    public List<MarkerRow> markers(Handle h, long accountId, Collection<String> timelines) {
        return h.createQuery("""
                        SELECT timeline, last_read_id, version, updated_at FROM markers
                        WHERE account_id = :a AND timeline = ANY(:timelines)""")
                .bind("a", accountId).bindArray("timelines", String.class, timelines.toArray())
                .mapTo(MarkerRow.class).list();
    }

    public void save(Handle h, long accountId, String timeline, String lastReadId) {
        h.createUpdate("""
                        INSERT INTO markers AS m (account_id, timeline, last_read_id) VALUES (:a, :t, :id)
                        ON CONFLICT (account_id, timeline)
                        DO UPDATE SET last_read_id = EXCLUDED.last_read_id, version = m.version + 1, updated_at = now()""")
                .bind("a", accountId).bind("t", timeline).bind("id", lastReadId).execute();
    }
}
