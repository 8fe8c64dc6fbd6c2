package social.muse.server.db;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.Optional;

/** Sessions of the server-rendered sign-in pages, stored by the hash of the cookie's secret. */
public final class WebSessionDao {
    public void insert(Handle h, String tokenHash, long accountId, Instant expiresAt) {
        h.createUpdate("INSERT INTO web_sessions (token_hash, account_id, expires_at) VALUES (:hash, :accountId, :expiresAt)")
                .bind("hash", tokenHash)
                .bind("accountId", accountId)
                .bind("expiresAt", expiresAt)
                .execute();
    }

    public Optional<Long> accountOf(Handle h, String tokenHash) {
        return h.createQuery("SELECT account_id FROM web_sessions WHERE token_hash = :hash AND expires_at > now()")
                .bind("hash", tokenHash)
                .mapTo(Long.class)
                .findOne();
    }

    public void delete(Handle h, String tokenHash) {
        h.createUpdate("DELETE FROM web_sessions WHERE token_hash = :hash").bind("hash", tokenHash).execute();
    }

    public void deleteAllOfAccount(Handle h, long accountId) {
        h.createUpdate("DELETE FROM web_sessions WHERE account_id = :id").bind("id", accountId).execute();
    }
}
