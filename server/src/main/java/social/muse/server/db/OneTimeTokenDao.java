package social.muse.server.db;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.Optional;

/** Single-use link secrets (owner setup, e-mail confirmation, password reset), stored hashed. */
public final class OneTimeTokenDao {
    public enum Purpose { OWNER_SETUP, EMAIL_CONFIRMATION, PASSWORD_RESET;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public void insert(Handle h, String tokenHash, Purpose purpose, Long accountId, Instant expiresAt) {
        h.createUpdate("""
                        INSERT INTO one_time_tokens (token_hash, purpose, account_id, expires_at)
                        VALUES (:hash, :purpose, :accountId, :expiresAt)""")
                .bind("hash", tokenHash)
                .bind("purpose", purpose.column())
                .bind("accountId", accountId)
                .bind("expiresAt", expiresAt)
                .execute();
    }

    /** Whether an unused, unexpired token of this purpose exists, without consuming it (to render its form). */
    public boolean isValid(Handle h, String tokenHash, Purpose purpose) {
        return h.createQuery("""
                        SELECT EXISTS (SELECT 1 FROM one_time_tokens
                                        WHERE token_hash = :hash AND purpose = :purpose AND used_at IS NULL AND expires_at > now())""")
                .bind("hash", tokenHash)
                .bind("purpose", purpose.column())
                .mapTo(Boolean.class)
                .one();
    }

    /**
     * Marks the token used and returns its account (empty Optional inside when it has none), or empty
     * when the token is unknown, used or expired. Atomic: a link works exactly once.
     */
    public Optional<Optional<Long>> consume(Handle h, String tokenHash, Purpose purpose) {
        return h.createQuery("""
                        UPDATE one_time_tokens SET used_at = now()
                         WHERE token_hash = :hash AND purpose = :purpose AND used_at IS NULL AND expires_at > now()
                        RETURNING account_id""")
                .bind("hash", tokenHash)
                .bind("purpose", purpose.column())
                .map((rs, ctx) -> {
                    long id = rs.getLong(1);
                    return rs.wasNull() ? Optional.<Long>empty() : Optional.of(id);
                })
                .findOne();
    }

    /** Retires every unused token of this purpose (for the account, or all when null), e.g. before issuing a new one. */
    public void invalidate(Handle h, Purpose purpose, Long accountId) {
        h.createUpdate("""
                        UPDATE one_time_tokens SET used_at = now()
                         WHERE purpose = :purpose AND used_at IS NULL
                           AND (CAST(:accountId AS bigint) IS NULL OR account_id = :accountId)""")
                .bind("purpose", purpose.column())
                .bind("accountId", accountId)
                .execute();
    }
}
