package social.muse.federation.signature;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link SchemeMemory} in process memory: entries live for a fixed time, and beyond a maximum number of hosts the
 * least recently used is dropped. Forgetting is harmless (it costs one extra request), so nothing is persisted.
 */
public final class InMemorySchemeMemory implements SchemeMemory {

    /** Long enough to spare a double knock on every delivery, short enough to notice a host that upgraded. */
    public static final Duration DEFAULT_TTL = Duration.ofDays(1);
    public static final int DEFAULT_MAX_HOSTS = 10_000;

    private record Remembered(Scheme scheme, Instant expiresAt) {
    }

    private final Clock clock;
    private final Duration ttl;
    private final int maxHosts;
    // a lock rather than synchronized: callers are virtual threads, which pin on monitors before JDK 24
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<String, Remembered> entries;

    public InMemorySchemeMemory(Clock clock) {
        this(clock, DEFAULT_TTL, DEFAULT_MAX_HOSTS);
    }

    public InMemorySchemeMemory(Clock clock, Duration ttl, int maxHosts) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (ttl.isNegative() || ttl.isZero() || maxHosts < 1) {
            throw new IllegalArgumentException("ttl and maxHosts must be positive");
        }
        this.ttl = ttl;
        this.maxHosts = maxHosts;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
                return size() > InMemorySchemeMemory.this.maxHosts;
            }
        };
    }

    @Override
    public Optional<Scheme> remembered(String host) {
        String key = host.toLowerCase(Locale.ROOT);
        lock.lock();
        try {
            Remembered entry = entries.get(key);
            if (entry == null) {
                return Optional.empty();
            }
            if (!clock.instant().isBefore(entry.expiresAt())) {
                entries.remove(key);
                return Optional.empty();
            }
            return Optional.of(entry.scheme());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void remember(String host, Scheme scheme) {
        Objects.requireNonNull(scheme, "scheme");
        Remembered entry = new Remembered(scheme, clock.instant().plus(ttl));
        lock.lock();
        try {
            entries.put(host.toLowerCase(Locale.ROOT), entry);
        } finally {
            lock.unlock();
        }
    }

    /** How many hosts are held (expired ones included until they are looked up or pushed out). */
    public int size() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }
}
