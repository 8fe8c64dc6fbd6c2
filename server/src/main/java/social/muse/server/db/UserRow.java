package social.muse.server.db;

import java.time.Instant;

/** The sign-in part of a local account. */
public record UserRow(
        long accountId,
        String email,
        String passwordHash,
        String role,
        String locale,
        Instant confirmedAt,
        boolean approved,
        String signUpReason,
        Long inviteId,
        String noteSource,
        String defaultPrivacy,
        boolean defaultSensitive,
        String defaultLanguage,
        Instant createdAt) {

    public boolean confirmed() {
        return confirmedAt != null;
    }

    public boolean isAdmin() {
        return role.equals("owner") || role.equals("admin");
    }

    @Override
    public String toString() {
        return "UserRow[accountId=" + accountId + ", role=" + role + ", confirmed=" + confirmed() + ", approved=" + approved + "]";
    }
}
