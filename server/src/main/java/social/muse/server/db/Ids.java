package social.muse.server.db;

import org.jdbi.v3.core.Handle;

/** Time-ordered ids from the database's {@code next_id()}, for rows whose id must be known before they are written. */
public final class Ids {
    private Ids() {
    }

    public static long next(Handle h) {
        return h.createQuery("SELECT next_id()").mapTo(Long.class).one();
    }
}
