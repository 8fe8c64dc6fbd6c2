package social.muse.server.db;

import org.jdbi.v3.core.Handle;

import java.net.URI;
import java.util.Collection;
import java.util.Locale;

/** Outbound activities and the deliveries they fan out into. */
public final class OutboxDao {
    public long insertActivity(Handle h, String uri, long accountId, String type, String json, boolean isPublic,
                               boolean synchronizeFollowers) {
        return h.createQuery("""
                        INSERT INTO outbox_activities (uri, account_id, type, body, public, synchronize_followers)
                        VALUES (:uri, :accountId, :type, CAST(:body AS jsonb), :public, :synchronizeFollowers)
                        RETURNING id""")
                .bind("uri", uri).bind("accountId", accountId).bind("type", type).bind("body", json).bind("public", isPublic)
                .bind("synchronizeFollowers", synchronizeFollowers)
                .mapTo(Long.class).one();
    }

    /** One delivery per distinct inbox; the same inbox twice (shared inboxes) collapses to one row. */
    public void insertDeliveries(Handle h, long activityId, Collection<String> inboxes) {
        var batch = h.prepareBatch("""
                INSERT INTO deliveries (activity_id, inbox_url, host) VALUES (:activityId, :inbox, :host)
                ON CONFLICT (activity_id, inbox_url) DO NOTHING""");
        for (String inbox : inboxes) {
            batch.bind("activityId", activityId).bind("inbox", inbox)
                    .bind("host", URI.create(inbox).getAuthority().toLowerCase(Locale.ROOT)).add();
        }
        if (!inboxes.isEmpty()) {
            batch.execute();
        }
    }

    /** An entry of an actor's outbox page: the activity's row id (the cursor) and its stored JSON. */
    public record Entry(long id, String body) {
    }

    public long countPublic(Handle h, long accountId) {
        return h.createQuery("SELECT count(*) FROM outbox_activities WHERE account_id = :id AND public")
                .bind("id", accountId).mapTo(Long.class).one();
    }

    /** Public activities newest first, below the cursor {@code maxId}, at most {@code limit}. */
    public java.util.List<Entry> publicPage(Handle h, long accountId, long maxId, int limit) {
        return h.createQuery("""
                        SELECT id, body::text AS body FROM outbox_activities
                         WHERE account_id = :id AND public AND id < :maxId
                         ORDER BY id DESC LIMIT :limit""")
                .bind("id", accountId).bind("maxId", maxId).bind("limit", limit)
                .mapTo(Entry.class).list();
    }
}
