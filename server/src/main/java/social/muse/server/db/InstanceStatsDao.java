package social.muse.server.db;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

import java.time.Instant;
import java.util.List;

/** Counts for the instance's public statistics (NodeInfo, /api/v1/instance). Read-only. */
public final class InstanceStatsDao {
    /**
     * The local people who can use the instance: a local account (no domain) that is not suspended,
     * with a confirmed and approved sign-in. Accounts without a users row (the future instance actor)
     * and sign-ups still waiting for approval are not people using the instance yet.
     */
    private static final String LOCAL_USERS = """
            FROM accounts a
            JOIN users u ON u.account_id = a.id
            WHERE a.domain IS NULL
              AND a.suspended_at IS NULL
              AND u.approved
              AND u.confirmed_at IS NOT NULL
            """;

    private final Jdbi jdbi;

    public InstanceStatsDao(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public record UserCountsRow(long total, long activeMonth, long activeHalfyear) {
    }

    public record WeekRow(Instant weekStart, long registrations, long logins) {
    }

    /**
     * The number of local users, and of those active since each cut-off. Active means the person
     * signed up, signed in (an OAuth token or a browser session was created) or used a token
     * ({@code oauth_tokens.last_used_at}) since the cut-off.
     */
    public UserCountsRow userCounts(Instant activeMonthSince, Instant activeHalfyearSince) {
        return jdbi.withHandle(h -> h.createQuery("""
                        WITH local_users AS (
                            SELECT a.id, u.created_at
                        """ + LOCAL_USERS + """
                        ), last_seen AS (
                            SELECT l.id,
                                   greatest(l.created_at,
                                            (SELECT max(greatest(t.created_at, t.last_used_at)) FROM oauth_tokens t WHERE t.account_id = l.id),
                                            (SELECT max(s.created_at) FROM web_sessions s WHERE s.account_id = l.id)) AS seen_at
                            FROM local_users l
                        )
                        SELECT count(*)                                          AS total,
                               count(*) FILTER (WHERE seen_at >= :activeMonthSince)    AS active_month,
                               count(*) FILTER (WHERE seen_at >= :activeHalfyearSince) AS active_halfyear
                        FROM last_seen
                        """)
                .bind("activeMonthSince", activeMonthSince)
                .bind("activeHalfyearSince", activeHalfyearSince)
                .map(ConstructorMapper.of(UserCountsRow.class))
                .one());
    }

    /** The distinct domains of every remote account the instance knows, in alphabetical order. */
    public List<String> knownDomains() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT DISTINCT lower(domain) AS domain
                        FROM accounts
                        WHERE domain IS NOT NULL
                        ORDER BY 1
                        """)
                .mapTo(String.class)
                .list());
    }

    public long knownDomainCount() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT count(DISTINCT lower(domain))
                        FROM accounts
                        WHERE domain IS NOT NULL
                        """)
                .mapTo(Long.class)
                .one());
    }

    /**
     * Sign-ups and sign-ins per calendar week (weeks start on Monday, UTC), newest first, for the
     * {@code weeks} most recent weeks including the current one. A sign-in is a new OAuth token or
     * browser session, or the last use of a token; each person counts once per week. Only the last
     * use of a token is recorded, so earlier weeks undercount people who kept using an old token.
     */
    public List<WeekRow> weeklyActivity(int weeks) {
        return jdbi.withHandle(h -> h.createQuery("""
                        WITH week AS (
                            SELECT generate_series(
                                       date_trunc('week', now() AT TIME ZONE 'UTC') - make_interval(weeks => :weeks - 1),
                                       date_trunc('week', now() AT TIME ZONE 'UTC'),
                                       interval '1 week') AS starts_at
                        ), local_users AS (
                            SELECT a.id, u.created_at
                        """ + LOCAL_USERS + """
                        ), sign_in AS (
                            SELECT t.account_id, t.created_at FROM oauth_tokens t JOIN local_users l ON l.id = t.account_id
                            UNION ALL
                            SELECT t.account_id, t.last_used_at FROM oauth_tokens t JOIN local_users l ON l.id = t.account_id
                            WHERE t.last_used_at IS NOT NULL
                            UNION ALL
                            SELECT s.account_id, s.created_at FROM web_sessions s JOIN local_users l ON l.id = s.account_id
                        )
                        SELECT w.starts_at AT TIME ZONE 'UTC' AS week_start,
                               (SELECT count(*) FROM local_users l
                                 WHERE l.created_at AT TIME ZONE 'UTC' >= w.starts_at
                                   AND l.created_at AT TIME ZONE 'UTC' < w.starts_at + interval '1 week') AS registrations,
                               (SELECT count(DISTINCT i.account_id) FROM sign_in i
                                 WHERE i.created_at AT TIME ZONE 'UTC' >= w.starts_at
                                   AND i.created_at AT TIME ZONE 'UTC' < w.starts_at + interval '1 week') AS logins
                        FROM week w
                        ORDER BY w.starts_at DESC
                        """)
                .bind("weeks", weeks)
                .map(ConstructorMapper.of(WeekRow.class))
                .list());
    }
}
