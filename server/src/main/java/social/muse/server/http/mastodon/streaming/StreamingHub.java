package social.muse.server.http.mastodon.streaming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Jdbi;
import social.muse.server.convert.ApiConverter;
import social.muse.server.db.AccountRow;
import social.muse.server.db.StatusRow;
import social.muse.server.db.TimelineDao;
import social.muse.server.http.auth.Principal;
import social.muse.server.http.mastodon.NotificationViews;
import social.muse.server.processing.accounts.AccountProcessor.Member;
import social.muse.server.processing.notify.LiveEvent;
import social.muse.server.processing.social.StatusInteractions;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * The streaming clients connected to this process, and the fan-out of live events to them. Events arrive from
 * PostgreSQL NOTIFY (whichever process made them) as ids; each subscriber loads and renders the entity as its own
 * viewer may see it, in a virtual thread of its own so that a slow client delays nobody else.
 */
public final class StreamingHub implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(StreamingHub.class.getName());

    /** Where a subscriber's events go: a WebSocket or a server-sent events response. */
    public interface Sink {
        /** Sends one event; throws UncheckedIOException when the client is gone. */
        void send(List<String> stream, String event, String payload);

        /** The hub let go of this client (it left, or the server stops). */
        default void released() {
        }
    }

    /** A stream as Mastodon names it: {@code user}, {@code public:local}, {@code hashtag} with its tag… */
    public record Stream(String name, String tag) {
        private static final Set<String> NAMES = Set.of("user", "user:notification", "public", "public:local",
                "public:remote", "hashtag", "hashtag:local");

        /** The stream called {@code name}; empty for an unknown name or a hashtag stream without a tag. */
        public static Optional<Stream> of(String name, String tag) {
            if (name == null || !NAMES.contains(name)) {
                return Optional.empty();
            }
            if (!name.startsWith("hashtag")) {
                return Optional.of(new Stream(name, null));
            }
            String bare = tag == null ? "" : tag.strip().replaceFirst("^#", "");
            return bare.isEmpty() ? Optional.empty() : Optional.of(new Stream(name, bare.toLowerCase(Locale.ROOT)));
        }

        /** The {@code stream} array of an event: the name, and the tag for a hashtag stream. */
        public List<String> names() {
            return tag == null ? List.of(name) : List.of(name, tag);
        }

        boolean personal() {
            return name.startsWith("user");
        }

        /** The scope a token needs for this stream (Mastodon's streaming server asks for read:statuses or read:notifications). */
        String scope() {
            return name.equals("user:notification") ? "read:notifications" : "read:statuses";
        }
    }

    /** One connected client: who it is, what it follows, and the thread its events are rendered and sent in. */
    public final class Subscriber {
        private final Optional<Principal> principal;
        private final Optional<AccountRow> viewer;
        private final Sink sink;
        private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
        private final ExecutorService serial = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("muse-stream").factory());

        private Subscriber(Optional<Principal> principal, Sink sink) {
            this.principal = principal;
            this.viewer = principal.flatMap(Principal::member).map(Member::account);
            this.sink = sink;
        }

        /** Adds a stream; the reason it may not, as Mastodon's streaming server words it, otherwise empty. */
        public Optional<String> subscribe(Stream stream) {
            if (stream.personal() && viewer.isEmpty()) {
                return Optional.of("Missing access token");
            }
            if (principal.isPresent() && !principal.get().scopes().allowsAny(List.of(stream.scope()))) {
                return Optional.of("Access token does not have the required scopes");
            }
            streams.add(stream);
            return Optional.empty();
        }

        public void unsubscribe(Stream stream) {
            streams.remove(stream);
        }

        public boolean isSubscribed() {
            return !streams.isEmpty();
        }

        private void offer(LiveEvent event) {
            try {
                serial.execute(() -> deliver(this, event));
            } catch (RejectedExecutionException e) {
                // the client left while the event was on its way
            }
        }
    }

    private final Jdbi jdbi;
    private final TimelineDao timelines;
    private final StatusInteractions statuses;
    private final NotificationViews notifications;
    private final ApiConverter converter;
    private final ObjectMapper mapper;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();

    public StreamingHub(Jdbi jdbi, TimelineDao timelines, StatusInteractions statuses, NotificationViews notifications,
                        ApiConverter converter, ObjectMapper mapper) {
        this.jdbi = jdbi;
        this.timelines = timelines;
        this.statuses = statuses;
        this.notifications = notifications;
        this.converter = converter;
        this.mapper = mapper;
    }

    public Subscriber connect(Optional<Principal> principal, Sink sink) {
        Subscriber subscriber = new Subscriber(principal, sink);
        subscribers.add(subscriber);
        return subscriber;
    }

    public void disconnect(Subscriber subscriber) {
        subscribers.remove(subscriber);
        subscriber.serial.shutdown();
        subscriber.sink.released();
    }

    /** A NOTIFY payload from the database: handed to every subscriber that has a stream. */
    public void receive(String payload) {
        Optional<LiveEvent> event = LiveEvent.decode(payload);
        if (event.isEmpty()) {
            LOG.log(System.Logger.Level.DEBUG, "Ignoring live event " + payload);
            return;
        }
        subscribers.stream().filter(Subscriber::isSubscribed).forEach(s -> s.offer(event.get()));
    }

    private void deliver(Subscriber subscriber, LiveEvent event) {
        try {
            switch (event.kind()) {
                case STATUS_CREATED -> status(subscriber, event.id(), "update");
                case STATUS_EDITED -> status(subscriber, event.id(), "status.update");
                // Only the id travels, and clients drop statuses they do not have, so every stream hears of it.
                case STATUS_DELETED -> subscriber.streams.forEach(
                        stream -> subscriber.sink.send(stream.names(), "delete", Long.toString(event.id())));
                case NOTIFICATION -> notification(subscriber, event);
            }
        } catch (UncheckedIOException e) {
            LOG.log(System.Logger.Level.DEBUG, "A streaming client went away", e);
            disconnect(subscriber);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not stream " + event, e);
        }
    }

    private void status(Subscriber subscriber, long id, String name) {
        Optional<StatusRow> status = statuses.visibleStatus(id, subscriber.viewer);
        if (status.isEmpty()) {
            return;
        }
        List<Stream> matching = subscriber.streams.stream().filter(s -> belongs(s, status.get(), subscriber.viewer)).toList();
        if (matching.isEmpty()) {
            return;
        }
        boolean own = subscriber.viewer.map(v -> v.id() == status.get().accountId()).orElse(false);
        String payload = json(converter.status(statuses.view(status.get(), subscriber.viewer), own));
        matching.forEach(stream -> subscriber.sink.send(stream.names(), name, payload));
    }

    /** Whether the timeline the stream follows would show the status to this viewer: the same query as the timeline. */
    private boolean belongs(Stream stream, StatusRow status, Optional<AccountRow> viewer) {
        Long viewerId = viewer.map(AccountRow::id).orElse(null);
        long id = status.id();
        return jdbi.withHandle(h -> switch (stream.name()) {
            case "user" -> viewerId != null && timelines.inHome(h, viewerId, id);
            case "public" -> timelines.inPublic(h, viewerId, id, false, false);
            case "public:local" -> timelines.inPublic(h, viewerId, id, true, false);
            case "public:remote" -> timelines.inPublic(h, viewerId, id, false, true);
            case "hashtag" -> timelines.inTag(h, viewerId, stream.tag(), id, false, false);
            case "hashtag:local" -> timelines.inTag(h, viewerId, stream.tag(), id, true, false);
            default -> false;
        });
    }

    private void notification(Subscriber subscriber, LiveEvent event) {
        if (subscriber.viewer.filter(v -> v.id() == event.accountId()).isEmpty()) {
            return;
        }
        List<Stream> matching = subscriber.streams.stream()
                .filter(s -> s.name().equals("user") || s.name().equals("user:notification")).toList();
        if (matching.isEmpty()) {
            return;
        }
        notifications.byId(subscriber.viewer.get(), event.id()).ifPresent(view -> {
            String payload = json(view);
            matching.forEach(stream -> subscriber.sink.send(stream.names(), "notification", payload));
        });
    }

    private String json(Object body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        subscribers.forEach(this::disconnect);
    }
}
