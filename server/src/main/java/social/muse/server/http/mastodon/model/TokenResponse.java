package social.muse.server.http.mastodon.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The OAuth token response (Mastodon's Token entity plus the refresh token we issue). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(String accessToken, String tokenType, String scope, long createdAt, String refreshToken) {
    @Override
    public String toString() {
        return "TokenResponse[scope=" + scope + "]";
    }
}
