package social.muse.server.db;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;

import java.util.Comparator;
import java.util.List;

/**
 * Pages of statuses as the timelines show them, newest first, each one statement. Visibility is decided here so a page
 * is never short of what the viewer may see: followers-only posts reach followers, direct posts the people they
 * mention, and accounts the viewer blocks or mutes are left out.
 */
public final class TimelineDao {
    private static final String COLUMNS = "s." + StatusDao.COLUMNS.strip().replaceAll(",\\s*", ", s.");
    /** Posts of accounts the viewer blocks or mutes (an expired mute no longer counts). */
    private static final String NOT_SILENCED_BY_VIEWER = " " + """
             AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.account_id = :viewer AND b.target_account_id = s.account_id)
             AND NOT EXISTS (SELECT 1 FROM mutes mu WHERE mu.account_id = :viewer AND mu.target_account_id = s.account_id
                                                     AND (mu.expires_at IS NULL OR mu.expires_at > now()))""";
    private static final String WITH_MEDIA = " AND EXISTS (SELECT 1 FROM media_attachments ma WHERE ma.status_id = s.id)";
    private static final String MENTIONS_VIEWER = "EXISTS (SELECT 1 FROM status_mentions m WHERE m.status_id = s.id AND m.account_id = :viewer)";
    /** Home: one's own posts, posts and boosts of those one follows (boosts unless hidden), direct posts to one. */
    private static final String HOME = " WHERE s.deleted_at IS NULL AND (s.account_id = :viewer"
            + " OR EXISTS (SELECT 1 FROM follows f WHERE f.account_id = :viewer AND f.target_account_id = s.account_id"
            + "            AND (s.reblog_of_id IS NULL OR f.show_reblogs)"
            + "            AND (s.visibility <> 'direct' OR " + MENTIONS_VIEWER + "))"
            + " OR (s.visibility = 'direct' AND " + MENTIONS_VIEWER + "))" + NOT_SILENCED_BY_VIEWER;
    private static final String TAGGED = " JOIN status_tags t ON t.status_id = s.id AND t.name = :tag ";

    /**
     * The viewer's own posts and boosts, those of the accounts it follows, and direct posts that mention it. One scan of
     * the newest statuses, filtered: cheap while followed accounts write a good share of what arrives, slow for a
     * reader who follows a few quiet accounts on a busy instance (56 ms over 100,000 statuses for 2 of 2,000 accounts).
     * Splitting it into per-source branches fixed that case but made PostgreSQL pick per-account scans for older pages
     * of a busy reader (bench/timeline.sh: 513 → 400 pages/s), so the real fix is a home feed kept on write.
     */
    public List<StatusRow> home(Handle h, long viewer, PageQuery page) {
        return page(h, HOME, viewer, page);
    }

    /**
     * Public posts (no boosts, no replies to others), from here ({@code local}), elsewhere ({@code remote}) or both;
     * servers silenced by domain policy are left out.
     */
    public List<StatusRow> publicTimeline(Handle h, Long viewer, boolean local, boolean remote, boolean onlyMedia,
                                          PageQuery page) {
        return page(h, publicFilter(viewer, local, remote, onlyMedia, true), viewer == null ? -1 : viewer, page);
    }

    /** Public posts with the hashtag {@code name} (lower-case), replies included. */
    public List<StatusRow> tag(Handle h, Long viewer, String name, boolean local, boolean remote, boolean onlyMedia,
                               PageQuery page) {
        return page(h, TAGGED + publicFilter(viewer, local, remote, onlyMedia, false), viewer == null ? -1 : viewer, page,
                "tag", name);
    }

    /** Whether the status belongs in the viewer's home timeline (for live streams, which hear of one status at a time). */
    public boolean inHome(Handle h, long viewer, long statusId) {
        return contains(h, HOME, viewer, statusId);
    }

    /** Whether the status belongs in the public timeline, as {@link #publicTimeline} would show it to {@code viewer}. */
    public boolean inPublic(Handle h, Long viewer, long statusId, boolean local, boolean remote) {
        return contains(h, publicFilter(viewer, local, remote, false, true), viewer == null ? -1 : viewer, statusId);
    }

    /** Whether the status belongs in the hashtag timeline of {@code name}, as {@link #tag} would show it. */
    public boolean inTag(Handle h, Long viewer, String name, long statusId, boolean local, boolean remote) {
        return contains(h, TAGGED + publicFilter(viewer, local, remote, false, false), viewer == null ? -1 : viewer, statusId,
                "tag", name);
    }

    /**
     * Public posts, not boosts, not from suspended accounts or silenced servers; the public timelines also leave out
     * replies to someone else ({@code noReplies}), hashtag timelines keep them, as on Mastodon.
     */
    private static String publicFilter(Long viewer, boolean local, boolean remote, boolean onlyMedia, boolean noReplies) {
        return """
                 JOIN accounts a ON a.id = s.account_id
                 WHERE s.deleted_at IS NULL AND s.visibility = 'public' AND s.reblog_of_id IS NULL
                   AND a.suspended_at IS NULL
                   AND NOT EXISTS (SELECT 1 FROM domain_policies d WHERE d.domain = a.domain)""" + "\n"
                + (noReplies ? " AND (s.in_reply_to_uri IS NULL"
                + " OR s.in_reply_to_id IN (SELECT p.id FROM statuses p WHERE p.account_id = s.account_id))" : "")
                + (local ? " AND s.local" : remote ? " AND NOT s.local" : "")
                + (onlyMedia ? WITH_MEDIA : "")
                + (viewer == null ? "" : NOT_SILENCED_BY_VIEWER);
    }

    /**
     * An account's posts the viewer may see: public and unlisted for anyone, followers-only for its followers,
     * direct where the viewer is mentioned; everything for the account itself.
     */
    public List<StatusRow> account(Handle h, long accountId, Long viewer, boolean excludeReplies, boolean excludeReblogs,
                                   boolean onlyMedia, PageQuery page) {
        return page(h, " WHERE s.account_id = :account AND s.deleted_at IS NULL"
                        + " AND (s.visibility IN ('public', 'unlisted') OR s.account_id = :viewer"
                        + "      OR (s.visibility = 'private' AND EXISTS (SELECT 1 FROM follows f"
                        + "          WHERE f.account_id = :viewer AND f.target_account_id = :account))"
                        + "      OR " + MENTIONS_VIEWER + ")"
                        + (excludeReplies ? " AND (s.in_reply_to_uri IS NULL OR s.in_reply_to_id IN"
                        + " (SELECT p.id FROM statuses p WHERE p.account_id = :account))" : "")
                        + (excludeReblogs ? " AND s.reblog_of_id IS NULL" : "")
                        + (onlyMedia ? WITH_MEDIA : ""),
                viewer == null ? -1 : viewer, page, "account", accountId);
    }

    /** Replies to {@code statusId}, at any depth, oldest first (visibility is the caller's to check). */
    public List<StatusRow> descendants(Handle h, long statusId, int limit) {
        return h.createQuery("WITH RECURSIVE thread(id, depth) AS ("
                        + " SELECT id, 1 FROM statuses WHERE in_reply_to_id = :id"
                        + " UNION ALL SELECT c.id, t.depth + 1 FROM statuses c JOIN thread t ON c.in_reply_to_id = t.id"
                        + " WHERE t.depth < 64)"
                        + " SELECT " + COLUMNS + " FROM statuses s JOIN thread t ON t.id = s.id"
                        + " WHERE s.deleted_at IS NULL ORDER BY s.id LIMIT :limit")
                .bind("id", statusId).bind("limit", limit)
                .mapTo(StatusRow.class).list();
    }

    /** The statuses {@code viewer} favourited, by favourite (the cursor), newest first. */
    public List<Marked> favourites(Handle h, long viewer, PageQuery page) {
        return marked(h, "favourites", viewer, page);
    }

    /** The statuses {@code viewer} bookmarked, by bookmark (the cursor), newest first. */
    public List<Marked> bookmarks(Handle h, long viewer, PageQuery page) {
        return marked(h, "bookmarks", viewer, page);
    }

    private List<Marked> marked(Handle h, String table, long viewer, PageQuery page) {
        return page.bind(h.createQuery("SELECT f.id AS cursor, " + COLUMNS + " FROM " + table + " f"
                        + " JOIN statuses s ON s.id = f.status_id WHERE f.account_id = :viewer AND s.deleted_at IS NULL AND "
                        + page.conditions("f.id") + " ORDER BY " + page.order("f.id") + " LIMIT :limit")
                        .bind("viewer", viewer))
                .map(MARKED)
                .list().stream()
                .sorted(Comparator.comparingLong(Marked::cursor).reversed())
                .toList();
    }

    /** A favourited or bookmarked status with the favourite's or bookmark's id, which pages the list. */
    public record Marked(long cursor, StatusRow status) {
    }

    /** A mark's cursor beside its status, the status mapper found once per statement rather than once per row. */
    private static final RowMapper<Marked> MARKED = new RowMapper<>() {
        @Override
        public RowMapper<Marked> specialize(ResultSet rs, StatementContext ctx) throws SQLException {
            RowMapper<StatusRow> status = ctx.findMapperFor(StatusRow.class).orElseThrow().specialize(rs, ctx);
            return (row, context) -> new Marked(row.getLong("cursor"), status.map(row, context));
        }

        @Override
        public Marked map(ResultSet rs, StatementContext ctx) throws SQLException {
            return specialize(rs, ctx).map(rs, ctx);
        }
    };

    /** An account that favourited or boosted, with the favourite's or boost's id (the paging cursor). */
    public record Reaction(long cursor, long accountId) {
    }

    /** Who favourited ({@code favourites}) or boosted a status, newest first. */
    public List<Reaction> reactions(Handle h, long statusId, boolean favourites, PageQuery page) {
        String table = favourites ? "favourites r" : "statuses r";
        String on = favourites ? "r.status_id = :id" : "r.reblog_of_id = :id AND r.deleted_at IS NULL";
        return page.bind(h.createQuery("SELECT r.id AS cursor, r.account_id FROM " + table + " WHERE " + on + " AND "
                        + page.conditions("r.id") + " ORDER BY " + page.order("r.id") + " LIMIT :limit")
                        .bind("id", statusId))
                .mapTo(Reaction.class).list().stream()
                .sorted(Comparator.comparingLong(Reaction::cursor).reversed())
                .toList();
    }

    private List<StatusRow> page(Handle h, String from, long viewer, PageQuery page, Object... more) {
        var query = bind(h.createQuery("SELECT " + COLUMNS + " FROM statuses s " + from + " AND " + page.conditions("s.id")
                + " ORDER BY " + page.order("s.id") + " LIMIT :limit"), viewer, more);
        return page.bind(query).mapTo(StatusRow.class).list().stream()
                .sorted(Comparator.comparingLong(StatusRow::id).reversed())
                .toList();
    }

    private boolean contains(Handle h, String from, long viewer, long statusId, Object... more) {
        return bind(h.createQuery("SELECT EXISTS (SELECT 1 FROM statuses s " + from + " AND s.id = :status)"), viewer, more)
                .bind("status", statusId).mapTo(Boolean.class).one();
    }

    private static Query bind(Query query, long viewer, Object... more) {
        query.bind("viewer", viewer);
        for (int i = 0; i < more.length; i += 2) {
            query.bind((String) more[i], more[i + 1]);
        }
        return query;
    }
}
