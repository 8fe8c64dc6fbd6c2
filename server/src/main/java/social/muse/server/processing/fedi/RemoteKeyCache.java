package social.muse.server.processing.fedi;

import org.jdbi.v3.core.Handle;
import social.muse.federation.keys.VerificationKey;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remote keys already read and decoded, with the uri of the account that published them, so that a signed POST
 * from a known server costs no query and no PEM parsing. Whoever replaces or deletes an account's keys calls
 * {@link #forgetAccount} once that is committed.
 *
 * <p>A reader that loaded a key from the database caches it with the generation it saw before its query; when a
 * {@link #forgetAccount} came in between, the entry is dropped, so a row read just before a rotation or a deletion
 * committed never outlives it here. Another process's changes are not seen: a key it rotated fails to verify
 * once, and the verifier's refresh goes back to the database.
 */
public final class RemoteKeyCache {
    private static final int MAX_KEYS = 10_000;

    /** A decoded key and its owner; the owner's uri never changes (accounts are stored by uri). */
    public record CachedKey(VerificationKey key, long accountId, String ownerUri) {
    }

    private final Map<String, CachedKey> byKeyId = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    Optional<CachedKey> get(String keyId) {
        return Optional.ofNullable(byKeyId.get(keyId));
    }

    /** Read before loading a key from the database, and passed to {@link #put}. */
    long generation() {
        return generation.get();
    }

    void put(String keyId, CachedKey key, long generationBeforeLoad) {
        if (byKeyId.size() >= MAX_KEYS) {
            byKeyId.clear();
        }
        byKeyId.put(keyId, key);
        // forgetAccount bumps the generation before it removes entries: either it sees this entry, or this sees it
        if (generation.get() != generationBeforeLoad) {
            byKeyId.remove(keyId, key);
        }
    }

    void remove(String keyId) {
        byKeyId.remove(keyId);
    }

    /** The account's keys were replaced or deleted (committed): its cached keys must not be used any more. */
    public void forgetAccount(long accountId) {
        generation.incrementAndGet();
        byKeyId.values().removeIf(key -> key.accountId() == accountId);
    }

    /** {@link #forgetAccount} once {@code h}'s transaction commits (at once when it has none). */
    public void forgetAccountAfterCommit(Handle h, long accountId) {
        if (h.isInTransaction()) {
            h.afterCommit(() -> forgetAccount(accountId));
        } else {
            forgetAccount(accountId);
        }
    }
}
