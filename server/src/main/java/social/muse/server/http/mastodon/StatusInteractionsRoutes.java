package social.muse.server.http.mastodon;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import social.muse.server.convert.ApiConverter;
import social.muse.server.db.AccountRow;
import social.muse.server.db.StatusRow;
import social.muse.server.http.IdText;
import social.muse.server.http.RequestParams;
import social.muse.server.http.Responses;
import social.muse.server.http.auth.Authenticator;
import social.muse.server.http.auth.Principal;
import social.muse.server.processing.accounts.AccountProcessor.Member;
import social.muse.server.processing.social.Pins;
import social.muse.server.processing.social.StatusInteractions;

import java.util.Optional;

/**
 * {@code /api/v1/statuses/:id/...}: favourite, reblog and edit a status, and read its history and source.
 * A status the caller may not see is "Record not found", as on Mastodon.
 */
public final class StatusInteractionsRoutes implements HttpService {
    private final StatusInteractions interactions;
    private final Pins pins;
    private final Authenticator authenticator;
    private final ApiConverter converter;
    private final Responses responses;

    public StatusInteractionsRoutes(StatusInteractions interactions, Pins pins, Authenticator authenticator,
                                    ApiConverter converter, Responses responses) {
        this.interactions = interactions;
        this.pins = pins;
        this.authenticator = authenticator;
        this.converter = converter;
        this.responses = responses;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/{id}/favourite", this::favourite)
                .post("/{id}/unfavourite", this::unfavourite)
                .post("/{id}/reblog", this::reblog)
                .post("/{id}/unreblog", this::unreblog)
                .post("/{id}/bookmark", (req, res) -> bookmark(req, res, true))
                .post("/{id}/unbookmark", (req, res) -> bookmark(req, res, false))
                .post("/{id}/pin", this::pin)
                .post("/{id}/unpin", this::unpin)
                .put("/{id}", this::edit)
                .get("/{id}/history", this::history)
                .get("/{id}/source", this::source);
    }

    private void favourite(ServerRequest req, ServerResponse res) {
        AccountRow me = member(req, "write:favourites");
        responses.json(res, converter.status(interactions.favourite(me, visibleStatus(req, me)), false));
    }

    private void unfavourite(ServerRequest req, ServerResponse res) {
        AccountRow me = member(req, "write:favourites");
        responses.json(res, converter.status(interactions.unfavourite(me, visibleStatus(req, me)), false));
    }

    private void bookmark(ServerRequest req, ServerResponse res, boolean add) {
        AccountRow me = member(req, "write:bookmarks");
        StatusRow status = visibleStatus(req, me);
        responses.json(res, converter.status(add ? interactions.bookmark(me, status) : interactions.unbookmark(me, status),
                false));
    }

    private void reblog(ServerRequest req, ServerResponse res) {
        AccountRow me = member(req, "write:statuses");
        String visibility = RequestParams.read(req, responses.mapper(), 0).string("visibility").filter(v -> !v.isEmpty()).orElse(null);
        responses.json(res, converter.status(interactions.reblog(me, visibleStatus(req, me), visibility), false));
    }

    private void unreblog(ServerRequest req, ServerResponse res) {
        AccountRow me = member(req, "write:statuses");
        responses.json(res, converter.status(interactions.unreblog(me, visibleStatus(req, me)), false));
    }

    private void pin(ServerRequest req, ServerResponse res) {
        AccountRow me = member(req, "write:accounts");
        StatusRow status = visibleStatus(req, me);
        pins.pin(me, status);
        responses.json(res, converter.status(interactions.view(status, Optional.of(me)), true));
    }

    private void unpin(ServerRequest req, ServerResponse res) {
        AccountRow me = member(req, "write:accounts");
        StatusRow status = visibleStatus(req, me);
        pins.unpin(me, status);
        responses.json(res, converter.status(interactions.view(status, Optional.of(me)), true));
    }

    private void edit(ServerRequest req, ServerResponse res) {
        AccountRow me = member(req, "write:statuses");
        StatusRow status = ownStatus(req, me);
        RequestParams params = RequestParams.read(req, responses.mapper(), 0);
        var edit = new StatusInteractions.Edit(params.string("status").orElse(null), params.string("spoiler_text").orElse(null),
                params.bool("sensitive").orElse(null), params.string("language").filter(l -> !l.isEmpty()).orElse(null));
        responses.json(res, converter.status(interactions.edit(me, status, edit), true));
    }

    private void history(ServerRequest req, ServerResponse res) {
        Optional<Principal> caller = authenticator.optional(req);
        if (caller.isPresent() && !caller.get().scopes().allows("read:statuses")) {
            throw MastodonException.outsideScopes();
        }
        StatusRow status = visibleStatus(req, caller.flatMap(Principal::member).map(Member::account));
        AccountRow author = interactions.author(status);
        responses.json(res, interactions.history(status).stream().map(v -> converter.statusEdit(v, author)).toList());
    }

    private void source(ServerRequest req, ServerResponse res) {
        AccountRow me = member(req, "read:statuses");
        responses.json(res, converter.statusSource(ownStatus(req, me)));
    }

    private AccountRow member(ServerRequest req, String scope) {
        return authenticator.requireMember(req, scope).requireMember().account();
    }

    private StatusRow visibleStatus(ServerRequest req, AccountRow me) {
        return visibleStatus(req, Optional.of(me));
    }

    private StatusRow visibleStatus(ServerRequest req, Optional<AccountRow> viewer) {
        return findVisible(req, viewer).orElseThrow(MastodonException::notFound);
    }

    /** Only the author edits or reads the source, and only of a post of their own (not a reblog). */
    private StatusRow ownStatus(ServerRequest req, AccountRow me) {
        return findVisible(req, Optional.of(me))
                .filter(s -> s.accountId() == me.id() && s.reblogOfId() == null)
                .orElseThrow(MastodonException::notFound);
    }

    private Optional<StatusRow> findVisible(ServerRequest req, Optional<AccountRow> viewer) {
        return IdText.parse(req.path().pathParameters().get("id")).flatMap(id -> interactions.visibleStatus(id, viewer));
    }
}
