package social.muse.server.http.mastodon;

import org.jdbi.v3.core.Jdbi;
import social.muse.server.convert.ApiConverter;
import social.muse.server.db.AccountDao;
import social.muse.server.db.AccountRow;
import social.muse.server.db.NotificationDao;
import social.muse.server.db.NotificationDao.NotificationRow;
import social.muse.server.db.StatusDao;
import social.muse.server.db.StatusRow;
import social.muse.server.http.mastodon.model.NotificationResponse;
import social.muse.server.processing.social.StatusInteractions;
import social.muse.server.processing.social.StatusView;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Notifications as the Mastodon API shows them to their recipient, for the list and for live streams. A page is read
 * together: its senders, its statuses and their details in a fixed handful of statements.
 */
public final class NotificationViews {
    private final Jdbi jdbi;
    private final NotificationDao notifications;
    private final AccountDao accounts;
    private final StatusDao statusDao;
    private final StatusInteractions statuses;
    private final ApiConverter converter;

    public NotificationViews(Jdbi jdbi, NotificationDao notifications, AccountDao accounts, StatusDao statusDao,
                             StatusInteractions statuses, ApiConverter converter) {
        this.jdbi = jdbi;
        this.notifications = notifications;
        this.accounts = accounts;
        this.statusDao = statusDao;
        this.statuses = statuses;
        this.converter = converter;
    }

    /** {@code me}'s notification {@code id}; empty when it is not theirs or what it was about is gone. */
    public Optional<NotificationResponse> byId(AccountRow me, long id) {
        return jdbi.withHandle(h -> notifications.byId(h, me.id(), id)).stream()
                .flatMap(n -> renderAll(List.of(n), me).stream()).findFirst();
    }

    /** The notifications in their order, without those whose sender or status is gone. */
    public List<NotificationResponse> renderAll(List<NotificationRow> page, AccountRow me) {
        if (page.isEmpty()) {
            return List.of();
        }
        Map<Long, AccountRow> senders = jdbi.withHandle(h -> accounts.byIds(h,
                page.stream().map(NotificationRow::fromAccountId).collect(Collectors.toSet())));
        List<StatusRow> live = jdbi.withHandle(h -> statusDao.byIds(h,
                page.stream().map(NotificationRow::statusId).filter(Objects::nonNull).collect(Collectors.toSet())))
                .values().stream().filter(s -> s.deletedAt() == null).toList();
        Map<Long, StatusView> views = statuses.views(live, Optional.of(me)).stream()
                .collect(Collectors.toMap(v -> v.status().id(), Function.identity()));
        return page.stream().map(n -> render(n, senders.get(n.fromAccountId()), views.get(n.statusId()), me))
                .flatMap(Optional::stream).toList();
    }

    private Optional<NotificationResponse> render(NotificationRow n, AccountRow from, StatusView status, AccountRow me) {
        if (from == null || from.deletedAt() != null || from.suspendedAt() != null
                || (n.statusId() != null && status == null)) {
            return Optional.empty();
        }
        return Optional.of(new NotificationResponse(Long.toString(n.id()), n.type(), "ungrouped-" + n.id(),
                ApiConverter.timestamp(n.createdAt()), converter.account(from),
                status == null ? null : converter.status(status, status.status().accountId() == me.id())));
    }
}
