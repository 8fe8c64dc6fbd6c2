package social.muse.server.db;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;

/** Reports for this instance's moderators: made here through the Mastodon API, or received from other servers as Flags. */
public final class ReportDao {
    public record ReportRow(long id, long targetAccountId, String category, String comment, Long[] statusIds,
                            boolean forwarded, Instant createdAt) {
    }

    /** A Flag received from another server; one Flag id is stored once. */
    public void insertFlag(Handle h, String uri, long accountId, long targetId, List<String> statusUris, String comment) {
        h.createUpdate("""
                        INSERT INTO reports (uri, account_id, target_account_id, status_uris, comment)
                        VALUES (:uri, :a, :t, :statuses, :comment)
                        ON CONFLICT (uri) DO NOTHING""")
                .bind("uri", uri).bind("a", accountId).bind("t", targetId)
                .bindArray("statuses", String.class, statusUris).bind("comment", comment).execute();
    }

    public ReportRow insert(Handle h, long accountId, long targetId, String category, String comment,
                            List<Long> statusIds, List<String> statusUris, String flagUri) {
        return h.createQuery("""
                        INSERT INTO reports (uri, account_id, target_account_id, category, comment, status_ids, status_uris,
                                             forwarded)
                        VALUES (:uri, :a, :t, :category, :comment, :ids, :uris, :uri IS NOT NULL)
                        RETURNING id, target_account_id, category, comment, status_ids, forwarded, created_at""")
                .bind("uri", flagUri).bind("a", accountId).bind("t", targetId).bind("category", category)
                .bind("comment", comment).bindArray("ids", Long.class, statusIds.toArray())
                .bindArray("uris", String.class, statusUris.toArray())
                .mapTo(ReportRow.class).one();
    }
}
