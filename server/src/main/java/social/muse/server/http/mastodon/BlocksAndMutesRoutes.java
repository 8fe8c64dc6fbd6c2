package social.muse.server.http.mastodon;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import social.muse.server.convert.ApiConverter;
import social.muse.server.convert.Uris;
import social.muse.server.db.AccountRow;
import social.muse.server.db.PageQuery;
import social.muse.server.http.RequestParams;
import social.muse.server.http.Responses;
import social.muse.server.http.auth.Authenticator;
import social.muse.server.processing.accounts.ProfileProcessor;
import social.muse.server.processing.social.Blocks;
import social.muse.server.http.mastodon.model.MutedAccountResponse;

import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Blocking and muting: {@code POST /api/v1/accounts/:id/block|unblock|mute|unmute} (answering with the Relationship)
 * and the lists {@code GET /api/v1/blocks} and {@code GET /api/v1/mutes}.
 */
public final class BlocksAndMutesRoutes implements HttpService {
    private static final int DEFAULT_LIMIT = 40;
    private static final int MAX_LIMIT = 80;

    private final Blocks blocks;
    private final ProfileProcessor profiles;
    private final Relationships relationships;
    private final Authenticator authenticator;
    private final ApiConverter converter;
    private final Responses responses;
    private final Uris uris;

    public BlocksAndMutesRoutes(Blocks blocks, ProfileProcessor profiles, Relationships relationships,
                                Authenticator authenticator, ApiConverter converter, Responses responses, Uris uris) {
        this.blocks = blocks;
        this.profiles = profiles;
        this.relationships = relationships;
        this.authenticator = authenticator;
        this.converter = converter;
        this.responses = responses;
        this.uris = uris;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/api/v1/accounts/{id}/block", (req, res) -> act(req, res, "write:blocks", blocks::block))
                .post("/api/v1/accounts/{id}/unblock", (req, res) -> act(req, res, "write:blocks", blocks::unblock))
                .post("/api/v1/accounts/{id}/mute", (req, res) -> act(req, res, "write:mutes",
                        (me, target) -> mute(req, me, target)))
                .post("/api/v1/accounts/{id}/unmute", (req, res) -> act(req, res, "write:mutes", blocks::unmute))
                .get("/api/v1/blocks", this::blocked)
                .get("/api/v1/mutes", this::muted);
    }

    /** {@code notifications} (default true) and {@code duration} in seconds (0 or absent: until unmuted). */
    private void mute(ServerRequest req, AccountRow me, AccountRow target) {
        RequestParams params = RequestParams.read(req, responses.mapper(), 0);
        long seconds = params.string("duration").filter(s -> !s.isBlank()).map(BlocksAndMutesRoutes::seconds).orElse(0L);
        blocks.mute(me, target, params.bool("notifications").orElse(true), Duration.ofSeconds(seconds));
    }

    /** Does {@code action} to the account in the path and answers with the caller's relationship to it. */
    private void act(ServerRequest req, ServerResponse res, String scope, BiConsumer<AccountRow, AccountRow> action) {
        AccountRow me = member(req, scope);
        AccountRow target = target(req);
        action.accept(me, target);
        responses.json(res, relationships.of(me.id(), target.id()));
    }

    private void blocked(ServerRequest req, ServerResponse res) {
        AccountRow me = member(req, "read:blocks");
        PageQuery page = Paging.query(req, DEFAULT_LIMIT, MAX_LIMIT);
        send(res, "/api/v1/blocks", page, blocks.blocked(me, page));
    }

    private void muted(ServerRequest req, ServerResponse res) {
        AccountRow me = member(req, "read:mutes");
        PageQuery page = Paging.query(req, DEFAULT_LIMIT, MAX_LIMIT);
        Paging.send(res, responses, uris, "/api/v1/mutes", page, blocks.muted(me, page), Blocks.Muted::cursor,
                m -> new MutedAccountResponse(converter.account(m.account()),
                        m.expiresAt() == null ? null : ApiConverter.timestamp(m.expiresAt())));
    }

    private void send(ServerResponse res, String path, PageQuery page, List<Blocks.Listed> listed) {
        Paging.send(res, responses, uris, path, page, listed, Blocks.Listed::cursor, l -> converter.account(l.account()));
    }

    private static long seconds(String text) {
        try {
            long seconds = Long.parseLong(text.strip());
            if (seconds < 0) {
                throw MastodonException.unprocessable("Validation failed: Duration must be 0 or more seconds");
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw MastodonException.unprocessable("Validation failed: Duration is not a number of seconds");
        }
    }

    private AccountRow member(ServerRequest req, String scope) {
        return authenticator.requireMember(req, scope).requireMember().account();
    }

    private AccountRow target(ServerRequest req) {
        return AccountPaths.account(req, profiles);
    }
}
