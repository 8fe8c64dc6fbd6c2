package social.muse.server.http.mastodon;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.jdbi.v3.core.Jdbi;
import social.muse.server.convert.Uris;
import social.muse.server.db.AccountRow;
import social.muse.server.db.MarkerDao;
import social.muse.server.db.NotificationDao;
import social.muse.server.db.NotificationDao.NotificationRow;
import social.muse.server.db.PageQuery;
import social.muse.server.http.IdText;
import social.muse.server.http.RequestParams;
import social.muse.server.http.Responses;
import social.muse.server.http.auth.Authenticator;

import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/notifications}: the list (with {@code types[]}, {@code exclude_types[]}, {@code account_id} and
 * Mastodon's paging), one notification, dismiss and clear.
 */
public final class NotificationsRoutes implements HttpService {
    private static final int DEFAULT_LIMIT = 40;
    private static final int MAX_LIMIT = 80;

    private final Jdbi jdbi;
    private final NotificationDao notifications;
    private final MarkerDao markers;
    private final NotificationViews views;
    private final Authenticator authenticator;
    private final Responses responses;
    private final Uris uris;

    public NotificationsRoutes(Jdbi jdbi, NotificationDao notifications, MarkerDao markers, NotificationViews views,
                               Authenticator authenticator, Responses responses, Uris uris) {
        this.jdbi = jdbi;
        this.notifications = notifications;
        this.markers = markers;
        this.views = views;
        this.authenticator = authenticator;
        this.responses = responses;
        this.uris = uris;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/clear", this::clear)
                .get("/unread_count", this::unreadCount)
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
        responses.json(res, views.renderAll(rows, me));
    }

    /** Notifications after the "notifications" marker (Mastodon 4.3), counted up to {@code limit} (100, at most 1000). */
    private void unreadCount(ServerRequest req, ServerResponse res) {
        AccountRow me = member(req, "read:notifications");
        RequestParams params = RequestParams.read(req, responses.mapper(), 0);
        int limit = params.string("limit").flatMap(IdText::parse).map(l -> (int) Math.max(1, Math.min(l, 1000))).orElse(100);
        int count = jdbi.withHandle(h -> {
            long lastRead = markers.markers(h, me.id(), List.of("notifications")).stream().findFirst()
                    .flatMap(m -> IdText.parse(m.lastReadId())).orElse(0L);
            return notifications.countAfter(h, me.id(), lastRead, limit);
        });
        responses.json(res, Map.of("count", count));
    }

    private void show(ServerRequest req, ServerResponse res) {
        AccountRow me = member(req, "read:notifications");
        responses.json(res, views.byId(me, id(req)).orElseThrow(MastodonException::notFound));
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

    private AccountRow member(ServerRequest req, String scope) {
        return authenticator.requireMember(req, scope).requireMember().account();
    }

    private static long id(ServerRequest req) {
        return IdText.parse(req.path().pathParameters().get("id")).orElseThrow(MastodonException::notFound);
    }
}
