package social.muse.server.db;

import org.jdbi.v3.core.Handle;

import java.util.Optional;

public final class UserDao {
    private static final String COLUMNS = """
            account_id, email, password_hash, role, locale, confirmed_at, approved, sign_up_reason, invite_id,
            note_source, default_privacy, default_sensitive, default_language, created_at""";

    public record NewUser(long accountId, String email, String passwordHash, String role, String locale,
                          boolean confirmed, boolean approved, String signUpReason, Long inviteId) {
    }

    public UserRow insert(Handle h, NewUser u) {
        return h.createQuery("""
                        INSERT INTO users (account_id, email, password_hash, role, locale, confirmed_at, approved,
                                           sign_up_reason, invite_id)
                        VALUES (:accountId, :email, :passwordHash, :role, :locale,
                                CASE WHEN :confirmed THEN now() END, :approved, :signUpReason, :inviteId)
                        RETURNING""" + " " + COLUMNS)
                .bindMethods(u)
                .mapTo(UserRow.class)
                .one();
    }

    public Optional<UserRow> byAccountId(Handle h, long accountId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM users WHERE account_id = :id")
                .bind("id", accountId)
                .mapTo(UserRow.class)
                .findOne();
    }

    /** The user whose e-mail or local username matches {@code login}, case-insensitively. */
    public Optional<UserRow> byLogin(Handle h, String login) {
        return h.createQuery("SELECT " + COLUMNS + """
                         FROM users
                        WHERE lower(email) = lower(:login)
                           OR account_id = (SELECT id FROM accounts WHERE domain IS NULL AND lower(username) = lower(:login))""")
                .bind("login", login)
                .mapTo(UserRow.class)
                .findFirst();
    }

    public Optional<UserRow> byEmail(Handle h, String email) {
        return h.createQuery("SELECT " + COLUMNS + " FROM users WHERE lower(email) = lower(:email)")
                .bind("email", email)
                .mapTo(UserRow.class)
                .findOne();
    }

    public boolean emailTaken(Handle h, String email) {
        return byEmail(h, email).isPresent();
    }

    public boolean anyAdministrator(Handle h) {
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM users WHERE role IN ('owner', 'admin'))")
                .mapTo(Boolean.class)
                .one();
    }

    public void confirm(Handle h, long accountId) {
        h.createUpdate("UPDATE users SET confirmed_at = coalesce(confirmed_at, now()) WHERE account_id = :id")
                .bind("id", accountId)
                .execute();
    }

    public void approve(Handle h, long accountId) {
        h.createUpdate("UPDATE users SET approved = true WHERE account_id = :id")
                .bind("id", accountId)
                .execute();
    }

    public void setPasswordHash(Handle h, long accountId, String passwordHash) {
        h.createUpdate("UPDATE users SET password_hash = :hash WHERE account_id = :id")
                .bind("id", accountId)
                .bind("hash", passwordHash)
                .execute();
    }

    public void updateSource(Handle h, long accountId, String noteSource, String privacy, boolean sensitive, String language) {
        h.createUpdate("""
                        UPDATE users SET note_source = :note, default_privacy = :privacy,
                                         default_sensitive = :sensitive, default_language = :language
                         WHERE account_id = :id""")
                .bind("id", accountId)
                .bind("note", noteSource)
                .bind("privacy", privacy)
                .bind("sensitive", sensitive)
                .bind("language", language)
                .execute();
    }
}
