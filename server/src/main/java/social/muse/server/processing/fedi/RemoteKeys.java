package social.muse.server.processing.fedi;

import org.jdbi.v3.core.Jdbi;
import social.muse.federation.keys.Multikey;
import social.muse.federation.keys.Pem;
import social.muse.federation.keys.VerificationKey;
import social.muse.federation.signature.KeyResolver;
import social.muse.server.db.AccountDao;
import social.muse.server.db.AccountRow;
import social.muse.server.db.RemoteAccountDao;
import social.muse.server.db.RemoteAccountDao.RemoteKeyRow;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The public keys of remote actors for signature verification: {@code remote_keys} first; an unknown key
 * id makes us fetch its owner (the key id without its fragment, Mastodon's and most servers' layout).
 *
 * <p>A refresh (the verifier asks after a signature failed, e.g. the sender rotated its key) re-fetches the
 * owner at most once per {@link #REFRESH_INTERVAL} per key id, since anyone can send a bad signature naming
 * someone's key. The limit is kept in memory, per process: a restart or a second process may refetch once more,
 * which is harmless.
 *
 * <p>Keys read once are kept decoded, with their owner, in a {@link RemoteKeyCache}; a refresh always goes back to
 * the database.
 */
public final class RemoteKeys implements KeyResolver {
    static final Duration REFRESH_INTERVAL = Duration.ofMinutes(5);
    private static final int MAX_REMEMBERED_REFRESHES = 10_000;
    private static final System.Logger LOG = System.getLogger(RemoteKeys.class.getName());

    private final Jdbi jdbi;
    private final RemoteAccountDao dao;
    private final AccountDao accounts;
    private final RemoteActors actors;
    private final Clock clock;
    private final RemoteKeyCache cache;
    private final Map<String, Instant> lastRefresh = new ConcurrentHashMap<>();

    public RemoteKeys(Jdbi jdbi, RemoteAccountDao dao, AccountDao accounts, RemoteActors actors, RemoteKeyCache cache,
                      Clock clock) {
        this.jdbi = jdbi;
        this.dao = dao;
        this.accounts = accounts;
        this.actors = actors;
        this.cache = cache;
        this.clock = clock;
    }

    @Override
    public Optional<VerificationKey> resolve(String keyId, boolean refresh) {
        try {
            Optional<RemoteKeyCache.CachedKey> known = refresh ? Optional.empty() : cache.get(keyId);
            if (known.isPresent()) {
                return known.map(RemoteKeyCache.CachedKey::key);
            }
            long generation = cache.generation();
            Optional<StoredKey> cached = stored(keyId);
            if (cached.isPresent() && !(refresh && mayRefresh(keyId))) {
                return cached.map(stored -> remember(keyId, stored, generation));
            }
            Optional<String> owner = cached.map(StoredKey::ownerUri).or(() -> ownerOf(keyId));
            owner.ifPresent(actors::fetch);
            cache.remove(keyId);
            long afterFetch = cache.generation();
            return stored(keyId).map(stored -> remember(keyId, stored, afterFetch));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.INFO, "Key " + keyId + " could not be resolved: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The account that published this key, once it is known. */
    public Optional<AccountRow> owner(String keyId) {
        return jdbi.withHandle(h -> dao.key(h, keyId).flatMap(row -> accounts.byId(h, row.accountId())));
    }

    /** The uri of the account that published this key: from memory once {@link #resolve} has seen the key. */
    public Optional<String> ownerUri(String keyId) {
        return cache.get(keyId).map(RemoteKeyCache.CachedKey::ownerUri)
                .or(() -> owner(keyId).map(AccountRow::uri));
    }

    /** A stored key with its owner's uri (null when the owner row is gone). */
    private record StoredKey(RemoteKeyRow row, String ownerUri) {
    }

    private Optional<StoredKey> stored(String keyId) {
        return jdbi.withHandle(h -> dao.key(h, keyId)
                .map(row -> new StoredKey(row, accounts.byId(h, row.accountId()).map(AccountRow::uri).orElse(null))));
    }

    private boolean mayRefresh(String keyId) {
        Instant now = clock.instant();
        if (lastRefresh.size() > MAX_REMEMBERED_REFRESHES) {
            lastRefresh.values().removeIf(at -> at.isBefore(now.minus(REFRESH_INTERVAL)));
        }
        boolean[] allowed = {false};
        lastRefresh.compute(keyId, (id, at) -> {
            allowed[0] = at == null || !at.isAfter(now.minus(REFRESH_INTERVAL));
            return allowed[0] ? now : at;
        });
        return allowed[0];
    }

    private static Optional<String> ownerOf(String keyId) {
        try {
            URI uri = URI.create(keyId);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                return Optional.empty();
            }
            int hash = keyId.indexOf('#');
            return Optional.of(hash < 0 ? keyId : keyId.substring(0, hash));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private VerificationKey remember(String keyId, StoredKey stored, long generationBeforeLoad) {
        VerificationKey key = decode(stored.row());
        if (stored.ownerUri() != null) {
            cache.put(keyId, new RemoteKeyCache.CachedKey(key, stored.row().accountId(), stored.ownerUri()),
                    generationBeforeLoad);
        }
        return key;
    }

    private static VerificationKey decode(RemoteKeyRow row) {
        return row.algorithm().equals("rsa") ? Pem.decodePublicKey(row.publicKey()) : Multikey.decode(row.publicKey());
    }
}
