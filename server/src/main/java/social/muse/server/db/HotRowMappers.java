package social.muse.server.db;

import org.jdbi.v3.core.mapper.RowMapper;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Hand-written mappers for the rows read most (every status on every timeline page, and its author): Jdbi's record
 * mapper matches columns to constructor parameters by reflection on every statement, which the home timeline
 * benchmark showed as a large share of a page's CPU time. Columns are read by name, so they work with any query that
 * selects the DAO's column list, in any order.
 */
final class HotRowMappers {
    private HotRowMappers() {
    }

    static final RowMapper<AccountRow> ACCOUNT = (rs, ctx) -> new AccountRow(
            rs.getLong("id"),
            rs.getString("username"),
            rs.getString("domain"),
            rs.getString("display_name"),
            rs.getString("note"),
            rs.getString("fields"),
            rs.getBoolean("locked"),
            rs.getBoolean("bot"),
            rs.getBoolean("discoverable"),
            rs.getBoolean("indexable"),
            rs.getString("avatar_file"),
            rs.getString("header_file"),
            instant(rs, "created_at"),
            instant(rs, "updated_at"),
            instant(rs, "suspended_at"),
            rs.getString("actor_type"),
            rs.getString("uri"),
            rs.getString("url"),
            rs.getString("inbox_url"),
            rs.getString("shared_inbox_url"),
            rs.getString("outbox_url"),
            rs.getString("followers_url"),
            rs.getString("following_url"),
            rs.getString("featured_url"),
            rs.getString("moved_to_uri"),
            instant(rs, "fetched_at"),
            instant(rs, "deleted_at"));

    static final RowMapper<StatusRow> STATUS = (rs, ctx) -> new StatusRow(
            rs.getLong("id"),
            rs.getString("uri"),
            rs.getString("url"),
            rs.getLong("account_id"),
            rs.getBoolean("local"),
            nullableLong(rs, "in_reply_to_id"),
            rs.getString("in_reply_to_uri"),
            nullableLong(rs, "reblog_of_id"),
            rs.getString("content"),
            rs.getString("text_source"),
            rs.getString("spoiler_text"),
            rs.getBoolean("sensitive"),
            rs.getString("visibility"),
            rs.getString("language"),
            strings(rs, "to_uris"),
            strings(rs, "cc_uris"),
            instant(rs, "created_at"),
            instant(rs, "edited_at"),
            instant(rs, "deleted_at"));

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static String[] strings(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? null : (String[]) array.getArray();
    }
}
