package social.muse.server.processing.fedi;

import org.jdbi.v3.core.Handle;
import social.muse.federation.ap.ApCollection;
import social.muse.federation.ap.ApIri;
import social.muse.federation.ap.ApItem;
import social.muse.federation.followers.CollectionSynchronization;
import social.muse.server.convert.ApConverter;
import social.muse.server.db.AccountRow;
import social.muse.server.db.DeliveryDao.DueDeliveryRow;
import social.muse.server.db.FollowDao;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The sending side of FEP-8fcf: a local account's followers on one other server (its "partial followers
 * collection"), the digest of them put on deliveries to that server, and the collection served to it on request.
 */
public final class PartialFollowers {
    private final FollowDao follows;
    private final ApConverter ap;

    public PartialFollowers(FollowDao follows, ApConverter ap) {
        this.follows = follows;
        this.ap = ap;
    }

    /** Where a server fetches {@code owner}'s followers on it (the path {@code ActorRoutes} serves). */
    public String url(AccountRow owner) {
        return ap.actorId(owner) + "/followers_synchronization";
    }

    /**
     * {@code Collection-Synchronization} values for the claimed deliveries whose activity was addressed to the sender's
     * followers, by delivery id: one query per sender for all the servers in the batch.
     */
    public Map<Long, String> headers(Handle h, List<DueDeliveryRow> rows, Map<Long, AccountRow> senders) {
        Map<Long, Set<String>> domainsBySender = rows.stream()
                .filter(DueDeliveryRow::synchronizeFollowers)
                .collect(Collectors.groupingBy(DueDeliveryRow::accountId,
                        Collectors.mapping(DueDeliveryRow::host, Collectors.toSet())));
        Map<Long, Map<String, List<String>>> followersByOrigin = new HashMap<>();
        domainsBySender.forEach((sender, domains) -> followersByOrigin.put(sender,
                byOrigin(follows.remoteFollowerUris(h, sender, domains))));
        Map<Long, String> headers = new HashMap<>();
        for (DueDeliveryRow row : rows) {
            if (!row.synchronizeFollowers()) {
                continue;
            }
            Optional<String> origin = CollectionSynchronization.origin(row.inboxUrl());
            if (origin.isEmpty()) {
                continue;
            }
            AccountRow sender = senders.get(row.accountId());
            List<String> followers = followersByOrigin.get(row.accountId()).getOrDefault(origin.get(), List.of());
            headers.put(row.id(), new CollectionSynchronization(ap.followersId(sender), url(sender),
                    CollectionSynchronization.digest(followers)).headerValue());
        }
        return headers;
    }

    /** {@code owner}'s followers on {@code requester}'s server, as the collection FEP-8fcf's {@code url} names. */
    public ApCollection collection(Handle h, AccountRow owner, AccountRow requester) {
        String origin = CollectionSynchronization.origin(requester.uri()).orElseThrow();
        List<ApItem> items = follows.remoteFollowerUris(h, owner.id(), Set.of(requester.domain())).stream()
                .filter(uri -> CollectionSynchronization.isUnder(uri, origin))
                .sorted()
                .<ApItem>map(ApIri::new)
                .toList();
        return new ApCollection(url(owner), true, (long) items.size(), null, null, items);
    }

    private static Map<String, List<String>> byOrigin(List<String> uris) {
        Map<String, List<String>> byOrigin = new HashMap<>();
        for (String uri : uris) {
            CollectionSynchronization.origin(uri)
                    .ifPresent(origin -> byOrigin.computeIfAbsent(origin, o -> new java.util.ArrayList<>()).add(uri));
        }
        return byOrigin;
    }
}
