package social.muse.server.http.mastodon.model;

import java.util.List;

/** Mastodon's StatusEdit entity: one version of a status, as its history lists it. */
public record StatusEditResponse(
        String content,
        String spoilerText,
        boolean sensitive,
        String createdAt,
        AccountResponse account,
        Object poll,
        List<Object> mediaAttachments,
        List<Object> emojis) {
}
