package social.muse.server.db;

import org.jdbi.v3.core.Handle;

import java.util.List;

/** Pinned statuses (an actor's {@code featured} collection), local and remote. */
public final class PinDao {

    /** True when the status was not pinned before. */
    public boolean pin(Handle h, long accountId, long statusId) {
        return h.createUpdate("""
                        INSERT INTO status_pins (account_id, status_id) VALUES (:a, :s)
                        ON CONFLICT (account_id, status_id) DO NOTHING""")
                .bind("a", accountId).bind("s", statusId).execute() > 0;
    }

    /** True when the status was pinned. */
    public boolean unpin(Handle h, long accountId, long statusId) {
        return h.createUpdate("DELETE FROM status_pins WHERE account_id = :a AND status_id = :s")
                .bind("a", accountId).bind("s", statusId).execute() > 0;
    }

    public boolean pinned(Handle h, long accountId, long statusId) {
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM status_pins WHERE account_id = :a AND status_id = :s)")
                .bind("a", accountId).bind("s", statusId).mapTo(Boolean.class).one();
    }

    public int count(Handle h, long accountId) {
        return h.createQuery("SELECT count(*) FROM status_pins WHERE account_id = :a")
                .bind("a", accountId).mapTo(Integer.class).one();
    }

    /** The account's pinned statuses that still stand, most recently pinned first. */
    public List<StatusRow> pinnedStatuses(Handle h, long accountId) {
        return h.createQuery("SELECT " + StatusDao.COLUMNS + " " + """
                        FROM statuses
                        JOIN (SELECT status_id, id AS pin_id FROM status_pins WHERE account_id = :a) p ON p.status_id = id
                        WHERE deleted_at IS NULL
                        ORDER BY p.pin_id DESC""")
                .bind("a", accountId).mapTo(StatusRow.class).list();
    }
}
