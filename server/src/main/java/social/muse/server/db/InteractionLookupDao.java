package social.muse.server.db;

import org.jdbi.v3.core.Handle;

import java.util.Optional;

/** Reads what people did to statuses: counts, and a person's own favourite or reblog of one. */
public final class InteractionLookupDao {
    /** {@code viewerId} may be any id that is no account's (e.g. -1) for an anonymous viewer. */
    public StatusCountsRow counts(Handle h, long statusId, long viewerId) {
        return h.createQuery("""
                        SELECT (SELECT count(*) FROM statuses WHERE in_reply_to_id = :id AND deleted_at IS NULL) AS replies_count,
                               (SELECT count(*) FROM statuses WHERE reblog_of_id = :id AND deleted_at IS NULL) AS reblogs_count,
                               (SELECT count(*) FROM favourites WHERE status_id = :id) AS favourites_count,
                               EXISTS (SELECT 1 FROM favourites WHERE status_id = :id AND account_id = :viewer) AS favourited,
                               EXISTS (SELECT 1 FROM statuses WHERE reblog_of_id = :id AND account_id = :viewer
                                                                AND deleted_at IS NULL) AS reblogged,
                               EXISTS (SELECT 1 FROM status_pins WHERE status_id = :id AND account_id = :viewer) AS pinned""")
                .bind("id", statusId).bind("viewer", viewerId)
                .mapTo(StatusCountsRow.class).one();
    }

    /** A favourite; {@code uri} is the id of the Like that made it (null if none was ever minted). */
    public record Favourite(String uri) {
    }

    public Optional<Favourite> favourite(Handle h, long accountId, long statusId) {
        return h.createQuery("SELECT uri FROM favourites WHERE account_id = :a AND status_id = :s")
                .bind("a", accountId).bind("s", statusId).mapTo(Favourite.class).findOne();
    }

    public Optional<StatusRow> reblogBy(Handle h, long accountId, long statusId) {
        return h.createQuery("SELECT " + StatusDao.COLUMNS + " " + """
                        FROM statuses WHERE account_id = :a AND reblog_of_id = :s AND deleted_at IS NULL
                        ORDER BY id LIMIT 1""")
                .bind("a", accountId).bind("s", statusId).mapTo(StatusRow.class).findOne();
    }

    public boolean isMentioned(Handle h, long statusId, long accountId) {
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM status_mentions WHERE status_id = :s AND account_id = :a)")
                .bind("s", statusId).bind("a", accountId).mapTo(Boolean.class).one();
    }
}
