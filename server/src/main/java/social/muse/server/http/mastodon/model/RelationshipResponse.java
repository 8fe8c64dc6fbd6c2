package social.muse.server.http.mastodon.model;

import java.util.List;

/** Mastodon's Relationship entity: how the caller and one account relate. */
public record RelationshipResponse(
        String id,
        boolean following,
        boolean showingReblogs,
        boolean notifying,
        List<String> languages,
        boolean followedBy,
        boolean blocking,
        boolean blockedBy,
        boolean muting,
        boolean mutingNotifications,
        boolean requested,
        boolean requestedBy,
        boolean domainBlocking,
        boolean endorsed,
        String note) {
}
