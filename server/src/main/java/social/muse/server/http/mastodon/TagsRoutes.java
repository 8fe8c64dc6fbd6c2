package social.muse.server.http.mastodon;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.jdbi.v3.core.Jdbi;
import social.muse.server.convert.Uris;
import social.muse.server.db.TagDao;
import social.muse.server.http.Responses;
import social.muse.server.http.auth.Authenticator;
import social.muse.server.processing.social.StatusText;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/tags/:name}: the Tag entity apps show above a hashtag timeline, with a week of use. Following and
 * featuring hashtags are not there yet, so {@code following} is false for a signed-in caller (null otherwise, as
 * Mastodon leaves it).
 */
public final class TagsRoutes implements HttpService {
    private final Jdbi jdbi;
    private final TagDao tags;
    private final Authenticator authenticator;
    private final Responses responses;
    private final Uris uris;

    public TagsRoutes(Jdbi jdbi, TagDao tags, Authenticator authenticator, Responses responses, Uris uris) {
        this.jdbi = jdbi;
        this.tags = tags;
        this.authenticator = authenticator;
        this.responses = responses;
        this.uris = uris;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/v1/tags/{name}", this::show);
    }

    private void show(ServerRequest req, ServerResponse res) {
        boolean signedIn = authenticator.optional(req).isPresent();
        String name = StatusText.tagName(req.path().pathParameters().get("name")).orElseThrow(MastodonException::notFound);
        List<Map<String, String>> history = jdbi.withHandle(h -> tags.week(h, name)).stream()
                .map(d -> Map.of("day", Long.toString(d.day()), "uses", Long.toString(d.uses()),
                        "accounts", Long.toString(d.accounts())))
                .toList();
        Map<String, Object> tag = new LinkedHashMap<>();
        tag.put("id", name);
        tag.put("name", name);
        tag.put("url", uris.tag(name));
        tag.put("history", history);
        tag.put("following", signedIn ? Boolean.FALSE : null);
        tag.put("featuring", signedIn ? Boolean.FALSE : null);
        responses.json(res, tag);
    }
}
