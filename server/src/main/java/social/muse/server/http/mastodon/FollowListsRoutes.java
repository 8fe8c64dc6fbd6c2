package social.muse.server.http.mastodon;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import social.muse.server.convert.ApiConverter;
import social.muse.server.convert.Uris;
import social.muse.server.db.AccountRow;
import social.muse.server.db.PageQuery;
import social.muse.server.http.Responses;
import social.muse.server.http.auth.Authenticator;
import social.muse.server.processing.accounts.ProfileProcessor;
import social.muse.server.processing.social.Blocks;
import social.muse.server.processing.social.FollowLists;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Followers and following lists, follow requests (list, authorize, reject) and remove_from_followers, with
 * Mastodon's Link paging.
 */
public final class FollowListsRoutes implements HttpService {
    private static final int DEFAULT_LIMIT = 40;
    private static final int MAX_LIMIT = 80;

    private final FollowLists lists;
    private final ProfileProcessor profiles;
    private final Relationships relationships;
    private final Authenticator authenticator;
    private final ApiConverter converter;
    private final Responses responses;
    private final Uris uris;

    public FollowListsRoutes(FollowLists lists, ProfileProcessor profiles, Relationships relationships,
                             Authenticator authenticator, ApiConverter converter, Responses responses, Uris uris) {
        this.lists = lists;
        this.profiles = profiles;
        this.relationships = relationships;
        this.authenticator = authenticator;
        this.converter = converter;
        this.responses = responses;
        this.uris = uris;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/v1/accounts/{id}/followers", (req, res) -> list(req, res, true))
                .get("/api/v1/accounts/{id}/following", (req, res) -> list(req, res, false))
                .post("/api/v1/accounts/{id}/remove_from_followers", (req, res) -> act(req, res, lists::removeFollower))
                .get("/api/v1/follow_requests", this::requests)
                .post("/api/v1/follow_requests/{id}/authorize", (req, res) -> act(req, res, lists::authorize))
                .post("/api/v1/follow_requests/{id}/reject", (req, res) -> act(req, res, lists::reject));
    }

    private void list(ServerRequest req, ServerResponse res, boolean followers) {
        authenticator.optional(req).ifPresent(caller -> {
            if (!caller.scopes().allows("read:accounts")) {
                throw MastodonException.outsideScopes();
            }
        });
        AccountRow account = account(req);
        PageQuery page = Paging.query(req, DEFAULT_LIMIT, MAX_LIMIT);
        send(req, res, page, followers ? lists.followers(account, page) : lists.following(account, page));
    }

    private void requests(ServerRequest req, ServerResponse res) {
        AccountRow me = authenticator.requireMember(req, "read:follows").requireMember().account();
        PageQuery page = Paging.query(req, DEFAULT_LIMIT, MAX_LIMIT);
        send(req, res, page, lists.requests(me, page));
    }

    /** Does {@code action} between the caller and the account in the path; answers with their relationship. */
    private void act(ServerRequest req, ServerResponse res, BiConsumer<AccountRow, AccountRow> action) {
        AccountRow me = authenticator.requireMember(req, "write:follows").requireMember().account();
        AccountRow other = account(req);
        action.accept(me, other);
        responses.json(res, relationships.of(me.id(), other.id()));
    }

    private void send(ServerRequest req, ServerResponse res, PageQuery page, List<Blocks.Listed> listed) {
        Paging.send(res, responses, uris, req.path().absolute().rawPath(), page, listed, Blocks.Listed::cursor,
                l -> converter.account(l.account()));
    }

    private AccountRow account(ServerRequest req) {
        return AccountPaths.account(req, profiles);
    }
}
