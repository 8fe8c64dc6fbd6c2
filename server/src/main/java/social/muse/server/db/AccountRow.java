package social.muse.server.db;

import java.time.Instant;

/** A row of {@code accounts}; {@code domain} is null for local accounts, {@code fields} is JSON text. */
public record AccountRow(
        long id,
        String username,
        String domain,
        String displayName,
        String note,
        String fields,
        boolean locked,
        boolean bot,
        boolean discoverable,
        boolean indexable,
        String avatarFile,
        String headerFile,
        Instant createdAt,
        Instant updatedAt,
        Instant suspendedAt) {

    public boolean isLocal() {
        return domain == null;
    }
}
