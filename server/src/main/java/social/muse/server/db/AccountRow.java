package social.muse.server.db;

import java.time.Instant;

/**
 * A row of {@code accounts}: {@code domain} is null for local accounts, {@code fields} is JSON text.
 * The ActivityPub addresses ({@code uri}, inboxes, collections) are set for remote accounts only;
 * local ones are minted from the configured domain.
 */
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
        Instant suspendedAt,
        String actorType,
        String uri,
        String url,
        String inboxUrl,
        String sharedInboxUrl,
        String outboxUrl,
        String followersUrl,
        String followingUrl,
        String featuredUrl,
        String movedToUri,
        Instant fetchedAt,
        Instant deletedAt) {

    public boolean isLocal() {
        return domain == null;
    }

    /** This account with its profile replaced (the fields update_credentials may change). */
    public AccountRow withProfile(String displayName, String note, String fields, boolean locked, boolean bot,
                                  boolean discoverable, boolean indexable, String avatarFile, String headerFile) {
        return new AccountRow(id, username, domain, displayName, note, fields, locked, bot, discoverable, indexable,
                avatarFile, headerFile, createdAt, updatedAt, suspendedAt, actorType, uri, url, inboxUrl, sharedInboxUrl,
                outboxUrl, followersUrl, followingUrl, featuredUrl, movedToUri, fetchedAt, deletedAt);
    }
}
