package social.muse.server.db;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.Optional;

public final class InviteDao {
    public record InviteRow(long id, String code, Long createdBy, Integer maxUses, int uses, Instant expiresAt) {
    }

    public InviteRow insert(Handle h, String code, Long createdBy, Integer maxUses, Instant expiresAt) {
        return h.createQuery("""
                        INSERT INTO invites (code, created_by, max_uses, expires_at) VALUES (:code, :createdBy, :maxUses, :expiresAt)
                        RETURNING id, code, created_by, max_uses, uses, expires_at""")
                .bind("code", code)
                .bind("createdBy", createdBy)
                .bind("maxUses", maxUses)
                .bind("expiresAt", expiresAt)
                .mapTo(InviteRow.class)
                .one();
    }

    /** Uses the invite once if it is still valid; empty when it is unknown, used up or expired. */
    public Optional<InviteRow> redeem(Handle h, String code) {
        return h.createQuery("""
                        UPDATE invites SET uses = uses + 1
                         WHERE code = :code
                           AND (max_uses IS NULL OR uses < max_uses)
                           AND (expires_at IS NULL OR expires_at > now())
                        RETURNING id, code, created_by, max_uses, uses, expires_at""")
                .bind("code", code)
                .mapTo(InviteRow.class)
                .findOne();
    }
}
