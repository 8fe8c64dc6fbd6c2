package social.muse.server.http.auth;

import social.muse.server.processing.accounts.AccountProcessor.Member;
import social.muse.server.processing.oauth.Scopes;

import java.util.Optional;

/** Who is calling: an OAuth token of an app, for a member or (client credentials) for the app alone. */
public record Principal(long tokenId, long applicationId, Scopes scopes, Optional<Member> member) {
    public Member requireMember() {
        return member.orElseThrow(social.muse.server.http.mastodon.MastodonException::userRequired);
    }
}
