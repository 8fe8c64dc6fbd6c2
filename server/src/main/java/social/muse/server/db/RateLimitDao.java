package social.muse.server.db;

import org.jdbi.v3.core.Handle;

import java.time.Instant;

/** Fixed-window hit counters in PostgreSQL, so every server process on the database shares one limit. */
public final class RateLimitDao {
    /** Counts one hit in the window and returns the hits so far, this one included. */
    public int hit(Handle h, String bucket, Instant windowStart) {
        return h.createQuery("""
                        INSERT INTO rate_limit_windows (bucket, window_start, hits) VALUES (:bucket, :start, 1)
                        ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_windows.hits + 1
                        RETURNING hits""")
                .bind("bucket", bucket)
                .bind("start", windowStart)
                .mapTo(Integer.class)
                .one();
    }

    public int deleteBefore(Handle h, Instant cutoff) {
        return h.createUpdate("DELETE FROM rate_limit_windows WHERE window_start < :cutoff")
                .bind("cutoff", cutoff)
                .execute();
    }
}
