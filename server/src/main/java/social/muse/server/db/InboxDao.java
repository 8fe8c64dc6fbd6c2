package social.muse.server.db;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;

/** Received activities waiting to be processed, claimed by workers with row locks. */
public final class InboxDao {
    public record InboxItemRow(long id, String activityUri, String actorUri, String keyId, Long recipientId,
                               String body, int attempts) {
    }

    /** Stores the activity unless one with the same id was received before; true when it is new. */
    public boolean insert(Handle h, String activityUri, String actorUri, String keyId, Long recipientId, String json) {
        return h.createUpdate("""
                        INSERT INTO inbox_items (activity_uri, actor_uri, key_id, recipient_id, body)
                        VALUES (:uri, :actor, :keyId, :recipient, CAST(:body AS jsonb))
                        ON CONFLICT (activity_uri) DO NOTHING""")
                .bind("uri", activityUri).bind("actor", actorUri).bind("keyId", keyId)
                .bind("recipient", recipientId).bind("body", json)
                .execute() > 0;
    }

    /** Due items, locked for the caller's transaction; other workers skip them. */
    public List<InboxItemRow> claimDue(Handle h, int limit) {
        return h.createQuery("""
                        SELECT id, activity_uri, actor_uri, key_id, recipient_id, body::text AS body, attempts
                          FROM inbox_items
                         WHERE state = 'pending' AND next_attempt_at <= now()
                         ORDER BY next_attempt_at
                         LIMIT :limit
                           FOR UPDATE SKIP LOCKED""")
                .bind("limit", limit)
                .mapTo(InboxItemRow.class).list();
    }

    public void markDone(Handle h, long id) {
        h.createUpdate("UPDATE inbox_items SET state = 'done', attempts = attempts + 1, processed_at = now(), last_error = NULL WHERE id = :id")
                .bind("id", id).execute();
    }

    /** Records a failed attempt: retried at {@code nextAttempt}, or given up when that is null. */
    public void markFailed(Handle h, long id, String error, Instant nextAttempt) {
        h.createUpdate("""
                        UPDATE inbox_items
                           SET attempts = attempts + 1, last_error = :error,
                               state = CASE WHEN CAST(:next AS timestamptz) IS NULL THEN 'failed' ELSE 'pending' END,
                               next_attempt_at = coalesce(CAST(:next AS timestamptz), next_attempt_at),
                               processed_at = CASE WHEN CAST(:next AS timestamptz) IS NULL THEN now() END
                         WHERE id = :id""")
                .bind("id", id).bind("error", error).bind("next", nextAttempt).execute();
    }
}
