package social.muse.server.http.ap;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import social.muse.federation.webfinger.Jrd;
import social.muse.federation.webfinger.WebFingerResource;
import social.muse.server.config.MuseConfig;
import social.muse.server.convert.LocalAddresses;
import social.muse.server.convert.Uris;
import social.muse.server.db.AccountRow;
import social.muse.server.http.Responses;
import social.muse.server.http.mastodon.MastodonException;
import social.muse.server.processing.accounts.ProfileProcessor;

import java.util.List;

/**
 * WebFinger (RFC 7033) and host-meta (RFC 6415), how other servers turn {@code @user@host} into
 * an ActivityPub actor. Unknown people are 404, suspended ones 410, as Mastodon answers.
 */
public final class WebFingerRoutes implements HttpService {
    private final ProfileProcessor profiles;
    private final Uris uris;
    private final MuseConfig config;
    private final Responses responses;
    private final LocalAddresses localAddresses;

    public WebFingerRoutes(ProfileProcessor profiles, Uris uris, MuseConfig config, Responses responses,
                           LocalAddresses localAddresses) {
        this.localAddresses = localAddresses;
        this.profiles = profiles;
        this.uris = uris;
        this.config = config;
        this.responses = responses;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/.well-known/webfinger", this::webfinger)
                .get("/.well-known/host-meta", this::hostMeta)
                .get("/.well-known/host-meta.json", this::hostMetaJson);
    }

    private void webfinger(ServerRequest req, ServerResponse res) {
        WebFingerResource resource = WebFingerResource.parse(req.query().first("resource").orElse(null))
                .orElseThrow(() -> MastodonException.badRequest("The resource parameter is missing or malformed"));
        AccountRow account = localAddresses.username(resource)
                .flatMap(username -> profiles.byUsername(username, null))
                .orElseThrow(MastodonException::notFound);
        if (account.suspendedAt() != null) {
            throw new MastodonException(410, "Gone");
        }
        String avatar = account.avatarFile() == null ? uris.defaultAvatar() : uris.media(account.avatarFile());
        Jrd jrd = new Jrd(
                "acct:" + account.username() + "@" + config.domain(),
                List.of(uris.actor(account.username()), uris.profile(account.username())),
                List.of(Jrd.Link.of(Jrd.REL_PROFILE_PAGE, "text/html", uris.profile(account.username())),
                        Jrd.Link.of(Jrd.REL_SELF, Jrd.ACTIVITY_JSON, uris.actor(account.username())),
                        Jrd.Link.of(Jrd.REL_AVATAR, avatar.endsWith(".png") ? "image/png" : "image/*", avatar)));
        res.header(HeaderNames.CACHE_CONTROL, "max-age=259200, public");
        responses.json(res, 200, Jrd.MEDIA_TYPE + "; charset=utf-8", jrd);
    }

    private void hostMeta(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "application/xrd+xml; charset=utf-8")
                .send("""
                        <?xml version="1.0" encoding="UTF-8"?>
                        <XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0">
                          <Link rel="lrdd" template="%s"/>
                        </XRD>
                        """.formatted(lrddTemplate().replace("&", "&amp;").replace("\"", "&quot;")));
    }

    private void hostMetaJson(ServerRequest req, ServerResponse res) {
        responses.json(res, 200, Jrd.MEDIA_TYPE + "; charset=utf-8",
                new Jrd(null, List.of(), List.of(new Jrd.Link("lrdd", null, null, lrddTemplate()))));
    }

    private String lrddTemplate() {
        return uris.absolute("/.well-known/webfinger?resource={uri}");
    }
}
