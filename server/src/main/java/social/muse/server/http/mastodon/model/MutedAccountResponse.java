package social.muse.server.http.mastodon.model;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** An entry of {@code GET /api/v1/mutes}: the Account entity plus {@code mute_expires_at} (null: until unmuted). */
public record MutedAccountResponse(@JsonUnwrapped AccountResponse account, String muteExpiresAt) {
}
