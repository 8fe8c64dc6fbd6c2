package social.muse.server.db;

import org.jdbi.v3.core.Handle;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads what people did to statuses: counts, and a person's own favourite or reblog of one. */
public final class InteractionLookupDao {
    /**
     * What is shown beside a status: its counts, the viewer's own actions on it, its hashtags, who it mentions and
     * whom it answers (null when it is no reply, or the post it answers is unknown here).
     */
    public record StatusDetails(StatusCountsRow counts, List<String> tags, List<Long> mentionedAccountIds,
                                Long inReplyToAccountId) {
        public static final StatusDetails NONE = new StatusDetails(StatusCountsRow.NONE, List.of(), List.of(), null);
    }

    /**
     * The details of each of these statuses as {@code viewerId} sees them (any id that is no account's, e.g. -1, for
     * an anonymous viewer), in one statement for a whole page.
     */
    public Map<Long, StatusDetails> details(Handle h, Collection<Long> statusIds, long viewerId) {
        if (statusIds.isEmpty()) {
            return Map.of();
        }
        return h.createQuery("""
                        SELECT i.id,
                               (SELECT count(*) FROM statuses r WHERE r.in_reply_to_id = i.id AND r.deleted_at IS NULL),
                               (SELECT count(*) FROM statuses r WHERE r.reblog_of_id = i.id AND r.deleted_at IS NULL),
                               (SELECT count(*) FROM favourites f WHERE f.status_id = i.id),
                               EXISTS (SELECT 1 FROM favourites f WHERE f.status_id = i.id AND f.account_id = :viewer),
                               EXISTS (SELECT 1 FROM statuses r WHERE r.reblog_of_id = i.id AND r.account_id = :viewer
                                                                  AND r.deleted_at IS NULL),
                               EXISTS (SELECT 1 FROM status_pins p WHERE p.status_id = i.id AND p.account_id = :viewer),
                               EXISTS (SELECT 1 FROM bookmarks b WHERE b.status_id = i.id AND b.account_id = :viewer),
                               ARRAY(SELECT t.name FROM status_tags t WHERE t.status_id = i.id ORDER BY t.name),
                               ARRAY(SELECT m.account_id FROM status_mentions m WHERE m.status_id = i.id),
                               (SELECT p.account_id FROM statuses s JOIN statuses p ON p.id = s.in_reply_to_id
                                 WHERE s.id = i.id)
                          FROM unnest(:ids) AS i(id)""")
                .bindArray("ids", Long.class, statusIds.toArray()).bind("viewer", viewerId)
                .map((rs, ctx) -> Map.entry(rs.getLong(1), new StatusDetails(
                        new StatusCountsRow(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getBoolean(5),
                                rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8)),
                        List.of((String[]) rs.getArray(9).getArray()),
                        List.of((Long[]) rs.getArray(10).getArray()),
                        rs.getObject(11, Long.class))))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (x, y) -> x));
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
