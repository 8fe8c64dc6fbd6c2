package social.muse.server.http.mastodon;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import social.muse.server.convert.ApiConverter;
import social.muse.server.http.RequestParams;
import social.muse.server.http.Responses;
import social.muse.server.http.auth.Authenticator;
import social.muse.server.http.auth.Principal;
import social.muse.server.processing.oauth.OAuthProcessor;
import social.muse.server.processing.oauth.OAuthProcessor.RegisteredApp;

/** {@code /api/v1/apps}: client registration and the app's view of its own token. */
public final class AppsRoutes implements HttpService {
    private final OAuthProcessor oauth;
    private final Authenticator authenticator;
    private final ApiConverter converter;
    private final Responses responses;

    public AppsRoutes(OAuthProcessor oauth, Authenticator authenticator, ApiConverter converter, Responses responses) {
        this.oauth = oauth;
        this.authenticator = authenticator;
        this.converter = converter;
        this.responses = responses;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::create)
                .get("/verify_credentials", this::verifyCredentials);
    }

    private void create(ServerRequest req, ServerResponse res) {
        RequestParams params = RequestParams.read(req, responses.mapper(), 0);
        RegisteredApp registered = oauth.registerApp(
                params.string("client_name").orElse(null),
                params.strings("redirect_uris"),
                params.string("scopes").orElse(null),
                params.string("website").orElse(null));
        responses.json(res, converter.application(registered.app(), registered.clientSecret()));
    }

    private void verifyCredentials(ServerRequest req, ServerResponse res) {
        Principal principal = authenticator.optional(req).orElseThrow(MastodonException::unauthorized);
        responses.json(res, converter.application(oauth.app(principal.applicationId()).orElseThrow(MastodonException::unauthorized), null));
    }
}
