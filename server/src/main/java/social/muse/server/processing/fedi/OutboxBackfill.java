package social.muse.server.processing.fedi;

import org.jdbi.v3.core.Jdbi;
import social.muse.federation.ap.ApActivity;
import social.muse.federation.ap.ApCodec;
import social.muse.federation.ap.ApCollection;
import social.muse.federation.ap.ApCollectionPage;
import social.muse.federation.ap.ApDocument;
import social.muse.federation.ap.ApItem;
import social.muse.federation.ap.ApObject;
import social.muse.federation.ap.ApParseException;
import social.muse.federation.transport.FetchResponse;
import social.muse.federation.transport.TransportException;
import social.muse.server.db.AccountRow;
import social.muse.server.db.RemoteAccountDao;
import social.muse.server.db.StatusRow;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A remote account's recent public posts, read once from its outbox when someone here first looks at its statuses,
 * so its profile is not empty until it posts again. Only what the outbox itself carries is stored: public and unlisted
 * posts embedded in its {@code Create} activities, on the author's own server (boosts and bare links are skipped rather
 * than fetched one by one), at most {@link #MAX_POSTS}.
 */
public final class OutboxBackfill {
    private static final System.Logger LOG = System.getLogger(OutboxBackfill.class.getName());
    static final int MAX_POSTS = 20;

    private final Jdbi jdbi;
    private final RemoteAccountDao accounts;
    private final RemoteActors remoteActors;
    private final InboundStatuses statuses;
    private final ApCodec codec;

    public OutboxBackfill(Jdbi jdbi, RemoteAccountDao accounts, RemoteActors remoteActors, InboundStatuses statuses,
                          ApCodec codec) {
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.remoteActors = remoteActors;
        this.statuses = statuses;
        this.codec = codec;
    }

    /** Reads the account's outbox unless it was read before (by this or another process); returns how many were stored. */
    public int fillOnce(AccountRow account) {
        if (account.isLocal() || account.outboxUrl() == null
                || !InboxProcessor.sameAuthority(account.outboxUrl(), account.uri())
                || !jdbi.withHandle(h -> accounts.claimOutboxFetch(h, account.id()))) {
            return 0;
        }
        List<ApItem> page = firstPage(account.outboxUrl());
        // an outbox may list the Delete of a post beside its Create
        Set<String> deleted = page.stream()
                .filter(item -> item instanceof ApActivity a && a.type().equals("Delete"))
                .flatMap(item -> ((ApActivity) item).object().stream())
                .map(ApItem::id).filter(Objects::nonNull).collect(Collectors.toSet());
        List<ApObject> posts = page.stream()
                .filter(item -> item instanceof ApActivity a && a.type().equals("Create"))
                .flatMap(item -> ((ApActivity) item).object().stream())
                .filter(object -> object instanceof ApObject o && RemoteStatuses.STATUS_TYPES.contains(o.type()))
                .map(ApObject.class::cast)
                .filter(o -> !deleted.contains(o.id()))
                .filter(o -> StatusRow.readableByAnyone(InboundStatuses.visibility(account, o)))
                .limit(MAX_POSTS)
                .toList();
        int stored = 0;
        for (ApObject post : posts) {
            try {
                jdbi.useTransaction(h -> statuses.backfill(h, account, post));
                stored++;
            } catch (IllegalArgumentException e) {
                LOG.log(System.Logger.Level.INFO, "Skipping " + post.id() + " from the outbox of " + account.uri()
                        + ": " + e.getMessage());
            }
        }
        return stored;
    }

    /** The items of the outbox's first page (embedded or fetched), newest first as servers list them; empty on failure. */
    private List<ApItem> firstPage(String outboxUrl) {
        Optional<ApDocument> outbox = fetch(outboxUrl);
        if (outbox.isEmpty()) {
            return List.of();
        }
        return switch (outbox.get()) {
            case ApCollection c when c.first() instanceof ApCollectionPage page -> page.items();
            case ApCollection c when !c.items().isEmpty() -> c.items();
            case ApCollection c when c.first() != null && c.first().id() != null
                    && InboxProcessor.sameAuthority(c.first().id(), outboxUrl) -> fetch(c.first().id())
                    .map(page -> page instanceof ApCollectionPage p ? p.items() : List.<ApItem>of())
                    .orElse(List.of());
            case ApCollectionPage page -> page.items();
            default -> List.of();
        };
    }

    private Optional<ApDocument> fetch(String url) {
        try {
            FetchResponse response = remoteActors.signedGet(URI.create(url));
            if (!response.isSuccessful()) {
                LOG.log(System.Logger.Level.INFO, "Fetching outbox " + url + " answered " + response.status());
                return Optional.empty();
            }
            return Optional.of(codec.read(response.body()));
        } catch (ApParseException | TransportException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.INFO, "Fetching outbox " + url + " failed: " + e.getMessage());
            return Optional.empty();
        }
    }
}
