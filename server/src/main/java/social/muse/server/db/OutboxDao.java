package social.muse.server.db;

import org.jdbi.v3.core.Handle;

import java.net.URI;
import java.util.Collection;
import java.util.Locale;

/** Outbound activities and the deliveries they fan out into. */
public final class OutboxDao {
    public long insertActivity(Handle h, String uri, long accountId, String type, String json, boolean isPublic) {
        return h.createQuery("""
                        INSERT INTO outbox_activities (uri, account_id, type, body, public)
                        VALUES (:uri, :accountId, :type, CAST(:body AS jsonb), :public)
                        RETURNING id""")
                .bind("uri", uri).bind("accountId", accountId).bind("type", type).bind("body", json).bind("public", isPublic)
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

    public long nextActivityId(Handle h) {
        return h.createQuery("SELECT next_id()").mapTo(Long.class).one();
    }
}
