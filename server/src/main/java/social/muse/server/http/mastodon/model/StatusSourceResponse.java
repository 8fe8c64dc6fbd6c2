package social.muse.server.http.mastodon.model;

/** Mastodon's StatusSource entity: what the author typed, for editing. */
public record StatusSourceResponse(String id, String text, String spoilerText) {
}
