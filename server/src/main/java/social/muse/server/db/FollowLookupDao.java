package social.muse.server.db;

import org.jdbi.v3.core.Handle;

import java.util.Optional;

/** Finds follows and follow requests by the id of the Follow activity that made them. */
public final class FollowLookupDao {
    /** The (follower, followed) pair of a follow or a pending request with this Follow id. */
    public record Pair(long accountId, long targetAccountId) {
    }

    public Optional<Pair> byUri(Handle h, String followUri) {
        return h.createQuery("""
                        SELECT account_id, target_account_id FROM follows WHERE uri = :uri
                        UNION ALL
                        SELECT account_id, target_account_id FROM follow_requests WHERE uri = :uri
                        LIMIT 1""")
                .bind("uri", followUri).mapTo(Pair.class).findOne();
    }
}
