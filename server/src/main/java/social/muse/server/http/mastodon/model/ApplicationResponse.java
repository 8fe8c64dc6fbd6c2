package social.muse.server.http.mastodon.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Mastodon's (Credential)Application entity. The client secret appears only in the answer to the
 * registration, the one moment it exists in clear text.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApplicationResponse(
        String id,
        String name,
        @JsonInclude(JsonInclude.Include.ALWAYS) String website,
        List<String> scopes,
        String redirectUri,
        List<String> redirectUris,
        String clientId,
        String clientSecret,
        Long clientSecretExpiresAt,
        String vapidKey) {
}
