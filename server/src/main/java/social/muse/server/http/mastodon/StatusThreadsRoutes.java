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
import social.muse.server.db.PageQuery;
import social.muse.server.db.StatusDao;
import social.muse.server.db.StatusRow;
import social.muse.server.db.TimelineDao;
import social.muse.server.http.IdText;
import social.muse.server.http.Responses;
import social.muse.server.http.auth.Authenticator;
import social.muse.server.http.mastodon.model.StatusResponse;
import social.muse.server.processing.social.StatusInteractions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Around one status: its thread ({@code /context}), who favourited and boosted it ({@code /favourited_by},
 * {@code /reblogged_by}), and the caller's favourites ({@code /api/v1/favourites}).
 */
public final class StatusThreadsRoutes implements HttpService {
    private static final int MAX_ANCESTORS = 40;
    private static final int MAX_DESCENDANTS = 60;
    private static final int DEFAULT_LIMIT = 40;
    private static final int MAX_LIMIT = 80;

    private final Jdbi jdbi;
    private final TimelineDao timelines;
    private final StatusDao statusDao;
    private final AccountDao accounts;
    private final StatusInteractions statuses;
    private final Authenticator authenticator;
    private final ApiConverter converter;
    private final StatusReaders readers;
    private final Responses responses;
    private final Uris uris;

    public StatusThreadsRoutes(Jdbi jdbi, TimelineDao timelines, StatusDao statusDao, AccountDao accounts,
                               StatusInteractions statuses, Authenticator authenticator, ApiConverter converter,
                               Responses responses, Uris uris) {
        this.jdbi = jdbi;
        this.timelines = timelines;
        this.statusDao = statusDao;
        this.accounts = accounts;
        this.statuses = statuses;
        this.authenticator = authenticator;
        this.converter = converter;
        this.readers = new StatusReaders(statuses, authenticator, converter);
        this.responses = responses;
        this.uris = uris;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/v1/statuses/{id}/context", this::context)
                .get("/api/v1/statuses/{id}/favourited_by", (req, res) -> reactions(req, res, true))
                .get("/api/v1/statuses/{id}/reblogged_by", (req, res) -> reactions(req, res, false))
                .get("/api/v1/favourites", (req, res) -> marked(req, res, "read:favourites", "/api/v1/favourites",
                        timelines::favourites))
                .get("/api/v1/bookmarks", (req, res) -> marked(req, res, "read:bookmarks", "/api/v1/bookmarks",
                        timelines::bookmarks));
    }

    /** Ancestors from the thread's start, descendants in reply order; only what the caller may see. */
    private void context(ServerRequest req, ServerResponse res) {
        Optional<AccountRow> viewer = readers.reader(req);
        StatusRow status = visible(req, viewer);
        List<StatusRow> ancestors = new ArrayList<>();
        Long parent = status.inReplyToId();
        while (parent != null && ancestors.size() < MAX_ANCESTORS) {
            Optional<StatusRow> up = statuses.visibleStatus(parent, viewer);
            if (up.isEmpty()) {
                break;
            }
            ancestors.add(up.get());
            parent = up.get().inReplyToId();
        }
        Collections.reverse(ancestors);
        List<StatusRow> descendants = jdbi.withHandle(h -> timelines.descendants(h, status.id(), MAX_DESCENDANTS)).stream()
                .filter(s -> statuses.visibleStatus(s.id(), viewer).isPresent())
                .toList();
        responses.json(res, Map.of("ancestors", readers.renderAll(ancestors, viewer),
                "descendants", readers.renderAll(descendants, viewer)));
    }

    private void reactions(ServerRequest req, ServerResponse res, boolean favourites) {
        Optional<AccountRow> viewer = readers.reader(req);
        StatusRow status = visible(req, viewer);
        PageQuery page = Paging.query(req, DEFAULT_LIMIT, MAX_LIMIT);
        List<TimelineDao.Reaction> rows = jdbi.withHandle(h -> timelines.reactions(h, status.id(), favourites, page));
        Map<Long, AccountRow> byId = jdbi.withHandle(h -> accounts.byIds(h,
                rows.stream().map(TimelineDao.Reaction::accountId).toList()));
        Paging.send(res, responses, uris, req.path().absolute().rawPath(), page,
                rows.stream().filter(r -> byId.containsKey(r.accountId())).toList(), TimelineDao.Reaction::cursor,
                r -> converter.account(byId.get(r.accountId())));
    }

    /** The statuses one marked, favourites or bookmarks, newest mark first. */
    private void marked(ServerRequest req, ServerResponse res, String scope, String path, MarkedList list) {
        AccountRow me = authenticator.requireMember(req, scope).requireMember().account();
        PageQuery page = Paging.query(req, DEFAULT_LIMIT, MAX_LIMIT);
        Paging.sendRendered(res, responses, uris, path, page,
                jdbi.withHandle(h -> list.page(h, me.id(), page)), TimelineDao.Marked::cursor,
                marks -> readers.renderAll(marks.stream().map(TimelineDao.Marked::status).toList(), Optional.of(me)));
    }

    private interface MarkedList {
        List<TimelineDao.Marked> page(org.jdbi.v3.core.Handle h, long viewer, PageQuery page);
    }

    private StatusRow visible(ServerRequest req, Optional<AccountRow> viewer) {
        return IdText.parse(req.path().pathParameters().get("id"))
                .flatMap(id -> statuses.visibleStatus(id, viewer))
                .orElseThrow(MastodonException::notFound);
    }


}
