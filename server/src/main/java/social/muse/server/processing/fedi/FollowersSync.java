package social.muse.server.processing.fedi;

import org.jdbi.v3.core.Jdbi;
import social.muse.federation.ap.ApCodec;
import social.muse.federation.ap.ApCollection;
import social.muse.federation.ap.ApCollectionPage;
import social.muse.federation.ap.ApDocument;
import social.muse.federation.ap.ApItem;
import social.muse.federation.ap.ApParseException;
import social.muse.federation.followers.CollectionSynchronization;
import social.muse.federation.signature.Headers;
import social.muse.federation.transport.FetchResponse;
import social.muse.federation.transport.TransportException;
import social.muse.server.convert.ApConverter;
import social.muse.server.convert.Uris;
import social.muse.server.db.AccountDao;
import social.muse.server.db.AccountRow;
import social.muse.server.db.FollowDao;
import social.muse.server.processing.fedi.handlers.LocalTargets;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

/**
 * The receiving side of FEP-8fcf. A delivery whose signature covers a {@code Collection-Synchronization} header tells
 * us which of our accounts the sender believes follow it. When our own view differs we fetch the sender's list of
 * them and make ours agree: follows it no longer knows are dropped, requests it lists are accepted, and follows it
 * lists that we do not know are undone on its side. The check runs in the background, one at a time per sender and a
 * few at once overall; a skipped check is harmless, since the header comes again with the sender's next post.
 */
public final class FollowersSync {
    private static final System.Logger LOG = System.getLogger(FollowersSync.class.getName());
    private static final int MAX_CONCURRENT_CHECKS = 4;

    private final Jdbi jdbi;
    private final FollowDao follows;
    private final AccountDao accounts;
    private final LocalTargets localTargets;
    private final RemoteActors remoteActors;
    private final InboundFollows inboundFollows;
    private final OutboundFollows outboundFollows;
    private final ApCodec codec;
    private final ApConverter ap;
    private final Uris uris;
    private final Executor background;
    private final Semaphore slots = new Semaphore(MAX_CONCURRENT_CHECKS);
    private final Set<String> checking = ConcurrentHashMap.newKeySet();

    public FollowersSync(Jdbi jdbi, FollowDao follows, AccountDao accounts, LocalTargets localTargets,
                         RemoteActors remoteActors, InboundFollows inboundFollows, OutboundFollows outboundFollows,
                         ApCodec codec, ApConverter ap, Uris uris, Executor background) {
        this.jdbi = jdbi;
        this.follows = follows;
        this.accounts = accounts;
        this.localTargets = localTargets;
        this.remoteActors = remoteActors;
        this.inboundFollows = inboundFollows;
        this.outboundFollows = outboundFollows;
        this.codec = codec;
        this.ap = ap;
        this.uris = uris;
        this.background = background;
    }

    /**
     * Looks at a verified delivery from {@code senderUri}: a signed, well-formed header about the sender's own
     * followers starts a background check unless one for the sender is already under way. Costs nothing on the
     * request path beyond reading the header.
     */
    public void received(String senderUri, Headers headers, List<String> signedComponents) {
        if (!signedComponents.contains(CollectionSynchronization.HEADER)) {
            return;
        }
        Optional<CollectionSynchronization> sync = headers.first(CollectionSynchronization.HEADER)
                .flatMap(CollectionSynchronization::parse);
        if (sync.isEmpty() || !checking.add(senderUri)) {
            return;
        }
        background.execute(() -> {
            try {
                slots.acquire();
                try {
                    remoteActors.known(senderUri)
                            .filter(sender -> sender.followersUrl() != null && sync.get().isFor(sender.followersUrl()))
                            .ifPresent(sender -> check(sender, sync.get()));
                } finally {
                    slots.release();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Synchronising followers of " + senderUri + " failed", e);
            } finally {
                checking.remove(senderUri);
            }
        });
    }

    /** Compares our digest with the sender's and, when they differ, fetches its list and reconciles; true if it did. */
    boolean check(AccountRow sender, CollectionSynchronization sync) {
        List<String> ours = jdbi.withHandle(h -> accounts.byIds(h, follows.localFollowerIds(h, sender.id(), false)))
                .values().stream().map(ap::actorId).toList();
        if (CollectionSynchronization.digest(ours).equals(sync.digest())) {
            return false;
        }
        Optional<Set<String>> listed = fetch(sync.url());
        if (listed.isEmpty()) {
            return false;
        }
        reconcile(sender, listed.get());
        return true;
    }

    /** The ids of our actors in the sender's partial collection; empty when it cannot be had. */
    private Optional<Set<String>> fetch(String url) {
        try {
            FetchResponse response = remoteActors.signedGet(URI.create(url));
            if (!response.isSuccessful()) {
                LOG.log(System.Logger.Level.INFO, "Fetching followers list " + url + " answered " + response.status());
                return Optional.empty();
            }
            ApDocument document = codec.read(response.body());
            List<ApItem> items = switch (document) {
                case ApCollection c when c.first() instanceof ApCollectionPage page -> page.items();
                case ApCollection c -> c.items();
                case ApCollectionPage page -> page.items();
                default -> null;
            };
            if (items == null) {
                LOG.log(System.Logger.Level.INFO, "Followers list " + url + " is a " + document.type());
                return Optional.empty();
            }
            String ourOrigin = CollectionSynchronization.origin(uris.base()).orElseThrow();
            return Optional.of(items.stream()
                    .map(ApItem::id)
                    .filter(id -> id != null && CollectionSynchronization.isUnder(id, ourOrigin))
                    .collect(Collectors.toSet()));
        } catch (ApParseException | TransportException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.INFO, "Fetching followers list " + url + " failed: " + e.getMessage());
            return Optional.empty();
        }
    }

    private void reconcile(AccountRow sender, Set<String> listed) {
        jdbi.useTransaction(h -> {
            Set<String> known = new HashSet<>();
            for (AccountRow follower : accounts.byIds(h, follows.localFollowerIds(h, sender.id(), false)).values()) {
                String id = ap.actorId(follower);
                known.add(id);
                if (!listed.contains(id)) {
                    follows.deleteFollow(h, follower.id(), sender.id());
                }
            }
            for (AccountRow requester : accounts.byIds(h, follows.localFollowerIds(h, sender.id(), true)).values()) {
                String id = ap.actorId(requester);
                known.add(id);
                if (listed.contains(id)) {
                    inboundFollows.accepted(h, requester, sender);
                }
            }
            for (String id : listed) {
                if (known.contains(id)) {
                    continue;
                }
                localTargets.local(h, id).ifPresent(local -> outboundFollows.undoUnrecorded(h, local, sender));
            }
        });
    }
}
