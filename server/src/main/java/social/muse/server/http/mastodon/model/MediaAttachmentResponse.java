package social.muse.server.http.mastodon.model;

import java.util.Map;

/** Mastodon's MediaAttachment entity. */
public record MediaAttachmentResponse(
        String id,
        String type,
        String url,
        String previewUrl,
        String remoteUrl,
        String previewRemoteUrl,
        String textUrl,
        Map<String, Object> meta,
        String description,
        String blurhash) {
}
