package social.muse.server.http.ap;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.jdbi.v3.core.Jdbi;
import social.muse.federation.ap.ApCodec;
import social.muse.federation.ap.ApCollection;
import social.muse.federation.ap.ApCollectionPage;
import social.muse.federation.ap.ApIri;
import social.muse.federation.ap.ApItem;
import social.muse.server.convert.ApConverter;
import social.muse.server.convert.Uris;
import social.muse.server.db.AccountDao;
import social.muse.server.db.AccountRow;
import social.muse.server.http.IdText;
import social.muse.server.db.FollowDao;
import social.muse.server.db.OutboxDao;
import social.muse.federation.ap.ApParseException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.LongFunction;
import social.muse.server.db.StatusDao;
import social.muse.server.db.StatusRow;
import social.muse.federation.ap.ApTombstone;
import social.muse.server.processing.fedi.LocalActors;

import java.util.List;
import java.util.Optional;

/**
 * Local actors and their collections as ActivityPub documents. Each URL is also a page: a browser
 * (no ActivityPub in its Accept header) is sent to the person's profile in the web app.
 */
public final class ActorRoutes implements HttpService {
    static final int PAGE_SIZE = 40;

    private final Jdbi jdbi;
    private final AccountDao accounts;
    private final FollowDao follows;
    private final LocalActors localActors;
    private final ApConverter ap;
    private final ApCodec codec;
    private final ActivityJson json;
    private final Uris uris;
    private final StatusDao statuses;
    private final OutboxDao outbox;

    public ActorRoutes(Jdbi jdbi, AccountDao accounts, FollowDao follows, StatusDao statuses, OutboxDao outbox,
                       LocalActors localActors, ApConverter ap, ApCodec codec, Uris uris) {
        this.statuses = statuses;
        this.outbox = outbox;
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.follows = follows;
        this.localActors = localActors;
        this.ap = ap;
        this.codec = codec;
        this.json = new ActivityJson(codec);
        this.uris = uris;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/actor", this::instanceActor)
                .get("/ns", this::namespace)
                .get("/users/{username}", this::actor)
                .get("/users/{username}/followers", this::followers)
                .get("/users/{username}/following", this::following)
                .get("/users/{username}/outbox", this::outbox)
                .get("/users/{username}/featured", this::featured)
                .get("/users/{username}/statuses/{id}", this::status);
    }

    private void instanceActor(ServerRequest req, ServerResponse res) {
        json.send(res, ap.actor(localActors.instanceActor()));
    }

    private void namespace(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "application/ld+json; charset=utf-8")
                .header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .send(codec.namespaceDocument().toString());
    }

    private void actor(ServerRequest req, ServerResponse res) {
        Optional<AccountRow> account = person(req, res);
        if (account.isEmpty()) {
            return;
        }
        if (!ActivityJson.wanted(req)) {
            res.status(303).header(HeaderNames.LOCATION, uris.profile(account.get().username())).send();
            return;
        }
        json.send(res, ap.actor(account.get()));
    }

    private void followers(ServerRequest req, ServerResponse res) {
        person(req, res).ifPresent(a -> accountCollection(req, res, a, "followers",
                jdbi.withHandle(h -> follows.countFollowers(h, a.id())),
                maxId -> jdbi.withHandle(h -> follows.followers(h, a.id(), maxId, PAGE_SIZE))));
    }

    private void following(ServerRequest req, ServerResponse res) {
        person(req, res).ifPresent(a -> accountCollection(req, res, a, "following",
                jdbi.withHandle(h -> follows.countFollowing(h, a.id())),
                maxId -> jdbi.withHandle(h -> follows.following(h, a.id(), maxId, PAGE_SIZE))));
    }

    /** Followers or following: a page's accounts are loaded in one query and shown by their actor ids. */
    private void accountCollection(ServerRequest req, ServerResponse res, AccountRow owner, String name, long total,
                                   LongFunction<List<FollowDao.Entry>> page) {
        collection(req, res, ap.actorId(owner) + "/" + name, total, maxId -> {
            List<FollowDao.Entry> entries = page.apply(maxId);
            Map<Long, AccountRow> byId = jdbi.withHandle(h -> accounts.byIds(h,
                    entries.stream().map(FollowDao.Entry::accountId).toList()));
            return entries.stream()
                    .map(e -> new PageItem(e.followId(), new ApIri(ap.actorId(byId.get(e.accountId())))))
                    .toList();
        });
    }

    private void outbox(ServerRequest req, ServerResponse res) {
        person(req, res).ifPresent(a -> collection(req, res, ap.actorId(a) + "/outbox",
                jdbi.withHandle(h -> outbox.countPublic(h, a.id())),
                maxId -> jdbi.withHandle(h -> outbox.publicPage(h, a.id(), maxId, PAGE_SIZE)).stream()
                        .map(e -> new PageItem(e.id(), readActivity(e)))
                        .toList()));
    }

    /** One item of a collection page and the cursor that pages past it. */
    private record PageItem(long cursor, ApItem item) {
    }

    /**
     * A paged OrderedCollection, newest first: without {@code ?page} the collection with its first
     * page's address; with {@code ?page=true[&max_id=]} one page and the address of the next.
     */
    private void collection(ServerRequest req, ServerResponse res, String id, long total, LongFunction<List<PageItem>> page) {
        if (req.query().first("page").isEmpty()) {
            json.send(res, new ApCollection(id, true, total, new ApIri(id + "?page=true"), null, List.of()));
            return;
        }
        long maxId = req.query().first("max_id").asOptional().flatMap(IdText::parse).orElse(Long.MAX_VALUE);
        List<PageItem> items = page.apply(maxId);
        String next = items.size() < PAGE_SIZE ? null : id + "?page=true&max_id=" + items.getLast().cursor();
        json.send(res, new ApCollectionPage(id + "?page=true" + (maxId == Long.MAX_VALUE ? "" : "&max_id=" + maxId),
                true, total, id, next, null, items.stream().map(PageItem::item).toList()));
    }

    private ApItem readActivity(OutboxDao.Entry entry) {
        try {
            return codec.read(entry.body().getBytes(StandardCharsets.UTF_8));
        } catch (ApParseException e) {
            throw new IllegalStateException("Stored activity " + entry.id() + " is unreadable", e);
        }
    }

    /**
     * A status by its AP id: the Note for public and unlisted posts (followers-only and direct ones
     * need the signed-fetch checks of a later change, so they are not served), a Tombstone with 410
     * once deleted. Browsers are sent to the web page.
     */
    private void status(ServerRequest req, ServerResponse res) {
        Optional<AccountRow> author = person(req, res);
        if (author.isEmpty()) {
            return;
        }
        Optional<StatusRow> status = IdText.parse(req.path().pathParameters().get("id"))
                .flatMap(id -> jdbi.withHandle(h -> statuses.byId(h, id)))
                .filter(s -> s.accountId() == author.get().id() && s.reblogOfId() == null)
                .filter(s -> s.deletedAt() != null || s.visibility().equals("public") || s.visibility().equals("unlisted"));
        if (status.isEmpty()) {
            res.status(404).header(HeaderNames.CONTENT_TYPE, "text/plain").send("Not found");
            return;
        }
        if (!ActivityJson.wanted(req)) {
            res.status(303).header(HeaderNames.LOCATION, status.get().url()).send();
            return;
        }
        if (status.get().deletedAt() != null) {
            res.status(410);
            json.send(res, new ApTombstone(status.get().uri(), "Note", status.get().createdAt(), null, status.get().deletedAt()));
            return;
        }
        json.send(res, ap.note(status.get(), author.get()));
    }

    private void featured(ServerRequest req, ServerResponse res) {
        person(req, res).ifPresent(a -> json.send(res,
                new ApCollection(ap.actorId(a) + "/featured", true, 0L, null, null, List.of())));
    }

    /** The local person named in the path; 404 when unknown, 410 when suspended or deleted. */
    private Optional<AccountRow> person(ServerRequest req, ServerResponse res) {
        String username = req.path().pathParameters().get("username");
        Optional<AccountRow> account = jdbi.withHandle(h -> accounts.byUsername(h, username, null))
                .filter(a -> !localActors.isInstanceActor(a));
        if (account.isEmpty()) {
            res.status(404).header(HeaderNames.CONTENT_TYPE, "text/plain").send("Not found");
            return Optional.empty();
        }
        if (account.get().suspendedAt() != null || account.get().deletedAt() != null) {
            res.status(410).header(HeaderNames.CONTENT_TYPE, "text/plain").send("Gone");
            return Optional.empty();
        }
        return account;
    }
}
