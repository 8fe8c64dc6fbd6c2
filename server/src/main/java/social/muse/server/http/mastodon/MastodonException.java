package social.muse.server.http.mastodon;

import java.util.List;
import java.util.Map;

/**
 * An error of the Mastodon client API, rendered as Mastodon does: {@code {"error": "..."}}, plus
 * {@code details} for validation failures ({@code {"password": [{"error": "ERR_TOO_SHORT", ...}]}}).
 * The message is always safe to show to the client.
 */
public class MastodonException extends RuntimeException {
    private final int status;
    private final Map<String, List<FieldError>> details;

    public record FieldError(String error, String description) {
    }

    public MastodonException(int status, String message) {
        this(status, message, Map.of());
    }

    public MastodonException(int status, String message, Map<String, List<FieldError>> details) {
        super(message, null, false, false);
        this.status = status;
        this.details = details;
    }

    public int status() {
        return status;
    }

    public Map<String, List<FieldError>> details() {
        return details;
    }

    public static MastodonException notFound() {
        return new MastodonException(404, "Record not found");
    }

    public static MastodonException unauthorized() {
        return new MastodonException(401, "The access token is invalid");
    }

    public static MastodonException outsideScopes() {
        return new MastodonException(403, "This action is outside the authorized scopes");
    }

    public static MastodonException userRequired() {
        return new MastodonException(422, "This method requires an authenticated user");
    }

    public static MastodonException unprocessable(String message) {
        return new MastodonException(422, message);
    }

    public static MastodonException badRequest(String message) {
        return new MastodonException(400, message);
    }

    public static MastodonException tooManyRequests() {
        return new MastodonException(429, "Too many requests");
    }
}
