package social.muse.server.http.mastodon;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.jdbi.v3.core.Jdbi;
import social.muse.server.convert.ApiConverter;
import social.muse.server.convert.Uris;
import social.muse.server.db.AccountRow;
import social.muse.server.db.PageQuery;
import social.muse.server.db.StatusRow;
import social.muse.server.db.TimelineDao;
import social.muse.server.http.Responses;
import social.muse.server.http.auth.Authenticator;
import social.muse.server.processing.accounts.ProfileProcessor;
import social.muse.server.processing.social.Pins;
import social.muse.server.processing.social.StatusText;
import social.muse.server.processing.fedi.OutboxBackfill;
import social.muse.server.processing.social.StatusInteractions;

import java.util.List;
import java.util.Optional;

/**
 * Timelines with Mastodon's paging ({@code max_id}, {@code since_id}, {@code min_id}, {@code limit}; a {@code Link}
 * header): {@code /api/v1/timelines/home}, {@code /api/v1/timelines/public} and an account's statuses
 * ({@code /api/v1/accounts/:id/statuses}).
 */
public final class TimelinesRoutes implements HttpService {
    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 40;

    private final Jdbi jdbi;
    private final TimelineDao timelines;
    private final StatusInteractions statuses;
    private final Pins pins;
    private final OutboxBackfill outboxBackfill;
    private final ProfileProcessor profiles;
    private final Authenticator authenticator;
    private final StatusReaders readers;
    private final Responses responses;
    private final Uris uris;

    public TimelinesRoutes(Jdbi jdbi, TimelineDao timelines, StatusInteractions statuses, Pins pins,
                           OutboxBackfill outboxBackfill, ProfileProcessor profiles, Authenticator authenticator,
                           ApiConverter converter, Responses responses, Uris uris) {
        this.jdbi = jdbi;
        this.outboxBackfill = outboxBackfill;
        this.timelines = timelines;
        this.statuses = statuses;
        this.pins = pins;
        this.profiles = profiles;
        this.authenticator = authenticator;
        this.readers = new StatusReaders(statuses, authenticator, converter);
        this.responses = responses;
        this.uris = uris;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/v1/timelines/home", this::home)
                .get("/api/v1/timelines/public", this::publicTimeline)
                .get("/api/v1/timelines/tag/{hashtag}", this::tag)
                .get("/api/v1/accounts/{id}/statuses", this::account);
    }

    private void home(ServerRequest req, ServerResponse res) {
        AccountRow me = authenticator.requireMember(req, "read:statuses").requireMember().account();
        PageQuery page = Paging.query(req, DEFAULT_LIMIT, MAX_LIMIT);
        send(req, res, page, Optional.of(me), jdbi.withHandle(h -> timelines.home(h, me.id(), page)));
    }

    private void publicTimeline(ServerRequest req, ServerResponse res) {
        Optional<AccountRow> viewer = readers.reader(req);
        PageQuery page = Paging.query(req, DEFAULT_LIMIT, MAX_LIMIT);
        boolean local = QueryFlags.flag(req, "local");
        boolean remote = QueryFlags.flag(req, "remote");
        boolean onlyMedia = QueryFlags.flag(req, "only_media");
        send(req, res, page, viewer, jdbi.withHandle(h -> timelines.publicTimeline(h, viewer.map(AccountRow::id).orElse(null),
                local, remote, onlyMedia, page)));
    }

    private void tag(ServerRequest req, ServerResponse res) {
        Optional<AccountRow> viewer = readers.reader(req);
        PageQuery page = Paging.query(req, DEFAULT_LIMIT, MAX_LIMIT);
        // a name that is no hashtag has no posts
        String name = StatusText.tagName(req.path().pathParameters().get("hashtag")).orElse("");
        send(req, res, page, viewer, jdbi.withHandle(h -> timelines.tag(h, viewer.map(AccountRow::id).orElse(null), name,
                QueryFlags.flag(req, "local"), QueryFlags.flag(req, "remote"), QueryFlags.flag(req, "only_media"), page)));
    }

    private void account(ServerRequest req, ServerResponse res) {
        Optional<AccountRow> viewer = readers.reader(req);
        AccountRow account = AccountPaths.account(req, profiles);
        PageQuery page = Paging.query(req, DEFAULT_LIMIT, MAX_LIMIT);
        if (QueryFlags.flag(req, "pinned")) {
            // pins are few (at most 5 here); Mastodon does not page them either
            List<StatusRow> pinned = page.maxId() != null || page.minId() != null || page.sinceId() != null ? List.of()
                    : pins.pinned(account).stream()
                            .filter(s -> statuses.visibleStatus(s.id(), viewer).isPresent()).toList();
            responses.json(res, readers.renderAll(pinned, viewer));
            return;
        }
        if (!account.isLocal() && viewer.isPresent()) {
            // the first signed-in look at someone from elsewhere reads their recent posts (anonymous callers make
            // this server fetch nothing)
            outboxBackfill.fillOnce(account);
        }
        send(req, res, page, viewer, jdbi.withHandle(h -> timelines.account(h, account.id(),
                viewer.map(AccountRow::id).orElse(null), QueryFlags.flag(req, "exclude_replies"), QueryFlags.flag(req, "exclude_reblogs"),
                QueryFlags.flag(req, "only_media"), page)));
    }

    private void send(ServerRequest req, ServerResponse res, PageQuery page, Optional<AccountRow> viewer,
                      List<StatusRow> rows) {
        Paging.sendRendered(res, responses, uris, req.path().absolute().rawPath(), page, rows, StatusRow::id,
                list -> readers.renderAll(list, viewer));
    }
}
