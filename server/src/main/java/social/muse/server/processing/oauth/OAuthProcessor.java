package social.muse.server.processing.oauth;

import org.jdbi.v3.core.Jdbi;
import social.muse.server.db.OAuthDao;
import social.muse.server.db.OAuthDao.AppRow;
import social.muse.server.db.OAuthDao.CodeRow;
import social.muse.server.db.OAuthDao.TokenRow;
import social.muse.server.processing.ValidationFailed;
import social.muse.server.processing.auth.Secrets;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The OAuth 2 authorization server: client registration, authorization codes with PKCE, and tokens
 * for the authorization-code, client-credentials, refresh-token and (optional) password grants.
 * Access tokens do not expire, as in Mastodon; apps keep them until revoked.
 */
public final class OAuthProcessor {
    public static final String OOB = "urn:ietf:wg:oauth:2.0:oob";
    static final Duration CODE_VALIDITY = Duration.ofMinutes(10);
    private static final int NAME_MAX = 60;
    private static final int URI_MAX = 2000;

    public record RegisteredApp(AppRow app, String clientSecret) {
        @Override
        public String toString() {
            return "RegisteredApp[" + app.clientId() + "]";
        }
    }

    /** A new token: the secrets are shown to the client once and stored only hashed. */
    public record IssuedToken(TokenRow row, String accessToken, String refreshToken) {
        @Override
        public String toString() {
            return "IssuedToken[" + row.id() + "]";
        }
    }

    /** Why a grant was refused, in RFC 6749's error codes. */
    public static final class GrantRefused extends RuntimeException {
        public enum Reason { INVALID_CLIENT, INVALID_GRANT, INVALID_SCOPE, INVALID_REQUEST }

        private final Reason reason;

        public GrantRefused(Reason reason, String description) {
            super(description, null, false, false);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    private final Jdbi jdbi;
    private final OAuthDao dao;
    private final Clock clock;

    public OAuthProcessor(Jdbi jdbi, OAuthDao dao, Clock clock) {
        this.jdbi = jdbi;
        this.dao = dao;
        this.clock = clock;
    }

    public RegisteredApp registerApp(String name, List<String> redirectUris, String scopes, String website) {
        var issues = new ValidationFailed.Collector();
        if (name == null || name.isBlank()) {
            issues.add("name", "ERR_BLANK", "can't be blank");
        } else if (name.length() > NAME_MAX) {
            issues.add("name", "ERR_TOO_LONG", "is too long (maximum is " + NAME_MAX + " characters)");
        }
        List<String> uris = new ArrayList<>();
        for (String entry : redirectUris) {
            for (String uri : entry.split("[\\r\\n]+")) {
                if (!uri.isBlank()) {
                    uris.add(uri.strip());
                }
            }
        }
        if (uris.isEmpty()) {
            issues.add("redirect_uri", "ERR_BLANK", "can't be blank");
        } else if (!uris.stream().allMatch(OAuthProcessor::isAcceptableRedirectUri)) {
            issues.add("redirect_uri", "ERR_INVALID", "must be an absolute URI without a fragment");
        }
        Optional<Scopes> parsedScopes = Scopes.parse(scopes == null || scopes.isBlank() ? Scopes.READ : scopes);
        if (parsedScopes.isEmpty()) {
            issues.add("scopes", "ERR_INVALID", "are invalid");
        }
        String site = website == null || website.isBlank() ? null : website.strip();
        if (site != null && (site.length() > URI_MAX || !isHttpUrl(site))) {
            issues.add("website", "ERR_INVALID", "is invalid");
        }
        issues.throwIfAny();
        String clientId = Secrets.newSecret();
        String clientSecret = Secrets.newSecret();
        AppRow app = jdbi.withHandle(h -> dao.insertApp(h, name.strip(), site, uris, parsedScopes.get().toString(),
                clientId, Secrets.hash(clientSecret)));
        return new RegisteredApp(app, clientSecret);
    }

    public Optional<AppRow> app(String clientId) {
        return clientId == null ? Optional.empty() : jdbi.withHandle(h -> dao.appByClientId(h, clientId));
    }

    public Optional<AppRow> app(long id) {
        return jdbi.withHandle(h -> dao.appById(h, id));
    }

    /** The app whose id and secret both match; the secret comparison runs in constant time. */
    public AppRow authenticateClient(String clientId, String clientSecret) {
        return app(clientId)
                .filter(app -> clientSecret != null && Secrets.constantTimeEquals(app.clientSecretHash(), Secrets.hash(clientSecret)))
                .orElseThrow(() -> new GrantRefused(GrantRefused.Reason.INVALID_CLIENT, "Client authentication failed"));
    }

    /** The scopes an authorization request may ask for: those given (default read), all within the app's. */
    public Optional<Scopes> requestableScopes(AppRow app, String requested) {
        return Scopes.parse(requested == null || requested.isBlank() ? Scopes.READ : requested)
                .filter(s -> s.isWithin(Scopes.parse(app.scopes()).orElseThrow()));
    }

    /** Issues a single-use code for an approved authorization request; returns the code to redirect with. */
    public String issueCode(AppRow app, long accountId, String redirectUri, Scopes scopes, String codeChallenge) {
        String code = Secrets.newSecret();
        jdbi.useHandle(h -> dao.insertCode(h, Secrets.hash(code), app.id(), accountId, redirectUri, scopes.toString(),
                codeChallenge, clock.instant().plus(CODE_VALIDITY)));
        return code;
    }

    /**
     * Exchanges a code. A code works once: a second exchange fails and revokes what the first one
     * issued (RFC 6749 §4.1.2), because a replayed code means it leaked.
     */
    public IssuedToken exchangeCode(AppRow app, String code, String redirectUri, String codeVerifier) {
        if (code == null || code.isBlank()) {
            throw new GrantRefused(GrantRefused.Reason.INVALID_REQUEST, "Missing required parameter: code");
        }
        String codeHash = Secrets.hash(code);
        return jdbi.inTransaction(h -> {
            CodeRow row = dao.codeForUpdate(h, codeHash)
                    .filter(c -> c.applicationId() == app.id())
                    .orElseThrow(() -> invalidGrant());
            if (row.usedAt() != null) {
                dao.revokeIssuedFromCode(h, codeHash);
                h.commit();
                throw invalidGrant();
            }
            if (row.expiresAt().isBefore(clock.instant()) || !row.redirectUri().equals(redirectUri)) {
                throw invalidGrant();
            }
            if (row.codeChallenge() != null) {
                if (codeVerifier == null || !Secrets.constantTimeEquals(row.codeChallenge(), s256(codeVerifier))) {
                    throw new GrantRefused(GrantRefused.Reason.INVALID_GRANT, "The PKCE code verifier does not match the code challenge");
                }
            }
            dao.markCodeUsed(h, codeHash);
            return issue(h, app.id(), row.accountId(), row.scopes(), codeHash);
        });
    }

    /** An app-only token (no account), e.g. for signing people up. */
    public IssuedToken clientCredentials(AppRow app, String requestedScopes) {
        Scopes scopes = requestableScopes(app, requestedScopes)
                .orElseThrow(() -> new GrantRefused(GrantRefused.Reason.INVALID_SCOPE, "The requested scope is invalid, unknown, or malformed"));
        return jdbi.inTransaction(h -> issue(h, app.id(), null, scopes.toString(), null));
    }

    /** A token for an account whose credentials were already checked (password grant, sign-up). */
    public IssuedToken tokenForAccount(long applicationId, long accountId, Scopes scopes) {
        return jdbi.inTransaction(h -> issue(h, applicationId, accountId, scopes.toString(), null));
    }

    /** Rotates a refresh token: the old pair is revoked and a new one with the same or fewer scopes issued. */
    public IssuedToken refresh(AppRow app, String refreshToken, String requestedScopes) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw new GrantRefused(GrantRefused.Reason.INVALID_REQUEST, "Missing required parameter: refresh_token");
        }
        return jdbi.inTransaction(h -> {
            TokenRow old = dao.activeTokenByRefresh(h, Secrets.hash(refreshToken))
                    .filter(t -> t.applicationId() == app.id())
                    .orElseThrow(() -> invalidGrant());
            Scopes granted = Scopes.parse(old.scopes()).orElseThrow();
            Scopes scopes = requestedScopes == null || requestedScopes.isBlank() ? granted
                    : Scopes.parse(requestedScopes).filter(s -> s.isWithin(granted))
                    .orElseThrow(() -> new GrantRefused(GrantRefused.Reason.INVALID_SCOPE, "The requested scope exceeds the original grant"));
            dao.revoke(h, old.id());
            return issue(h, app.id(), old.accountId(), scopes.toString(), null);
        });
    }

    /** RFC 7009: revoking an unknown or foreign token is not an error, so the answer reveals nothing. */
    public void revoke(AppRow app, String token) {
        if (token != null && !token.isBlank()) {
            jdbi.useHandle(h -> dao.revokeBySecretHash(h, Secrets.hash(token), app.id()));
        }
    }

    public void revoke(long tokenId) {
        jdbi.useHandle(h -> dao.revoke(h, tokenId));
    }

    /** The live token behind a bearer secret, recording its use. */
    public Optional<TokenRow> bearer(String accessToken) {
        Optional<TokenRow> token = jdbi.withHandle(h -> dao.activeToken(h, Secrets.hash(accessToken)));
        token.filter(t -> t.lastUsedAt() == null || t.lastUsedAt().isBefore(clock.instant().minus(Duration.ofHours(1))))
                .ifPresent(t -> jdbi.useHandle(h -> dao.touch(h, t.id())));
        return token;
    }

    private IssuedToken issue(org.jdbi.v3.core.Handle h, long applicationId, Long accountId, String scopes, String codeHash) {
        String access = Secrets.newSecret();
        String refresh = accountId == null ? null : Secrets.newSecret();
        TokenRow row = dao.insertToken(h, Secrets.hash(access), refresh == null ? null : Secrets.hash(refresh),
                applicationId, accountId, scopes, codeHash);
        return new IssuedToken(row, access, refresh);
    }

    private static GrantRefused invalidGrant() {
        return new GrantRefused(GrantRefused.Reason.INVALID_GRANT,
                "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.");
    }

    /** BASE64URL(SHA256(verifier)), the S256 method of RFC 7636. */
    public static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Absolute URIs with a scheme (https, custom app schemes) and no fragment, or the out-of-band marker. */
    static boolean isAcceptableRedirectUri(String uri) {
        if (uri.equals(OOB)) {
            return true;
        }
        if (uri.length() > URI_MAX) {
            return false;
        }
        try {
            URI parsed = new URI(uri);
            return parsed.isAbsolute() && parsed.getRawFragment() == null
                    && !parsed.getScheme().equalsIgnoreCase("javascript") && !parsed.getScheme().equalsIgnoreCase("data");
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI parsed = new URI(url);
            return parsed.isAbsolute() && (parsed.getScheme().equals("https") || parsed.getScheme().equals("http"))
                    && parsed.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
