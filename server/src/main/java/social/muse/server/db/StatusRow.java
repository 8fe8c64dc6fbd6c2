package social.muse.server.db;

import java.time.Instant;

/** A row of {@code statuses}: a post, local or remote; {@code deletedAt} marks a tombstone. */
public record StatusRow(
        long id,
        String uri,
        String url,
        long accountId,
        boolean local,
        Long inReplyToId,
        String inReplyToUri,
        Long reblogOfId,
        String content,
        String textSource,
        String spoilerText,
        boolean sensitive,
        String visibility,
        String language,
        String[] toUris,
        String[] ccUris,
        Instant createdAt,
        Instant editedAt,
        Instant deletedAt) {

    /** Public and unlisted posts: readable without knowing who asks, and listed wherever their author's are. */
    public boolean readableByAnyone() {
        return readableByAnyone(visibility);
    }

    public static boolean readableByAnyone(String visibility) {
        return visibility.equals("public") || visibility.equals("unlisted");
    }
}
