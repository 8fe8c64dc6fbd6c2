package social.muse.server.db;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Mutes: local, per account; an expired mute counts as none. */
public final class MuteDao {
    public record MuteRow(long id, long targetAccountId, boolean hideNotifications, Instant expiresAt) {
    }

    public void mute(Handle h, long accountId, long targetId, boolean hideNotifications, Instant expiresAt) {
        h.createUpdate("""
                        INSERT INTO mutes (account_id, target_account_id, hide_notifications, expires_at)
                        VALUES (:a, :t, :hide, :expires)
                        ON CONFLICT (account_id, target_account_id)
                        DO UPDATE SET hide_notifications = EXCLUDED.hide_notifications, expires_at = EXCLUDED.expires_at""")
                .bind("a", accountId).bind("t", targetId).bind("hide", hideNotifications).bind("expires", expiresAt)
                .execute();
    }

    public void unmute(Handle h, long accountId, long targetId) {
        h.createUpdate("DELETE FROM mutes WHERE account_id = :a AND target_account_id = :t")
                .bind("a", accountId).bind("t", targetId).execute();
    }

    public Optional<MuteRow> mute(Handle h, long accountId, long targetId) {
        return h.createQuery("""
                        SELECT id, target_account_id, hide_notifications, expires_at FROM mutes
                        WHERE account_id = :a AND target_account_id = :t AND (expires_at IS NULL OR expires_at > now())""")
                .bind("a", accountId).bind("t", targetId)
                .mapTo(MuteRow.class).findOne();
    }

    /** A page of {@code accountId}'s active mutes, newest first. */
    public List<MuteRow> page(Handle h, long accountId, PageQuery page) {
        return page.bind(h.createQuery("SELECT id, target_account_id, hide_notifications, expires_at FROM mutes"
                        + " WHERE account_id = :a AND (expires_at IS NULL OR expires_at > now()) AND " + page.conditions("id")
                        + " ORDER BY " + page.order("id") + " LIMIT :limit")
                        .bind("a", accountId))
                .mapTo(MuteRow.class).list().stream()
                .sorted(Comparator.comparingLong(MuteRow::id).reversed())
                .toList();
    }

    /** Mutes of account {@code from} that are still on, made again for {@code to} (its new account after a Move). */
    public void carryOver(Handle h, long from, long to) {
        h.createUpdate("""
                        INSERT INTO mutes (account_id, target_account_id, hide_notifications, expires_at)
                        SELECT account_id, :to, hide_notifications, expires_at FROM mutes
                         WHERE target_account_id = :from AND (expires_at IS NULL OR expires_at > now())
                        ON CONFLICT (account_id, target_account_id) DO NOTHING""")
                .bind("from", from).bind("to", to).execute();
    }
}
