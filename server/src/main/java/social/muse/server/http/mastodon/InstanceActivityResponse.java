package social.muse.server.http.mastodon;

/** One week of {@code GET /api/v1/instance/activity}; Mastodon sends every value as a string, the week as Unix seconds. */
public record InstanceActivityResponse(String week, String statuses, String logins, String registrations) {
}
