package social.muse.server.processing.auth;

import org.jdbi.v3.core.Jdbi;
import social.muse.server.db.RateLimitDao;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Limits how often one client may try something (sign in, sign up, ask for a reset link): at most
 * {@code limit} hits per fixed window, counted in PostgreSQL so all server processes share the count.
 */
public final class RateLimiter {
    public record Rule(String name, int limit, Duration window) {
    }

    /** Sign-in attempts per client address. */
    public static final Rule SIGN_IN = new Rule("sign-in", 10, Duration.ofMinutes(5));
    /** Sign-in attempts per account name, against guessing spread over many addresses. */
    public static final Rule SIGN_IN_ACCOUNT = new Rule("sign-in-account", 10, Duration.ofMinutes(15));
    /** Five sign-ups per thirty minutes per address, as Mastodon allows. */
    public static final Rule SIGN_UP = new Rule("sign-up", 5, Duration.ofMinutes(30));
    /** Mail-sending actions (password reset, confirmation resend) per address. */
    public static final Rule MAIL = new Rule("mail", 5, Duration.ofMinutes(30));

    private final Jdbi jdbi;
    private final RateLimitDao dao;
    private final Clock clock;

    public RateLimiter(Jdbi jdbi, RateLimitDao dao, Clock clock) {
        this.jdbi = jdbi;
        this.dao = dao;
        this.clock = clock;
    }

    /** Counts a hit for {@code key} under {@code rule}; false when the limit is exceeded. */
    public boolean tryAcquire(Rule rule, String key) {
        Instant now = clock.instant();
        long windowMillis = rule.window().toMillis();
        Instant windowStart = Instant.ofEpochMilli(now.toEpochMilli() - now.toEpochMilli() % windowMillis);
        int hits = jdbi.withHandle(h -> dao.hit(h, rule.name() + ":" + key, windowStart));
        if (hits == 1) {
            // The first hit of a window is rare enough to carry the cleanup of old windows.
            jdbi.useHandle(h -> dao.deleteBefore(h, now.minus(Duration.ofDays(1))));
        }
        return hits <= rule.limit();
    }
}
