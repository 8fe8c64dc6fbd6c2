package social.muse.server.db;

import org.jdbi.v3.core.Handle;

/** What decides whether a remote reader may fetch one of an author's statuses. */
public final class FetchAccessDao {
    /**
     * The reader as the author sees it: blocked by the author, following the author, mentioned in the status.
     */
    public record Standing(boolean blocked, boolean follower, boolean mentioned) {
    }

    public Standing standing(Handle h, long authorId, long statusId, long readerId) {
        return h.createQuery("""
                        SELECT EXISTS (SELECT 1 FROM blocks WHERE account_id = :author AND target_account_id = :reader) AS blocked,
                               EXISTS (SELECT 1 FROM follows WHERE account_id = :reader AND target_account_id = :author) AS follower,
                               EXISTS (SELECT 1 FROM status_mentions WHERE status_id = :status AND account_id = :reader) AS mentioned""")
                .bind("author", authorId).bind("status", statusId).bind("reader", readerId)
                .mapTo(Standing.class).one();
    }

    /** Whether the author blocks the reader. */
    public boolean blocks(Handle h, long authorId, long readerId) {
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM blocks WHERE account_id = :author AND target_account_id = :reader)")
                .bind("author", authorId).bind("reader", readerId)
                .mapTo(Boolean.class).one();
    }
}
