package social.muse.server.db;

import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Optional;

/** What remote actors do to posts and people: favourites, reblogs, blocks and account moves. */
public final class InteractionDao {
    public Optional<Long> statusIdByUriAndAuthor(Handle h, String uri, long accountId) {
        return h.createQuery("SELECT id FROM statuses WHERE uri = :uri AND account_id = :a AND deleted_at IS NULL")
                .bind("uri", uri).bind("a", accountId).mapTo(Long.class).findOne();
    }

    public Optional<Long> statusIdByUri(Handle h, String uri) {
        return h.createQuery("SELECT id FROM statuses WHERE uri = :uri AND deleted_at IS NULL")
                .bind("uri", uri).mapTo(Long.class).findOne();
    }

    /** True when this is a new favourite, false when the account had favourited the status already. */
    public boolean favourite(Handle h, long accountId, long statusId, String uri) {
        return h.createUpdate("""
                        INSERT INTO favourites (account_id, status_id, uri) VALUES (:a, :s, :uri)
                        ON CONFLICT (account_id, status_id) DO NOTHING""")
                .bind("a", accountId).bind("s", statusId).bind("uri", uri).execute() > 0;
    }

    public boolean unfavourite(Handle h, long accountId, String statusUri) {
        return h.createUpdate("""
                        DELETE FROM favourites WHERE account_id = :a
                           AND status_id IN (SELECT id FROM statuses WHERE uri = :uri)""")
                .bind("a", accountId).bind("uri", statusUri).execute() > 0;
    }

    /** A reblog is a status of its own whose uri is the Announce's id; it is local when the reblogger is. */
    public void reblog(Handle h, long accountId, long statusId, String announceUri, String visibility) {
        h.createUpdate("""
                        INSERT INTO statuses (uri, account_id, local, reblog_of_id, visibility)
                        VALUES (:uri, :a, (SELECT domain IS NULL FROM accounts WHERE id = :a), :s, :visibility)
                        ON CONFLICT (uri) DO NOTHING""")
                .bind("uri", announceUri).bind("a", accountId).bind("s", statusId).bind("visibility", visibility)
                .execute();
    }

    /** Undoes a favourite or a reblog known by its activity id; true when there was one. */
    public boolean undoByActivityUri(Handle h, long accountId, String activityUri) {
        int favourites = h.createUpdate("DELETE FROM favourites WHERE account_id = :a AND uri = :uri")
                .bind("a", accountId).bind("uri", activityUri).execute();
        int reblogs = h.createUpdate("DELETE FROM statuses WHERE account_id = :a AND uri = :uri AND reblog_of_id IS NOT NULL")
                .bind("a", accountId).bind("uri", activityUri).execute();
        return favourites + reblogs > 0;
    }

    public boolean unreblog(Handle h, long accountId, String rebloggedUri) {
        return h.createUpdate("""
                        DELETE FROM statuses WHERE account_id = :a
                           AND reblog_of_id IN (SELECT id FROM statuses WHERE uri = :uri)""")
                .bind("a", accountId).bind("uri", rebloggedUri).execute() > 0;
    }

    /** A block ends every follow and request between the two accounts, both ways. */
    public void block(Handle h, long accountId, long targetId, String uri) {
        h.createUpdate("""
                        INSERT INTO blocks (account_id, target_account_id, uri) VALUES (:a, :t, :uri)
                        ON CONFLICT (account_id, target_account_id) DO UPDATE SET uri = EXCLUDED.uri""")
                .bind("a", accountId).bind("t", targetId).bind("uri", uri).execute();
        for (String table : List.of("follows", "follow_requests")) {
            h.createUpdate("DELETE FROM " + table
                            + " WHERE (account_id = :a AND target_account_id = :t) OR (account_id = :t AND target_account_id = :a)")
                    .bind("a", accountId).bind("t", targetId).execute();
        }
    }

    public record BlockRow(long id, long targetAccountId, String uri) {
    }

    public Optional<BlockRow> blockOf(Handle h, long accountId, long targetId) {
        return h.createQuery("SELECT id, target_account_id, uri FROM blocks WHERE account_id = :a AND target_account_id = :t")
                .bind("a", accountId).bind("t", targetId).mapTo(BlockRow.class).findOne();
    }

    /** A page of the accounts {@code accountId} blocks, newest block first. */
    public List<BlockRow> blockPage(Handle h, long accountId, PageQuery page) {
        return page.bind(h.createQuery("SELECT id, target_account_id, uri FROM blocks WHERE account_id = :a AND "
                        + page.conditions("id") + " ORDER BY " + page.order("id") + " LIMIT :limit")
                        .bind("a", accountId))
                .mapTo(BlockRow.class).list().stream()
                .sorted(java.util.Comparator.comparingLong(BlockRow::id).reversed())
                .toList();
    }

    public void unblock(Handle h, long accountId, long targetId) {
        h.createUpdate("DELETE FROM blocks WHERE account_id = :a AND target_account_id = :t")
                .bind("a", accountId).bind("t", targetId).execute();
    }

    /** The account moved to {@code toUri} (Mastodon shows it as moved). */
    public void markMoved(Handle h, long accountId, String toUri) {
        h.createUpdate("UPDATE accounts SET moved_to_uri = :uri WHERE id = :id").bind("uri", toUri).bind("id", accountId)
                .execute();
    }

    /** The local accounts that block {@code targetId}. */
    public List<Long> localBlockerIds(Handle h, long targetId) {
        return h.createQuery("""
                        SELECT b.account_id FROM blocks b JOIN accounts a ON a.id = b.account_id
                         WHERE b.target_account_id = :t AND a.domain IS NULL""")
                .bind("t", targetId).mapTo(Long.class).list();
    }

    /** Bookmarks the status for the account; bookmarking again changes nothing. */
    public void bookmark(Handle h, long accountId, long statusId) {
        h.createUpdate("INSERT INTO bookmarks (account_id, status_id) VALUES (:a, :s) ON CONFLICT DO NOTHING")
                .bind("a", accountId).bind("s", statusId).execute();
    }

    public void unbookmark(Handle h, long accountId, long statusId) {
        h.createUpdate("DELETE FROM bookmarks WHERE account_id = :a AND status_id = :s")
                .bind("a", accountId).bind("s", statusId).execute();
    }
}
