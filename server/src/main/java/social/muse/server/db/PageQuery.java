package social.muse.server.db;

import org.jdbi.v3.core.statement.Query;

/**
 * A page of a list kept newest first, as Mastodon's API pages it: {@code maxId} (older than), {@code sinceId} (newer
 * than, newest first) and {@code minId} (the page just after it, oldest first, returned newest first); ids are the
 * list's own row ids.
 */
public record PageQuery(Long maxId, Long sinceId, Long minId, int limit) {

    /** {@code WHERE} conditions on {@code column} binding {@code :maxId}, {@code :sinceId} and {@code :minId}. */
    String conditions(String column) {
        return "(CAST(:maxId AS bigint) IS NULL OR " + column + " < :maxId)"
                + " AND (CAST(:sinceId AS bigint) IS NULL OR " + column + " > :sinceId)"
                + " AND (CAST(:minId AS bigint) IS NULL OR " + column + " > :minId)";
    }

    /** {@code ORDER BY} for {@code column}: ascending when paging forward from {@code minId}, so the page touches it. */
    String order(String column) {
        return column + (minId != null ? " ASC" : " DESC");
    }

    Query bind(Query query) {
        return query.bind("maxId", maxId).bind("sinceId", sinceId).bind("minId", minId).bind("limit", limit);
    }
}
