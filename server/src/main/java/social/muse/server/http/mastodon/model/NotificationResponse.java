package social.muse.server.http.mastodon.model;

/** Mastodon's Notification entity; {@code status} is null for follows and requests. */
public record NotificationResponse(String id, String type, String groupKey, String createdAt, AccountResponse account,
                                   StatusResponse status) {
}
