package social.muse.server.http.mastodon;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import social.muse.server.config.MuseConfig;
import social.muse.server.convert.ApiConverter;
import social.muse.server.http.ClientAddress;
import social.muse.server.http.IdText;
import social.muse.server.http.RequestParams;
import social.muse.server.http.Responses;
import social.muse.server.http.auth.Authenticator;
import social.muse.server.http.auth.Principal;
import social.muse.server.processing.accounts.AccountProcessor;
import social.muse.server.processing.accounts.AccountProcessor.Member;
import social.muse.server.processing.accounts.ProfileProcessor;
import social.muse.server.processing.accounts.ProfileProcessor.ProfileChanges;
import social.muse.server.processing.accounts.ProfileField;
import social.muse.server.processing.auth.RateLimiter;
import social.muse.server.processing.oauth.OAuthProcessor;
import social.muse.server.processing.social.SocialProcessor;
import social.muse.server.processing.oauth.Scopes;

import java.util.List;
import java.util.Optional;

/** {@code /api/v1/accounts}: sign-up, the caller's own account and profile, and account lookups. */
public final class AccountsRoutes implements HttpService {
    private final AccountProcessor accounts;
    private final ProfileProcessor profiles;
    private final OAuthProcessor oauth;
    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final ApiConverter converter;
    private final Responses responses;
    private final MuseConfig config;
    private final SocialProcessor social;
    private final AccountSearch accountSearch;
    private final Relationships relationships;

    public AccountsRoutes(AccountProcessor accounts, ProfileProcessor profiles, OAuthProcessor oauth,
                          Authenticator authenticator, RateLimiter rateLimiter, ApiConverter converter,
                          Responses responses, MuseConfig config, SocialProcessor social, Relationships relationships,
                          AccountSearch accountSearch) {
        this.accountSearch = accountSearch;
        this.accounts = accounts;
        this.profiles = profiles;
        this.oauth = oauth;
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.converter = converter;
        this.responses = responses;
        this.config = config;
        this.social = social;
        this.relationships = relationships;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::signUp)
                .get("/verify_credentials", this::verifyCredentials)
                .patch("/update_credentials", this::updateCredentials)
                .get("/lookup", this::lookup)
                .get("/search", this::search)
                .get("/relationships", this::relationships)
                .get("/{id}", this::show)
                .post("/{id}/follow", this::follow)
                .post("/{id}/unfollow", this::unfollow);
    }

    /** Mastodon's sign-up: an app token (client credentials) creates a person and gets their token back. */
    private void signUp(ServerRequest req, ServerResponse res) {
        Principal app = authenticator.require(req, "write:accounts");
        if (app.member().isPresent()) {
            throw new MastodonException(403, "This method requires an app token, not a user token");
        }
        if (!rateLimiter.tryAcquire(RateLimiter.SIGN_UP, ClientAddress.of(req))) {
            throw MastodonException.tooManyRequests();
        }
        RequestParams params = RequestParams.read(req, responses.mapper(), 0);
        Member member = accounts.register(new AccountProcessor.SignUp(
                params.string("username").orElse(null),
                params.string("email").orElse(null),
                params.strings("password").stream().findFirst().orElse(null),
                params.bool("agreement").orElse(false),
                params.string("locale").orElse(null),
                params.string("reason").orElse(null),
                params.string("invite_code").orElse(null)));
        var token = oauth.tokenForAccount(app.applicationId(), member.account().id(), app.scopes());
        responses.json(res, converter.token(token));
    }

    private void verifyCredentials(ServerRequest req, ServerResponse res) {
        Member member = authenticator.requireMember(req, "read:accounts", Scopes.PROFILE).requireMember();
        responses.json(res, converter.account(member.account(), member.user()));
    }

    private void updateCredentials(ServerRequest req, ServerResponse res) {
        Member member = authenticator.requireMember(req, "write:accounts").requireMember();
        long maxFile = Math.max(config.media().avatarMaxBytes(), config.media().headerMaxBytes());
        RequestParams params = RequestParams.read(req, responses.mapper(), maxFile);
        Optional<List<ProfileField>> fields = params.indexed("fields_attributes").isEmpty() && !params.has("fields_attributes")
                ? Optional.empty()
                : Optional.of(params.indexed("fields_attributes").stream()
                        .map(f -> new ProfileField(f.getOrDefault("name", ""), f.getOrDefault("value", "")))
                        .filter(f -> !f.name().isBlank() || !f.value().isBlank())
                        .toList());
        ProfileChanges changes = new ProfileChanges(
                params.string("display_name"),
                params.strings("note").stream().findFirst(),
                fields,
                params.bool("locked"),
                params.bool("bot"),
                params.bool("discoverable"),
                params.bool("indexable"),
                params.file("avatar").map(f -> f.bytes()),
                params.file("header").map(f -> f.bytes()),
                params.string("source[privacy]"),
                params.bool("source[sensitive]"),
                params.string("source[language]"));
        Member updated = profiles.update(member, changes);
        responses.json(res, converter.account(updated.account(), updated.user()));
    }

    /**
     * Accounts by what was typed, for mention autocompletion: {@code q}, {@code limit} (40, at most 80), {@code offset}
     * and {@code resolve} (a handle or URL looked up elsewhere). Signed-in callers only, as on Mastodon.
     */
    private void search(ServerRequest req, ServerResponse res) {
        authenticator.require(req, "read:accounts");
        String q = req.query().first("q").orElse("").strip();
        if (q.isEmpty()) {
            throw MastodonException.badRequest("Missing parameter: q");
        }
        int limit = Math.min(80, Math.max(1, QueryFlags.number(req, "limit", 40)));
        int offset = Math.max(0, QueryFlags.number(req, "offset", 0));
        responses.json(res, accountSearch.find(q, QueryFlags.flag(req, "resolve"), limit, offset).stream()
                .map(converter::account).toList());
    }

    private void lookup(ServerRequest req, ServerResponse res) {
        String acct = req.query().first("acct").asOptional().map(String::strip).filter(s -> !s.isEmpty())
                .orElseThrow(() -> MastodonException.badRequest("Missing parameter: acct"));
        String name = acct.startsWith("@") ? acct.substring(1) : acct;
        String domain = null;
        int at = name.indexOf('@');
        if (at >= 0) {
            domain = name.substring(at + 1);
            name = name.substring(0, at);
            if (domain.equalsIgnoreCase(config.domain())) {
                domain = null;
            }
        }
        var account = profiles.byUsername(name, domain)
                .filter(a -> a.suspendedAt() == null)
                .orElseThrow(MastodonException::notFound);
        responses.json(res, converter.account(account));
    }

    private void show(ServerRequest req, ServerResponse res) {
        responses.json(res, converter.account(accountFromPath(req)));
    }

    private void follow(ServerRequest req, ServerResponse res) {
        Member me = authenticator.requireMember(req, "write:follows").requireMember();
        var target = accountFromPath(req);
        social.follow(me.account(), target);
        responses.json(res, relationships.of(me.account().id(), target.id()));
    }

    private void unfollow(ServerRequest req, ServerResponse res) {
        Member me = authenticator.requireMember(req, "write:follows").requireMember();
        var target = accountFromPath(req);
        social.unfollow(me.account(), target);
        responses.json(res, relationships.of(me.account().id(), target.id()));
    }

    /** {@code id[]} (masto.js) or repeated {@code id}. */
    private void relationships(ServerRequest req, ServerResponse res) {
        Member me = authenticator.requireMember(req, "read:follows").requireMember();
        RequestParams params = RequestParams.read(req, responses.mapper(), 0);
        responses.json(res, params.strings("id").stream()
                .map(IdText::parse)
                .flatMap(Optional::stream)
                .map(id -> relationships.of(me.account().id(), id))
                .toList());
    }

    private social.muse.server.db.AccountRow accountFromPath(ServerRequest req) {
        return AccountPaths.account(req, profiles);
    }

}
