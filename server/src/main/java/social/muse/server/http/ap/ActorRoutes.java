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
import social.muse.federation.ap.ApDocument;
import social.muse.federation.ap.ApIri;
import social.muse.federation.ap.ApItem;
import social.muse.federation.ap.ApObject;
import social.muse.federation.ap.ApParseException;
import social.muse.federation.ap.ApTombstone;
import social.muse.server.convert.ApConverter;
import social.muse.server.convert.Uris;
import social.muse.server.db.AccountDao;
import social.muse.server.db.AccountRow;
import social.muse.server.db.FollowDao;
import social.muse.server.db.OutboxDao;
import social.muse.server.db.StatusDao;
import social.muse.server.db.StatusRow;
import social.muse.server.http.IdText;
import social.muse.server.processing.fedi.LocalActors;
import social.muse.server.processing.fedi.LocalNotes;
import social.muse.server.processing.fedi.PartialFollowers;
import social.muse.server.processing.social.Pins;
import social.muse.server.processing.fedi.SignedFetches;
import social.muse.server.processing.fedi.SignedFetches.FetchRequester;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Local actors and their collections as ActivityPub documents. Each URL is also a page: a browser
 * (no ActivityPub in its Accept header) is sent to the person's profile in the web app.
 *
 * <p>In authorized-fetch mode, documents under {@code /users/} are served to signed requests only, as Mastodon's
 * secure mode does: an unsigned request gets 401, except for the actor itself, which it gets reduced to what a
 * server needs to verify our signatures and deliver to us. The instance actor and {@code /ns} stay open (a
 * server resolving our key must not need a key of its own first).
 */
public final class ActorRoutes implements HttpService {
    static final int PAGE_SIZE = 40;
    /** What an unsigned request sees of an actor in authorized-fetch mode: enough to check its signatures and deliver. */
    static final Set<String> UNSIGNED_ACTOR_FIELDS =
            Set.of("id", "type", "preferredUsername", "inbox", "endpoints", "publicKey", "assertionMethod");

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
    private final SignedFetches fetches;
    private final PartialFollowers partialFollowers;
    private final Pins pins;
    private final LocalNotes notes;
    private final boolean authorizedFetch;

    public ActorRoutes(Jdbi jdbi, AccountDao accounts, FollowDao follows, StatusDao statuses, OutboxDao outbox,
                       LocalActors localActors, ApConverter ap, ApCodec codec, Uris uris, SignedFetches fetches,
                       PartialFollowers partialFollowers, Pins pins, LocalNotes notes, boolean authorizedFetch) {
        this.notes = notes;
        this.fetches = fetches;
        this.partialFollowers = partialFollowers;
        this.pins = pins;
        this.authorizedFetch = authorizedFetch;
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
                .get("/users/{username}/followers_synchronization", this::followersSynchronization)
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
        if (!authorizedFetch) {
            json.send(res, ap.actor(account.get()));
        } else if (fetches.authenticate(SignedRequests.of(req, uris, null)) instanceof FetchRequester.Signed) {
            json.sendPerRequester(res, ap.actor(account.get()));
        } else {
            json.sendOnly(res, ap.actor(account.get()), UNSIGNED_ACTOR_FIELDS);
        }
    }

    private void followers(ServerRequest req, ServerResponse res) {
        collectionOwner(req, res).ifPresent(a -> accountCollection(req, res, a, "followers",
                jdbi.withHandle(h -> follows.countFollowers(h, a.id())),
                maxId -> jdbi.withHandle(h -> follows.followers(h, a.id(), maxId, PAGE_SIZE))));
    }

    /** FEP-8fcf: the owner's followers on the signer's server, served to that server only. */
    private void followersSynchronization(ServerRequest req, ServerResponse res) {
        Optional<AccountRow> owner = person(req, res);
        if (owner.isEmpty()) {
            return;
        }
        switch (fetches.authenticate(SignedRequests.of(req, uris, null))) {
            case FetchRequester.Signed signed -> json.sendPerRequester(res,
                    jdbi.withHandle(h -> partialFollowers.collection(h, owner.get(), signed.remoteActor())));
            case FetchRequester.Refused refused -> plain(res, refused.status(), refused.message());
            case FetchRequester.Anonymous ignored -> plain(res, 401, "Sign the request: this list is for your server only");
        }
    }

    private void following(ServerRequest req, ServerResponse res) {
        collectionOwner(req, res).ifPresent(a -> accountCollection(req, res, a, "following",
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
        collectionOwner(req, res).ifPresent(a -> collection(req, res, ap.actorId(a) + "/outbox",
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
            send(res, new ApCollection(id, true, total, new ApIri(id + "?page=true"), null, List.of()));
            return;
        }
        long maxId = req.query().first("max_id").asOptional().flatMap(IdText::parse).orElse(Long.MAX_VALUE);
        List<PageItem> items = page.apply(maxId);
        String next = items.size() < PAGE_SIZE ? null : id + "?page=true&max_id=" + items.getLast().cursor();
        send(res, new ApCollectionPage(id + "?page=true" + (maxId == Long.MAX_VALUE ? "" : "&max_id=" + maxId),
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
     * A status by its AP id: the Note to whoever may read it ({@link SignedFetches#mayRead}: followers-only and
     * direct posts need a signed request by a follower or a mentioned account), a Tombstone with 410 once deleted,
     * 404 to everyone else. Browsers are sent to the web page of a public post.
     */
    private void status(ServerRequest req, ServerResponse res) {
        Optional<AccountRow> author = person(req, res);
        if (author.isEmpty()) {
            return;
        }
        Optional<StatusRow> status = IdText.parse(req.path().pathParameters().get("id"))
                .flatMap(id -> jdbi.withHandle(h -> statuses.byId(h, id)))
                .filter(s -> s.accountId() == author.get().id() && s.reblogOfId() == null);
        if (!ActivityJson.wanted(req)) {
            status.filter(s -> s.deletedAt() != null || s.readableByAnyone()).ifPresentOrElse(
                    s -> res.status(303).header(HeaderNames.LOCATION, s.url()).send(),
                    () -> notFound(res));
            return;
        }
        Optional<FetchRequester> requester = requester(req, res);
        if (requester.isEmpty()) {
            return;
        }
        if (status.isEmpty() || !fetches.mayRead(requester.get(), status.get(), author.get())) {
            notFound(res);
            return;
        }
        StatusRow found = status.get();
        if (found.deletedAt() != null) {
            res.status(410);
            send(res, new ApTombstone(found.uri(), "Note", found.createdAt(), null, found.deletedAt()));
            return;
        }
        ApObject note = jdbi.withHandle(h -> notes.note(h, found, author.get()));
        if (found.readableByAnyone()) {
            send(res, note);
        } else {
            json.sendPerRequester(res, note);
        }
    }

    /** Pinned posts, embedded as Notes the way Mastodon serves them (they are public or unlisted). */
    private void featured(ServerRequest req, ServerResponse res) {
        collectionOwner(req, res).ifPresent(a -> {
            // a followers-only pin stays out: the collection is public (Mastodon apps show those pins to followers)
            List<ApItem> pinned = jdbi.withHandle(h -> pins.pinned(a).stream()
                    .filter(StatusRow::readableByAnyone)
                    .<ApItem>map(s -> notes.note(h, s, a)).toList());
            send(res, new ApCollection(ap.actorId(a) + "/featured", true, (long) pinned.size(), null, null, pinned));
        });
    }

    /** The owner of a collection, once the request may see it (authorized-fetch mode: signed). */
    private Optional<AccountRow> collectionOwner(ServerRequest req, ServerResponse res) {
        Optional<AccountRow> owner = person(req, res);
        if (owner.isEmpty() || authorizedFetch && requester(req, res).isEmpty()) {
            return Optional.empty();
        }
        return owner;
    }

    /**
     * Who asks, when the request may go on; empty once the refusal is sent. A signature that does not verify is
     * refused with 401 in authorized-fetch mode and ignored otherwise (as Mastodon does: signatures are optional
     * then, and a peer whose key we cannot check still reads what is public); a suspended signer is refused in
     * both modes; no signature at all is refused in authorized-fetch mode.
     */
    private Optional<FetchRequester> requester(ServerRequest req, ServerResponse res) {
        FetchRequester requester = fetches.authenticate(SignedRequests.of(req, uris, null));
        if (requester instanceof FetchRequester.Refused refused && (authorizedFetch || refused.status() != 401)) {
            plain(res, refused.status(), refused.message());
            return Optional.empty();
        }
        if (requester instanceof FetchRequester.Refused) {
            requester = new FetchRequester.Anonymous();
        }
        if (requester instanceof FetchRequester.Anonymous && authorizedFetch) {
            plain(res, 401, "This server serves ActivityPub documents to signed requests only");
            return Optional.empty();
        }
        return Optional.of(requester);
    }

    /** A document that is the same for everyone, except that in authorized-fetch mode no shared cache may keep it. */
    private void send(ServerResponse res, ApDocument document) {
        if (authorizedFetch) {
            json.sendPerRequester(res, document);
        } else {
            json.send(res, document);
        }
    }

    /** The local person named in the path; 404 when unknown, 410 when suspended or deleted. */
    private Optional<AccountRow> person(ServerRequest req, ServerResponse res) {
        String username = req.path().pathParameters().get("username");
        Optional<AccountRow> account = jdbi.withHandle(h -> accounts.byUsername(h, username, null))
                .filter(a -> !localActors.isInstanceActor(a));
        if (account.isEmpty()) {
            notFound(res);
            return Optional.empty();
        }
        if (account.get().suspendedAt() != null || account.get().deletedAt() != null) {
            plain(res, 410, "Gone");
            return Optional.empty();
        }
        return account;
    }

    private static void notFound(ServerResponse res) {
        plain(res, 404, "Not found");
    }

    private static void plain(ServerResponse res, int status, String message) {
        res.status(status).header(HeaderNames.CONTENT_TYPE, "text/plain").send(message);
    }
}
