package social.muse.server.http.auth;

/** An RFC 6749 error of the token and revocation endpoints: {@code {"error": code, "error_description": ...}}. */
public final class OAuthException extends RuntimeException {
    private final int status;
    private final String code;

    public OAuthException(int status, String code, String description) {
        super(description, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static OAuthException invalidRequest(String description) {
        return new OAuthException(400, "invalid_request", description);
    }

    public static OAuthException invalidClient() {
        return new OAuthException(401, "invalid_client",
                "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.");
    }

    public static OAuthException invalidGrant(String description) {
        return new OAuthException(400, "invalid_grant", description);
    }

    public static OAuthException invalidScope() {
        return new OAuthException(400, "invalid_scope", "The requested scope is invalid, unknown, or malformed.");
    }

    public static OAuthException unsupportedGrantType() {
        return new OAuthException(400, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server.");
    }
}
