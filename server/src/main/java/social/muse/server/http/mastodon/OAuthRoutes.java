package social.muse.server.http.mastodon;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import social.muse.server.config.MuseConfig;
import social.muse.server.convert.ApiConverter;
import social.muse.server.convert.Uris;
import social.muse.server.db.OAuthDao.AppRow;
import social.muse.server.http.ClientAddress;
import social.muse.server.http.RequestParams;
import social.muse.server.http.Responses;
import social.muse.server.http.auth.OAuthException;
import social.muse.server.http.web.Csrf;
import social.muse.server.http.web.Html;
import social.muse.server.http.web.WebSessions;
import social.muse.server.processing.accounts.AccountProcessor;
import social.muse.server.processing.accounts.AccountProcessor.Member;
import social.muse.server.processing.auth.RateLimiter;
import social.muse.server.processing.oauth.OAuthProcessor;
import social.muse.server.processing.oauth.OAuthProcessor.GrantRefused;
import social.muse.server.processing.oauth.OAuthProcessor.IssuedToken;
import social.muse.server.processing.oauth.Scopes;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * OAuth 2 as Mastodon apps use it: the server-rendered sign-in and consent page, the token and
 * revocation endpoints, and the RFC 8414 metadata document.
 */
public final class OAuthRoutes implements HttpService {
    private static final Pattern CODE_CHALLENGE = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    private static final List<String> AUTHORIZE_PARAMS = List.of("client_id", "redirect_uri", "response_type", "scope",
            "state", "code_challenge", "code_challenge_method");

    private final OAuthProcessor oauth;
    private final AccountProcessor accounts;
    private final RateLimiter rateLimiter;
    private final WebSessions sessions;
    private final Csrf csrf;
    private final ApiConverter converter;
    private final Responses responses;
    private final Uris uris;
    private final MuseConfig config;

    public OAuthRoutes(OAuthProcessor oauth, AccountProcessor accounts, RateLimiter rateLimiter, WebSessions sessions,
                       Csrf csrf, ApiConverter converter, Responses responses, Uris uris, MuseConfig config) {
        this.oauth = oauth;
        this.accounts = accounts;
        this.rateLimiter = rateLimiter;
        this.sessions = sessions;
        this.csrf = csrf;
        this.converter = converter;
        this.responses = responses;
        this.uris = uris;
        this.config = config;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/oauth/authorize", this::authorizePage)
                .post("/oauth/authorize", this::authorizeSubmit)
                .post("/oauth/token", this::token)
                .post("/oauth/revoke", this::revoke)
                .get("/.well-known/oauth-authorization-server", this::metadata);
    }

    /** A checked authorization request. */
    record AuthorizationRequest(AppRow app, String redirectUri, Scopes scopes, String state, String codeChallenge,
                                Map<String, String> raw) {
    }

    /** What is wrong with an authorization request, and whether the client may be told by redirect. */
    private static final class Refusal extends Exception {
        final String error;
        final boolean redirectable;

        Refusal(String error, String description, boolean redirectable) {
            super(description, null, false, false);
            this.error = error;
            this.redirectable = redirectable;
        }
    }

    private void authorizePage(ServerRequest req, ServerResponse res) {
        RequestParams params = RequestParams.read(req, responses.mapper(), 0);
        Optional<AuthorizationRequest> checked = checkOrRefuse(params, res);
        if (checked.isEmpty()) {
            return;
        }
        boolean forceLogin = params.bool("force_login").orElse(false);
        renderForm(req, res, checked.get(), forceLogin ? Optional.empty() : signedInMember(req), null, 200);
    }

    private void authorizeSubmit(ServerRequest req, ServerResponse res) {
        RequestParams params = RequestParams.read(req, responses.mapper(), 0);
        csrf.verify(req, params.string(Csrf.FIELD).orElse(null));
        Optional<AuthorizationRequest> checked = checkOrRefuse(params, res);
        if (checked.isEmpty()) {
            return;
        }
        AuthorizationRequest request = checked.get();
        if (!"approve".equals(params.string("decision").orElse(""))) {
            redirectWithError(res, request.redirectUri(), request.state(), "access_denied",
                    "The resource owner or authorization server denied the request.");
            return;
        }
        Optional<String> login = params.string("username").filter(s -> !s.isEmpty());
        Member member;
        if (login.isPresent()) {
            String address = ClientAddress.of(req);
            if (!rateLimiter.tryAcquire(RateLimiter.SIGN_IN, address)
                    || !rateLimiter.tryAcquire(RateLimiter.SIGN_IN_ACCOUNT, login.get().toLowerCase(Locale.ROOT))) {
                renderForm(req, res, request, Optional.empty(), "Too many sign-in attempts. Wait a few minutes and try again.", 429);
                return;
            }
            Optional<Member> authenticated = accounts.authenticate(login.get(), params.string("password").orElse(""));
            if (authenticated.isEmpty()) {
                renderForm(req, res, request, Optional.empty(), "Invalid e-mail address, username or password.", 401);
                return;
            }
            member = authenticated.get();
            AccountProcessor.State state = AccountProcessor.state(member);
            if (state != AccountProcessor.State.ACTIVE) {
                renderForm(req, res, request, Optional.empty(), AccountProcessor.describe(state) + ".", 403);
                return;
            }
            sessions.start(res, member.account().id());
        } else {
            Optional<Member> current = signedInMember(req);
            if (current.isEmpty()) {
                renderForm(req, res, request, Optional.empty(), "Sign in to continue.", 401);
                return;
            }
            member = current.get();
        }
        String code = oauth.issueCode(request.app(), member.account().id(), request.redirectUri(), request.scopes(),
                request.codeChallenge());
        if (request.redirectUri().equals(OAuthProcessor.OOB)) {
            Html.send(res, 200, "Authorization code", """
                    <h1>Authorization code</h1>
                    <p>Copy this code and paste it into %s:</p>
                    <p><code class="secret">%s</code></p>
                    """.formatted(Html.escape(request.app().name()), Html.escape(code)));
            return;
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("code", code);
        if (request.state() != null) {
            query.put("state", request.state());
        }
        redirect(res, request.redirectUri(), query);
    }

    /** The person whose browser session is live and whose account is usable. */
    private Optional<Member> signedInMember(ServerRequest req) {
        return sessions.account(req).flatMap(accounts::member)
                .filter(m -> AccountProcessor.state(m) == AccountProcessor.State.ACTIVE);
    }

    /** The checked request, or empty after the refusal was sent (by redirect or error page). */
    private Optional<AuthorizationRequest> checkOrRefuse(RequestParams params, ServerResponse res) {
        try {
            return Optional.of(check(params));
        } catch (Refusal refusal) {
            refuse(res, params, refusal);
            return Optional.empty();
        }
    }

    private AuthorizationRequest check(RequestParams params) throws Refusal {
        AppRow app = oauth.app(params.string("client_id").orElse(null))
                .orElseThrow(() -> new Refusal("invalid_client", "The application is unknown to this server. Register it again.", false));
        String redirectUri = params.string("redirect_uri")
                .or(() -> app.redirectUriList().size() == 1 ? Optional.of(app.redirectUriList().get(0)) : Optional.empty())
                .orElseThrow(() -> new Refusal("invalid_request", "The redirect URI is missing.", false));
        if (!app.redirectUriList().contains(redirectUri)) {
            throw new Refusal("invalid_redirect_uri", "The redirect URI is not one the application registered.", false);
        }
        Map<String, String> raw = new LinkedHashMap<>();
        for (String name : AUTHORIZE_PARAMS) {
            params.string(name).ifPresent(v -> raw.put(name, v));
        }
        raw.put("redirect_uri", redirectUri);
        String state = params.string("state").orElse(null);
        if (!"code".equals(params.string("response_type").orElse(""))) {
            throw new Refusal("unsupported_response_type", "Only response_type=code is supported.", true);
        }
        Scopes scopes = oauth.requestableScopes(app, params.string("scope").orElse(null))
                .orElseThrow(() -> new Refusal("invalid_scope", "The requested scope is invalid, unknown, or exceeds the application's scopes.", true));
        String challenge = params.string("code_challenge").filter(s -> !s.isEmpty()).orElse(null);
        if (challenge != null) {
            if (!"S256".equals(params.string("code_challenge_method").orElse(""))) {
                throw new Refusal("invalid_request", "Only the S256 code challenge method is supported.", true);
            }
            if (!CODE_CHALLENGE.matcher(challenge).matches()) {
                throw new Refusal("invalid_request", "The code challenge is malformed.", true);
            }
        }
        return new AuthorizationRequest(app, redirectUri, scopes, state, challenge, raw);
    }

    private void refuse(ServerResponse res, RequestParams params, Refusal refusal) {
        if (refusal.redirectable) {
            String redirectUri = params.string("redirect_uri").orElseThrow();
            if (!redirectUri.equals(OAuthProcessor.OOB)) {
                redirectWithError(res, redirectUri, params.string("state").orElse(null), refusal.error, refusal.getMessage());
                return;
            }
        }
        Html.send(res, 400, "Authorization failed", "<h1>This sign-in link does not work</h1>"
                + Html.error(refusal.getMessage()) + "<p>Go back to the app and start signing in again.</p>");
    }

    private void renderForm(ServerRequest req, ServerResponse res, AuthorizationRequest request, Optional<Member> member,
                            String error, int status) {
        String token = csrf.token(req, res);
        StringBuilder hidden = new StringBuilder(Html.hidden(Csrf.FIELD, token));
        request.raw().forEach((name, value) -> hidden.append(Html.hidden(name, value)));
        StringBuilder scopes = new StringBuilder();
        for (String scope : request.scopes().list()) {
            scopes.append("<li>").append(Html.escape(describeScope(scope))).append("</li>");
        }
        String signIn = member.isPresent()
                ? "<p>Signed in as <strong>@" + Html.escape(member.get().account().username()) + "</strong>.</p>"
                : """
                  <label for="username">E-mail address or username</label>
                  <input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" required autofocus>
                  <label for="password">Password</label>
                  <input type="password" id="password" name="password" autocomplete="current-password" required>
                  """;
        String body = """
                <h1>Authorize %s</h1>
                %s
                <p><strong>%s</strong> asks to use your account on %s with these permissions:</p>
                <ul class="scopes">%s</ul>
                <form method="post" action="/oauth/authorize">
                %s
                %s
                <div class="actions">
                <button type="submit" name="decision" value="approve">%s</button>
                <button type="submit" name="decision" value="deny" class="secondary" formnovalidate>Deny</button>
                </div>
                </form>
                """.formatted(
                Html.escape(request.app().name()),
                Html.error(error),
                Html.escape(request.app().name()),
                Html.escape(config.domain()),
                scopes,
                hidden,
                signIn,
                member.isPresent() ? "Authorize" : "Sign in and authorize");
        Html.send(res, status, "Authorize " + request.app().name(), body);
    }

    static String describeScope(String scope) {
        return switch (scope) {
            case "read" -> "read all your account's data";
            case "write" -> "change all your account's data";
            case "follow" -> "follow, block and mute people";
            case "push" -> "receive push notifications";
            case "profile" -> "read only your account's profile";
            case "admin:read" -> "read all data on the server (administrators only)";
            case "admin:write" -> "moderate the server (administrators only)";
            default -> {
                String[] parts = scope.split(":", 2);
                yield (parts[0].equals("read") ? "read your " : parts[0].equals("write") ? "change your " : scope + " ")
                        + (parts.length > 1 ? parts[1].replace('_', ' ') : "");
            }
        };
    }

    private void token(ServerRequest req, ServerResponse res) {
        RequestParams params = RequestParams.read(req, responses.mapper(), 0);
        String grantType = params.string("grant_type")
                .orElseThrow(() -> OAuthException.invalidRequest("Missing required parameter: grant_type"));
        IssuedToken token;
        try {
            AppRow app = authenticateClient(req, params);
            token = switch (grantType) {
                case "authorization_code" -> oauth.exchangeCode(app, params.string("code").orElse(null),
                        params.string("redirect_uri").or(() -> app.redirectUriList().size() == 1
                                ? Optional.of(app.redirectUriList().get(0)) : Optional.empty()).orElse(""),
                        params.string("code_verifier").orElse(null));
                case "client_credentials" -> oauth.clientCredentials(app, params.string("scope").orElse(null));
                case "refresh_token" -> oauth.refresh(app, params.string("refresh_token").orElse(null),
                        params.string("scope").orElse(null));
                case "password" -> passwordGrant(req, app, params);
                default -> throw OAuthException.unsupportedGrantType();
            };
        } catch (GrantRefused refused) {
            throw switch (refused.reason()) {
                case INVALID_CLIENT -> OAuthException.invalidClient();
                case INVALID_GRANT -> OAuthException.invalidGrant(refused.getMessage());
                case INVALID_SCOPE -> OAuthException.invalidScope();
                case INVALID_REQUEST -> OAuthException.invalidRequest(refused.getMessage());
            };
        }
        res.header(HeaderNames.CACHE_CONTROL, "no-store").header(HeaderNames.PRAGMA, "no-cache");
        responses.json(res, converter.token(token));
    }

    private IssuedToken passwordGrant(ServerRequest req, AppRow app, RequestParams params) {
        if (!config.passwordGrant()) {
            throw OAuthException.unsupportedGrantType();
        }
        String login = params.string("username").orElseThrow(() -> OAuthException.invalidRequest("Missing required parameter: username"));
        if (!rateLimiter.tryAcquire(RateLimiter.SIGN_IN, ClientAddress.of(req))
                || !rateLimiter.tryAcquire(RateLimiter.SIGN_IN_ACCOUNT, login.toLowerCase(Locale.ROOT))) {
            throw new OAuthException(429, "slow_down", "Too many sign-in attempts; wait a few minutes.");
        }
        Member member = accounts.authenticate(login, params.string("password").orElse(""))
                .orElseThrow(() -> OAuthException.invalidGrant("Invalid e-mail address, username or password."));
        if (AccountProcessor.state(member) == AccountProcessor.State.SUSPENDED) {
            throw OAuthException.invalidGrant(AccountProcessor.describe(AccountProcessor.State.SUSPENDED));
        }
        Scopes scopes = oauth.requestableScopes(app, params.string("scope").orElse(null))
                .orElseThrow(OAuthException::invalidScope);
        return oauth.tokenForAccount(app.id(), member.account().id(), scopes);
    }

    private void revoke(ServerRequest req, ServerResponse res) {
        RequestParams params = RequestParams.read(req, responses.mapper(), 0);
        try {
            AppRow app = authenticateClient(req, params);
            oauth.revoke(app, params.string("token").orElse(null));
        } catch (GrantRefused refused) {
            throw OAuthException.invalidClient();
        }
        responses.json(res, Map.of());
    }

    /** Client credentials from HTTP Basic (client_secret_basic) or the body (client_secret_post). */
    private AppRow authenticateClient(ServerRequest req, RequestParams params) {
        Optional<String> basic = req.headers().first(HeaderNames.AUTHORIZATION)
                .filter(v -> v.regionMatches(true, 0, "Basic ", 0, 6));
        if (basic.isPresent()) {
            try {
                String decoded = new String(Base64.getDecoder().decode(basic.get().substring(6).strip()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    return oauth.authenticateClient(
                            java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                            java.net.URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8));
                }
            } catch (IllegalArgumentException e) {
                throw OAuthException.invalidClient();
            }
            throw OAuthException.invalidClient();
        }
        return oauth.authenticateClient(params.string("client_id").orElse(null), params.string("client_secret").orElse(null));
    }

    private void metadata(ServerRequest req, ServerResponse res) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", uris.base() + "/");
        doc.put("service_documentation", "https://docs.joinmastodon.org/");
        doc.put("authorization_endpoint", uris.absolute("/oauth/authorize"));
        doc.put("token_endpoint", uris.absolute("/oauth/token"));
        doc.put("revocation_endpoint", uris.absolute("/oauth/revoke"));
        doc.put("app_registration_endpoint", uris.absolute("/api/v1/apps"));
        doc.put("scopes_supported", List.of("read", "write", "push", "follow", "profile", "admin:read", "admin:write",
                "read:accounts", "read:blocks", "read:bookmarks", "read:favourites", "read:filters", "read:follows",
                "read:lists", "read:mutes", "read:notifications", "read:search", "read:statuses",
                "write:accounts", "write:blocks", "write:bookmarks", "write:conversations", "write:favourites",
                "write:filters", "write:follows", "write:lists", "write:media", "write:mutes", "write:notifications",
                "write:reports", "write:statuses"));
        doc.put("response_types_supported", List.of("code"));
        doc.put("response_modes_supported", List.of("query"));
        doc.put("code_challenge_methods_supported", List.of("S256"));
        doc.put("grant_types_supported", config.passwordGrant()
                ? List.of("authorization_code", "client_credentials", "refresh_token", "password")
                : List.of("authorization_code", "client_credentials", "refresh_token"));
        doc.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        responses.json(res, doc);
    }

    private static void redirectWithError(ServerResponse res, String redirectUri, String state, String error, String description) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("error", error);
        query.put("error_description", description);
        if (state != null) {
            query.put("state", state);
        }
        redirect(res, redirectUri, query);
    }

    private static void redirect(ServerResponse res, String redirectUri, Map<String, String> query) {
        StringBuilder location = new StringBuilder(redirectUri);
        char separator = redirectUri.contains("?") ? '&' : '?';
        for (var entry : query.entrySet()) {
            location.append(separator).append(entry.getKey()).append('=')
                    .append(URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        res.status(302).header(HeaderNames.LOCATION, location.toString()).header(HeaderNames.CACHE_CONTROL, "no-store").send();
    }
}
