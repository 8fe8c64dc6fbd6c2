package social.muse.server.http.mastodon;

import java.time.Instant;

/** Mastodon's {@code ExtendedDescription}: HTML for the instance's about page. */
public record ExtendedDescriptionResponse(Instant updatedAt, String content) {
}
