package social.muse.server.processing.fedi;

import org.jdbi.v3.core.Jdbi;
import social.muse.federation.ap.ApCodec;
import social.muse.federation.ap.ApDocument;
import social.muse.federation.ap.ApObject;
import social.muse.federation.ap.ApParseException;
import social.muse.federation.transport.FetchResponse;
import social.muse.federation.transport.TransportException;
import social.muse.server.db.AccountRow;
import social.muse.server.db.StatusDao;
import social.muse.server.db.StatusRow;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * Posts of other servers that were not delivered to us: looked up by their id or URL (search, boosts of posts we have
 * not seen), fetched with a signed GET and stored like a delivered one. The same trust rules apply: the document
 * must be what its address says, on its author's server.
 */
public final class RemoteStatuses {
    private static final System.Logger LOG = System.getLogger(RemoteStatuses.class.getName());
    /** Object types stored as statuses (Mastodon shows the non-Note ones as title and link). */
    public static final Set<String> STATUS_TYPES = Set.of("Note", "Article", "Page", "Question", "Image", "Audio",
            "Video", "Event");

    private final Jdbi jdbi;
    private final StatusDao statuses;
    private final RemoteActors remoteActors;
    private final InboundStatuses inbound;
    private final ApCodec codec;

    public RemoteStatuses(Jdbi jdbi, StatusDao statuses, RemoteActors remoteActors, InboundStatuses inbound, ApCodec codec) {
        this.jdbi = jdbi;
        this.statuses = statuses;
        this.remoteActors = remoteActors;
        this.inbound = inbound;
        this.codec = codec;
    }

    /** The status with this id, from the database when known, else fetched and stored; empty when it cannot be had. */
    public Optional<StatusRow> byUri(String uri) {
        Optional<StatusRow> known = jdbi.withHandle(h -> statuses.byUri(h, uri));
        return known.isPresent() ? known : fetch(uri, true);
    }

    /** @param mayFollowId whether a document served under another address of its server may be fetched by its id */
    private Optional<StatusRow> fetch(String uri, boolean mayFollowId) {
        try {
            FetchResponse response = remoteActors.signedGet(URI.create(uri));
            if (!response.isSuccessful()) {
                LOG.log(System.Logger.Level.INFO, "Fetching status " + uri + " answered " + response.status());
                return Optional.empty();
            }
            ApDocument document = codec.read(response.body());
            if (!(document instanceof ApObject object) || !STATUS_TYPES.contains(object.type())) {
                LOG.log(System.Logger.Level.INFO, "Fetching status " + uri + " gave a " + document.type());
                return Optional.empty();
            }
            // trusted only under the address it was served from (a URL may redirect to the id on the same server)
            if (object.id() == null || !object.id().equals(response.finalUri().toString())) {
                if (object.id() == null || !InboxProcessor.sameAuthority(object.id(), response.finalUri().toString())) {
                    LOG.log(System.Logger.Level.INFO, "Status " + uri + " claims the id " + object.id());
                    return Optional.empty();
                }
                Optional<StatusRow> byId = jdbi.withHandle(h -> statuses.byUri(h, object.id()));
                return byId.isPresent() || !mayFollowId ? byId : fetch(object.id(), false);
            }
            if (object.attributedTo().isEmpty()) {
                return Optional.empty();
            }
            Optional<AccountRow> author = remoteActors.byUri(object.attributedTo().getFirst(), false);
            if (author.isEmpty()) {
                return Optional.empty();
            }
            jdbi.useTransaction(h -> inbound.create(h, author.get(), object));
            return jdbi.withHandle(h -> statuses.byUri(h, object.id()));
        } catch (ApParseException | TransportException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.INFO, "Fetching status " + uri + " failed: " + e.getMessage());
            return Optional.empty();
        }
    }
}
