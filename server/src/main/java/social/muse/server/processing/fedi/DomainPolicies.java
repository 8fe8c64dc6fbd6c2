package social.muse.server.processing.fedi;

import org.jdbi.v3.core.Jdbi;
import social.muse.server.db.RemoteAccountDao;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which servers are suspended, answered from memory so that a delivery costs no policy query.
 *
 * <p>The bound: an answer reflects {@code domain_policies} as it was at most {@link #MAX_STALENESS} earlier, so
 * a suspension (or its removal), however it was made (there is no admin API yet: SQL), takes effect within that
 * time. A server this process has not found unsuspended yet is looked up in the database directly, so a newly
 * suspended server never gets a first delivery through, nor one after a refusal.
 */
public final class DomainPolicies {
    static final Duration MAX_STALENESS = Duration.ofSeconds(2);
    private static final int MAX_CHECKED_AUTHORITIES = 10_000;

    private record Snapshot(Set<String> suspended, long readAtNanos) {
    }

    private final Jdbi jdbi;
    private final RemoteAccountDao dao;
    /** Authorities looked up one by one and found unsuspended; later deliveries from them use the snapshot. */
    private final Set<String> checked = ConcurrentHashMap.newKeySet();
    private volatile Snapshot snapshot;

    public DomainPolicies(Jdbi jdbi, RemoteAccountDao dao) {
        this.jdbi = jdbi;
        this.dao = dao;
    }

    /** Whether the server of {@code uri} is suspended, by host or by {@code host:port}; false when it has no host. */
    public boolean suspended(String uri) {
        String host;
        String authority;
        try {
            URI parsed = URI.create(uri);
            if (parsed.getHost() == null) {
                return false;
            }
            host = parsed.getHost().toLowerCase(Locale.ROOT);
            authority = parsed.getAuthority().toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return false;
        }
        Snapshot current = current();
        if (current.suspended().contains(host) || current.suspended().contains(authority)) {
            return true;
        }
        if (checked.contains(authority)) {
            return false;
        }
        boolean suspended = jdbi.withHandle(h -> dao.domainSuspended(h, host, authority));
        if (!suspended) {
            if (checked.size() >= MAX_CHECKED_AUTHORITIES) {
                checked.clear();
            }
            checked.add(authority);
        }
        return suspended;
    }

    private Snapshot current() {
        Snapshot current = snapshot;
        if (isFresh(current)) {
            return current;
        }
        synchronized (this) {
            current = snapshot;
            if (isFresh(current)) {
                return current;
            }
            // the time is taken before the query, so the snapshot is never older than its stamp says
            long readAt = System.nanoTime();
            current = new Snapshot(Set.copyOf(jdbi.withHandle(dao::suspendedDomains)), readAt);
            snapshot = current;
            return current;
        }
    }

    private static boolean isFresh(Snapshot snapshot) {
        return snapshot != null && System.nanoTime() - snapshot.readAtNanos() < MAX_STALENESS.toNanos();
    }
}
