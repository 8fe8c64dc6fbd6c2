package social.muse.server.http.auth;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import social.muse.server.db.OAuthDao.TokenRow;
import social.muse.server.http.mastodon.MastodonException;
import social.muse.server.processing.accounts.AccountProcessor;
import social.muse.server.processing.accounts.AccountProcessor.Member;
import social.muse.server.processing.oauth.OAuthProcessor;
import social.muse.server.processing.oauth.Scopes;

import java.util.List;
import java.util.Optional;

/**
 * Turns a bearer token into a {@link Principal} and enforces scopes, as every Mastodon API endpoint
 * must: 401 without a valid token, 403 when the token's scopes do not cover the endpoint, 422 when an
 * endpoint needs a person and the token is an app's, 403 when the person cannot use the account yet.
 */
public final class Authenticator {
    private static final String BEARER = "bearer ";

    private final OAuthProcessor oauth;
    private final AccountProcessor accounts;

    public Authenticator(OAuthProcessor oauth, AccountProcessor accounts) {
        this.oauth = oauth;
        this.accounts = accounts;
    }

    /** The caller, if the request carries a live token (header, or {@code access_token} query parameter). */
    public Optional<Principal> optional(ServerRequest request) {
        return bearerSecret(request).map(this::principal);
    }

    /** The caller holding the token {@code secret}, sent some other way than a request's (a WebSocket subprotocol); 401 if it is not live. */
    public Principal principal(String secret) {
        TokenRow token = oauth.bearer(secret).orElseThrow(MastodonException::unauthorized);
        Optional<Member> member = Optional.empty();
        if (token.accountId() != null) {
            member = accounts.member(token.accountId());
            if (member.isEmpty()) {
                throw MastodonException.unauthorized();
            }
        }
        return new Principal(token.id(), token.applicationId(), Scopes.parse(token.scopes()).orElseThrow(), member);
    }

    /** A caller whose token has one of {@code anyOf} scopes, app or person. */
    public Principal require(ServerRequest request, String... anyOf) {
        Principal principal = optional(request).orElseThrow(MastodonException::unauthorized);
        if (!principal.scopes().allowsAny(List.of(anyOf))) {
            throw MastodonException.outsideScopes();
        }
        return principal;
    }

    /** A person who can use their account (confirmed, approved, not suspended), with one of {@code anyOf} scopes. */
    public Principal requireMember(ServerRequest request, String... anyOf) {
        return requireActive(require(request, anyOf));
    }

    /** {@code principal} if it is a person who can use their account; 422 for an app's token, 403 for an inactive account. */
    public Principal requireActive(Principal principal) {
        Member member = principal.requireMember();
        AccountProcessor.State state = AccountProcessor.state(member);
        if (state != AccountProcessor.State.ACTIVE) {
            throw new MastodonException(403, AccountProcessor.describe(state));
        }
        return principal;
    }

    private static Optional<String> bearerSecret(ServerRequest request) {
        Optional<String> header = request.headers().first(HeaderNames.AUTHORIZATION)
                .filter(v -> v.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .map(v -> v.substring(BEARER.length()).strip())
                .filter(v -> !v.isEmpty());
        if (header.isPresent()) {
            return header;
        }
        return request.query().first("access_token").asOptional().filter(v -> !v.isBlank());
    }
}
