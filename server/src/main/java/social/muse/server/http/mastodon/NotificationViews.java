package social.muse.server.http.mastodon;

import org.jdbi.v3.core.Jdbi;
import social.muse.server.convert.ApiConverter;
import social.muse.server.db.AccountDao;
import social.muse.server.db.AccountRow;
import social.muse.server.db.NotificationDao;
import social.muse.server.db.NotificationDao.NotificationRow;
import social.muse.server.db.StatusDao;
import social.muse.server.http.mastodon.model.NotificationResponse;
import social.muse.server.http.mastodon.model.StatusResponse;
import social.muse.server.processing.social.StatusInteractions;

import java.util.Optional;

/** Notifications as the Mastodon API shows them to their recipient, for the list and for live streams. */
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
        return jdbi.withHandle(h -> notifications.byId(h, me.id(), id)).flatMap(n -> render(n, me));
    }

    /** Empty when what it was about is gone (a deleted sender or post). */
    public Optional<NotificationResponse> render(NotificationRow n, AccountRow me) {
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
}
