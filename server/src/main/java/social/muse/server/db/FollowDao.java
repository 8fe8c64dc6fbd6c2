package social.muse.server.db;

import org.jdbi.v3.core.Handle;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Accepted follows and pending follow requests. */
public final class FollowDao {
    public record FollowRow(long id, long accountId, long targetAccountId, String uri) {
    }

    /** A page entry of a followers/following collection: the follow's id (the cursor) and the other account's id. */
    public record Entry(long followId, long accountId) {
    }

    public void insertFollow(Handle h, long accountId, long targetId, String uri) {
        h.createUpdate("""
                        INSERT INTO follows (account_id, target_account_id, uri) VALUES (:a, :t, :uri)
                        ON CONFLICT (account_id, target_account_id) DO UPDATE SET uri = coalesce(EXCLUDED.uri, follows.uri)""")
                .bind("a", accountId).bind("t", targetId).bind("uri", uri)
                .execute();
    }

    public boolean deleteFollow(Handle h, long accountId, long targetId) {
        return h.createUpdate("DELETE FROM follows WHERE account_id = :a AND target_account_id = :t")
                .bind("a", accountId).bind("t", targetId).execute() > 0;
    }

    public Optional<FollowRow> follow(Handle h, long accountId, long targetId) {
        return h.createQuery("SELECT id, account_id, target_account_id, uri FROM follows WHERE account_id = :a AND target_account_id = :t")
                .bind("a", accountId).bind("t", targetId)
                .mapTo(FollowRow.class).findOne();
    }

    public void insertRequest(Handle h, long accountId, long targetId, String uri) {
        h.createUpdate("""
                        INSERT INTO follow_requests (account_id, target_account_id, uri) VALUES (:a, :t, :uri)
                        ON CONFLICT (account_id, target_account_id) DO UPDATE SET uri = coalesce(EXCLUDED.uri, follow_requests.uri)""")
                .bind("a", accountId).bind("t", targetId).bind("uri", uri)
                .execute();
    }

    public Optional<FollowRow> request(Handle h, long accountId, long targetId) {
        return h.createQuery("SELECT id, account_id, target_account_id, uri FROM follow_requests WHERE account_id = :a AND target_account_id = :t")
                .bind("a", accountId).bind("t", targetId)
                .mapTo(FollowRow.class).findOne();
    }

    public boolean deleteRequest(Handle h, long accountId, long targetId) {
        return h.createUpdate("DELETE FROM follow_requests WHERE account_id = :a AND target_account_id = :t")
                .bind("a", accountId).bind("t", targetId).execute() > 0;
    }

    public long countFollowers(Handle h, long accountId) {
        return h.createQuery("SELECT count(*) FROM follows WHERE target_account_id = :id").bind("id", accountId).mapTo(Long.class).one();
    }

    public long countFollowing(Handle h, long accountId) {
        return h.createQuery("SELECT count(*) FROM follows WHERE account_id = :id").bind("id", accountId).mapTo(Long.class).one();
    }

    public List<Entry> followers(Handle h, long accountId, long maxId, int limit) {
        return entries(h, "target_account_id = :id", "account_id", accountId, maxId, limit);
    }

    public List<Entry> following(Handle h, long accountId, long maxId, int limit) {
        return entries(h, "account_id = :id", "target_account_id", accountId, maxId, limit);
    }

    private List<Entry> entries(Handle h, String owner, String other, long accountId, long maxId, int limit) {
        return h.createQuery("SELECT id AS follow_id, " + other + " AS account_id FROM follows WHERE " + owner
                        + " AND id < :maxId ORDER BY id DESC LIMIT :limit")
                .bind("id", accountId).bind("maxId", maxId).bind("limit", limit)
                .mapTo(Entry.class).list();
    }

    /**
     * The inboxes to deliver a followers-addressed activity to: one per remote server with a shared
     * inbox, else each follower's own inbox.
     */
    public List<String> remoteFollowerInboxes(Handle h, long accountId) {
        return h.createQuery("""
                        SELECT DISTINCT coalesce(a.shared_inbox_url, a.inbox_url)
                          FROM follows f JOIN accounts a ON a.id = f.account_id
                         WHERE f.target_account_id = :id AND a.domain IS NOT NULL AND a.inbox_url IS NOT NULL
                           AND a.deleted_at IS NULL AND a.suspended_at IS NULL""")
                .bind("id", accountId)
                .mapTo(String.class).list();
    }

    /** The ids of {@code accountId}'s remote followers on {@code domains} (FEP-8fcf's partial followers collections). */
    public List<String> remoteFollowerUris(Handle h, long accountId, Collection<String> domains) {
        return h.createQuery("""
                        SELECT a.uri FROM follows f JOIN accounts a ON a.id = f.account_id
                         WHERE f.target_account_id = :id AND a.domain = ANY(:domains)""")
                .bind("id", accountId)
                .bindArray("domains", String.class, domains.toArray())
                .mapTo(String.class).list();
    }

    /** Local accounts following, or asking to follow, {@code targetId} (a remote account). */
    public List<Long> localFollowerIds(Handle h, long targetId, boolean requests) {
        return h.createQuery("SELECT f.account_id FROM " + (requests ? "follow_requests" : "follows") + " " + """
                         f JOIN accounts a ON a.id = f.account_id
                         WHERE f.target_account_id = :id AND a.domain IS NULL""")
                .bind("id", targetId)
                .mapTo(Long.class).list();
    }

    /** A page of {@code accountId}'s followers ({@code followers}) or follows, by follow row, newest first. */
    public List<Entry> page(Handle h, long accountId, boolean followers, PageQuery page) {
        return pageOf(h, "follows", followers ? "target_account_id" : "account_id",
                followers ? "account_id" : "target_account_id", accountId, page);
    }

    /** A page of the requests to follow {@code accountId}, newest first. */
    public List<Entry> requestPage(Handle h, long accountId, PageQuery page) {
        return pageOf(h, "follow_requests", "target_account_id", "account_id", accountId, page);
    }

    private List<Entry> pageOf(Handle h, String table, String owner, String other, long accountId, PageQuery page) {
        return page.bind(h.createQuery("SELECT id AS follow_id, " + other + " AS account_id FROM " + table + " WHERE "
                        + owner + " = :id AND " + page.conditions("id") + " ORDER BY " + page.order("id") + " LIMIT :limit")
                        .bind("id", accountId))
                .mapTo(Entry.class).list().stream()
                .sorted(java.util.Comparator.comparingLong(Entry::followId).reversed())
                .toList();
    }

    /** Whether either account blocks the other: no follow may start between them then, as on Mastodon. */
    public boolean blockedEitherWay(Handle h, long accountId, long otherId) {
        return h.createQuery("""
                        SELECT EXISTS (SELECT 1 FROM blocks WHERE (account_id = :a AND target_account_id = :b)
                                                             OR (account_id = :b AND target_account_id = :a))""")
                .bind("a", accountId).bind("b", otherId).mapTo(Boolean.class).one();
    }
}
