package social.muse.server.http.mastodon.model;

import java.util.List;

/** Mastodon's Status entity, with the fields apps require always present. */
public record StatusResponse(
        String id,
        String uri,
        String url,
        String createdAt,
        AccountResponse account,
        String content,
        String visibility,
        boolean sensitive,
        String spoilerText,
        List<Object> mediaAttachments,
        Object application,
        List<Object> mentions,
        List<Object> tags,
        List<Object> emojis,
        long reblogsCount,
        long favouritesCount,
        long repliesCount,
        String inReplyToId,
        String inReplyToAccountId,
        StatusResponse reblog,
        Object poll,
        Object card,
        String language,
        String text,
        String editedAt,
        boolean favourited,
        boolean reblogged,
        boolean muted,
        boolean bookmarked,
        boolean pinned,
        List<Object> filtered) {
}
