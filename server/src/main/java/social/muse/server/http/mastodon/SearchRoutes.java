package social.muse.server.http.mastodon;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import social.muse.server.convert.ApiConverter;
import social.muse.server.db.AccountRow;
import social.muse.server.http.Responses;
import social.muse.server.http.auth.Authenticator;
import social.muse.server.processing.accounts.AccountProcessor.Member;
import social.muse.server.processing.fedi.RemoteStatuses;
import social.muse.server.processing.social.StatusInteractions;
import social.muse.server.http.auth.Principal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v2/search}. Handles ({@code @user@host}, {@code user@host}) and actor URLs are
 * resolved over WebFinger and ActivityPub when a signed-in caller asks for {@code resolve=true},
 * as Mastodon does; otherwise known accounts are matched by username prefix (the full-text index
 * comes with the search issue).
 */
public final class SearchRoutes implements HttpService {
    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 40;

    private final AccountSearch accountSearch;
    private final RemoteStatuses remoteStatuses;
    private final StatusInteractions statuses;
    private final Authenticator authenticator;
    private final ApiConverter converter;
    private final Responses responses;

    public SearchRoutes(AccountSearch accountSearch,
                        RemoteStatuses remoteStatuses, StatusInteractions statuses, Authenticator authenticator,
                        ApiConverter converter, Responses responses) {
        this.accountSearch = accountSearch;
        this.remoteStatuses = remoteStatuses;
        this.statuses = statuses;
        this.authenticator = authenticator;
        this.converter = converter;
        this.responses = responses;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::search);
    }

    private void search(ServerRequest req, ServerResponse res) {
        Optional<Principal> caller = authenticator.optional(req);
        caller.ifPresent(p -> {
            if (!p.scopes().allows("read:search")) {
                throw MastodonException.outsideScopes();
            }
        });
        String q = req.query().first("q").orElse("").strip();
        if (q.isEmpty()) {
            throw MastodonException.badRequest("Missing parameter: q");
        }
        String type = req.query().first("type").orElse("");
        int limit = Math.min(MAX_LIMIT, Math.max(1, QueryFlags.number(req, "limit", DEFAULT_LIMIT)));
        int offset = Math.max(0, QueryFlags.number(req, "offset", 0));
        boolean resolve = caller.isPresent() && QueryFlags.flag(req, "resolve");

        List<Object> found = new ArrayList<>();
        if (type.isEmpty() || type.equals("accounts")) {
            accountSearch.find(q, resolve, limit, offset).stream().map(converter::account).forEach(found::add);
        }
        List<Object> posts = new ArrayList<>();
        boolean url = q.startsWith("https://") || q.startsWith("http://");
        if ((type.isEmpty() || type.equals("statuses")) && url && resolve) {
            Optional<AccountRow> viewer = caller.flatMap(Principal::member).map(Member::account);
            remoteStatuses.byUri(q)
                    .flatMap(s -> statuses.visibleStatus(s.id(), viewer))
                    .map(s -> converter.status(statuses.view(s, viewer), viewer.map(v -> v.id() == s.accountId()).orElse(false)))
                    .ifPresent(posts::add);
        }
        responses.json(res, Map.of("accounts", found, "statuses", posts, "hashtags", List.of()));
    }

}
