package social.muse.server.http.mastodon;

/** Mastodon's {@code Rule} entity: one server rule. */
public record RuleResponse(String id, String text, String hint) {
}
