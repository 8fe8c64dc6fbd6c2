package social.muse.server.processing.instance;

import social.muse.server.db.InstanceStatsDao;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The instance's public statistics, one definition for NodeInfo and the Mastodon instance API.
 *
 * <p>Muse has no activity tracking yet, so "active" is derived from what the database already
 * records: a person is active in a period if they signed up, signed in (a new OAuth token or
 * browser session) or used an OAuth token ({@code last_used_at}) in it. Mastodon counts logins
 * over 4 weeks for {@code active_month}; NodeInfo asks for 30 and 180 days.
 */
public final class InstanceProcessor {
    public static final Duration ACTIVE_MONTH = Duration.ofDays(30);
    public static final Duration ACTIVE_HALFYEAR = Duration.ofDays(180);
    /** Mastodon reports the last 12 weeks on /api/v1/instance/activity. */
    public static final int ACTIVITY_WEEKS = 12;

    private final InstanceStatsDao stats;
    private final Clock clock;

    public InstanceProcessor(InstanceStatsDao stats, Clock clock) {
        this.stats = stats;
        this.clock = clock;
    }

    /**
     * @param localPosts statuses written on this instance; always 0 so far because statuses do not
     *                   exist yet (there is no table to count), which is the true number.
     */
    public record InstanceStats(long users, long activeMonth, long activeHalfyear, long localPosts, long knownDomains) {
    }

    public record WeeklyActivity(Instant weekStart, long statuses, long logins, long registrations) {
    }

    public InstanceStats stats() {
        Instant now = clock.instant();
        var users = stats.userCounts(now.minus(ACTIVE_MONTH), now.minus(ACTIVE_HALFYEAR));
        return new InstanceStats(users.total(), users.activeMonth(), users.activeHalfyear(), 0, stats.knownDomainCount());
    }

    /** Domains of the other servers this instance knows of. */
    public List<String> peers() {
        return stats.knownDomains();
    }

    /** The last {@link #ACTIVITY_WEEKS} weeks, newest first; statuses are 0 until statuses exist. */
    public List<WeeklyActivity> weeklyActivity() {
        return stats.weeklyActivity(ACTIVITY_WEEKS).stream()
                .map(w -> new WeeklyActivity(w.weekStart(), 0, w.logins(), w.registrations()))
                .toList();
    }
}
