package social.muse.server.db;

import org.jdbi.v3.core.Handle;

import java.util.List;

/** Hashtags as a whole: how much they are used. */
public final class TagDao {
    /** One UTC day of a hashtag's use: the day's midnight (epoch seconds), public posts with it and their authors. */
    public record DayOfUse(long day, long uses, long accounts) {
    }

    /** The last seven UTC days of public posts tagged {@code name} (lower-case), today first, days without use included. */
    public List<DayOfUse> week(Handle h, String name) {
        return h.createQuery("""
                        WITH used AS (SELECT s.created_at, s.account_id FROM status_tags t JOIN statuses s ON s.id = t.status_id
                                       WHERE t.name = :name AND s.deleted_at IS NULL AND s.visibility = 'public'
                                         AND s.created_at >= date_trunc('day', now(), 'UTC') - interval '6 days')
                        SELECT extract(epoch FROM d)::bigint AS day, count(u.created_at) AS uses,
                               count(DISTINCT u.account_id) AS accounts
                          FROM generate_series(date_trunc('day', now(), 'UTC') - interval '6 days',
                                               date_trunc('day', now(), 'UTC'), interval '1 day') d
                          LEFT JOIN used u ON u.created_at >= d AND u.created_at < d + interval '1 day'
                         GROUP BY d ORDER BY d DESC""")
                .bind("name", name).mapTo(DayOfUse.class).list();
    }
}
