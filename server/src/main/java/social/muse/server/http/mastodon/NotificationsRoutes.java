package social.muse.server.http.mastodon;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.jdbi.v3.core.Jdbi;
import social.muse.server.convert.ApiConverter;
import social.muse.server.convert.Uris;
import social.muse.server.db.AccountDao;
import social.muse.server.db.AccountRow;
import social.muse.server.db.NotificationDao;
import social.muse.server.db.NotificationDao.NotificationRow;
import social.muse.server.db.PageQuery;
import social.muse.server.db.StatusDao;
import social.muse.server.http.IdText;
import social.muse.server.http.RequestParams;
import social.muse.server.http.Responses;
import social.muse.server.http.auth.Authenticator;
import social.muse.server.http.mastodon.model.NotificationResponse;
import social.muse.server.http.mastodon.model.StatusResponse;
import social.muse.server.processing.social.StatusInteractions;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/v1/notifications}: the list (with {@code types[]}, {@code exclude_types[]}, {@code account_id} and
 * Mastodon's paging), one notification, dismiss and clear.
 */
public final class NotificationsRoutes implements HttpService {
    private static final int DEFAULT_LIMIT = 40;
    private static final int MAX_LIMIT = 80;

    private final Jdbi jdbi;
    private final NotificationDao notifications;
    private final AccountDao accounts;
    private final StatusDao statusDao;
    private final StatusInteractions statuses;
    private final Authenticator authenticator;
    private final ApiConverter converter;
    private final Responses responses;
    private final Uris uris;

    public NotificationsRoutes(Jdbi jdbi, NotificationDao notifications, AccountDao accounts, StatusDao statusDao,
                               StatusInteractions statuses, Authenticator authenticator, ApiConverter converter,
                               Responses responses, Uris uris) {
        this.jdbi = jdbi;
        this.notifications = notifications;
        this.accounts = accounts;
        this.statusDao = statusDao;
        this.statuses = statuses;
        this.authenticator = authenticator;
        this.converter = converter;
        this.responses = responses;
        this.uris = uris;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/clear", this::clear)
                .get("/{id}", this::show)
                .post("/{id}/dismiss", this::dismiss);
    }

    private void list(ServerRequest req, ServerResponse res) {
        AccountRow me = member(req, "read:notifications");
        RequestParams params = RequestParams.read(req, responses.mapper(), 0);
        PageQuery page = Paging.query(req, DEFAULT_LIMIT, MAX_LIMIT);
        Long from = params.string("account_id").filter(s -> !s.isEmpty()).flatMap(IdText::parse).orElse(null);
        List<NotificationRow> rows = jdbi.withHandle(h -> notifications.page(h, me.id(), params.strings("types"),
                params.strings("exclude_types"), from, page));
        Paging.link(res, uris, "/api/v1/notifications", page, rows.stream().map(NotificationRow::id).toList());
        // a notification about something since deleted is left out, but still counts for paging
        responses.json(res, rows.stream().map(n -> render(n, me)).flatMap(Optional::stream).toList());
    }

    private void show(ServerRequest req, ServerResponse res) {
        AccountRow me = member(req, "read:notifications");
        responses.json(res, jdbi.withHandle(h -> notifications.byId(h, me.id(), id(req)))
                .flatMap(n -> render(n, me))
                .orElseThrow(MastodonException::notFound));
    }

    private void dismiss(ServerRequest req, ServerResponse res) {
        AccountRow me = member(req, "write:notifications");
        jdbi.useHandle(h -> notifications.dismiss(h, me.id(), id(req)));
        responses.json(res, Map.of());
    }

    private void clear(ServerRequest req, ServerResponse res) {
        AccountRow me = member(req, "write:notifications");
        jdbi.useHandle(h -> notifications.clear(h, me.id()));
        responses.json(res, Map.of());
    }

    /** Empty when what it was about is gone (a deleted sender or post). */
    private Optional<NotificationResponse> render(NotificationRow n, AccountRow me) {
        Optional<AccountRow> from = jdbi.withHandle(h -> accounts.byId(h, n.fromAccountId()))
                .filter(a -> a.deletedAt() == null && a.suspendedAt() == null);
        if (from.isEmpty()) {
            return Optional.empty();
        }
        StatusResponse status = null;
        if (n.statusId() != null) {
            var row = jdbi.withHandle(h -> statusDao.byId(h, n.statusId())).filter(s -> s.deletedAt() == null);
            if (row.isEmpty()) {
                return Optional.empty();
            }
            status = converter.status(statuses.view(row.get(), Optional.of(me)), row.get().accountId() == me.id());
        }
        return Optional.of(new NotificationResponse(Long.toString(n.id()), n.type(), "ungrouped-" + n.id(),
                ApiConverter.timestamp(n.createdAt()), converter.account(from.get()), status));
    }

    private AccountRow member(ServerRequest req, String scope) {
        return authenticator.requireMember(req, scope).requireMember().account();
    }

    private static long id(ServerRequest req) {
        return IdText.parse(req.path().pathParameters().get("id")).orElseThrow(MastodonException::notFound);
    }
}
