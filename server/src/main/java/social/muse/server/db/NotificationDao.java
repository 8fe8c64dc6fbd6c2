package social.muse.server.db;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Notifications of local accounts. */
public final class NotificationDao {
    private static final String COLUMNS = "id, account_id, from_account_id, type, status_id, created_at";

    public record NotificationRow(long id, long accountId, long fromAccountId, String type, Long statusId,
                                  Instant createdAt) {
    }

    /** Recipients who neither block the sender nor mute its notifications; {@code recipient} names their column. */
    private static String notSilenced(String recipient) {
        return " AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.account_id = " + recipient + " AND b.target_account_id = :from)"
                + " AND NOT EXISTS (SELECT 1 FROM mutes m WHERE m.account_id = " + recipient + " AND m.target_account_id = :from"
                + " AND m.hide_notifications AND (m.expires_at IS NULL OR m.expires_at > now()))"
                + " ON CONFLICT DO NOTHING";
    }

    /**
     * Records the event unless the recipient blocks the sender or mutes its notifications; an event already told is
     * not told again (edits excepted).
     */
    public void insert(Handle h, long accountId, long fromAccountId, String type, Long statusId) {
        h.createUpdate("INSERT INTO notifications (account_id, from_account_id, type, status_id)"
                        + " SELECT :a, :from, :type, :status WHERE true" + notSilenced(":a"))
                .bind("a", accountId).bind("from", fromAccountId).bind("type", type).bind("status", statusId)
                .execute();
    }

    /** As {@link #insert}, told to the status's author when that author is local and not the sender. */
    public void insertForAuthor(Handle h, long fromAccountId, String type, long statusId) {
        h.createUpdate("""
                        INSERT INTO notifications (account_id, from_account_id, type, status_id)
                        SELECT s.account_id, :from, :type, s.id FROM statuses s JOIN accounts a ON a.id = s.account_id
                        WHERE s.id = :status AND a.domain IS NULL AND s.account_id <> :from""" + notSilenced("s.account_id"))
                .bind("from", fromAccountId).bind("type", type).bind("status", statusId)
                .execute();
    }

    /** Tells the local accounts that boosted the status {@code statusId} that its author edited it. */
    public void insertForRebloggers(Handle h, long authorId, long statusId) {
        h.createUpdate("""
                        INSERT INTO notifications (account_id, from_account_id, type, status_id)
                        SELECT DISTINCT r.account_id, :from, 'update', :status
                          FROM statuses r JOIN accounts a ON a.id = r.account_id
                         WHERE r.reblog_of_id = :status AND r.deleted_at IS NULL AND a.domain IS NULL
                           AND r.account_id <> :from""" + notSilenced("r.account_id"))
                .bind("from", authorId).bind("status", statusId)
                .execute();
    }

    /** How many notifications came after {@code afterId} (0 for all), counting at most {@code limit}. */
    public int countAfter(Handle h, long accountId, long afterId, int limit) {
        return h.createQuery("SELECT count(*) FROM (SELECT 1 FROM notifications WHERE account_id = :a AND id > :after"
                        + " LIMIT :limit) n")
                .bind("a", accountId).bind("after", afterId).bind("limit", limit)
                .mapTo(Integer.class).one();
    }

    /** A page of the account's notifications, newest first; {@code types} empty means every type. */
    public List<NotificationRow> page(Handle h, long accountId, Collection<String> types, Collection<String> excluded,
                                      Long fromAccountId, PageQuery page) {
        return page.bind(h.createQuery("SELECT " + COLUMNS + " FROM notifications WHERE account_id = :a"
                        + (types.isEmpty() ? "" : " AND type = ANY(:types)")
                        + (excluded.isEmpty() ? "" : " AND NOT (type = ANY(:excluded))")
                        + (fromAccountId == null ? "" : " AND from_account_id = :from")
                        + " AND " + page.conditions("id") + " ORDER BY " + page.order("id") + " LIMIT :limit")
                        .bind("a", accountId)
                        .bindArray("types", String.class, types.toArray())
                        .bindArray("excluded", String.class, excluded.toArray())
                        .bind("from", fromAccountId))
                .mapTo(NotificationRow.class).list().stream()
                .sorted(Comparator.comparingLong(NotificationRow::id).reversed())
                .toList();
    }

    public Optional<NotificationRow> byId(Handle h, long accountId, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM notifications WHERE id = :id AND account_id = :a")
                .bind("id", id).bind("a", accountId).mapTo(NotificationRow.class).findOne();
    }

    public boolean dismiss(Handle h, long accountId, long id) {
        return h.createUpdate("DELETE FROM notifications WHERE id = :id AND account_id = :a")
                .bind("id", id).bind("a", accountId).execute() > 0;
    }

    public void clear(Handle h, long accountId) {
        h.createUpdate("DELETE FROM notifications WHERE account_id = :a").bind("a", accountId).execute();
    }
}
