package social.muse.server.http.mastodon.streaming;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import social.muse.server.http.auth.Authenticator;
import social.muse.server.http.auth.Principal;
import social.muse.server.http.mastodon.MastodonException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code /api/v1/streaming}: the server-sent events streams ({@code /user}, {@code /user/notification},
 * {@code /public}, {@code /public/local}, {@code /public/remote}, {@code /hashtag?tag=}, {@code /hashtag/local?tag=}),
 * {@code /health}, and the HTTP answer to a WebSocket request that was not upgraded (its token was refused).
 */
public final class StreamingRoutes implements HttpService {
    /** A comment line this often keeps proxies from closing a quiet stream and finds clients that left. */
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final StreamingHub hub;
    private final Authenticator authenticator;

    public StreamingRoutes(StreamingHub hub, Authenticator authenticator) {
        this.hub = hub;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::notUpgraded)
                .get("/health", (req, res) -> res.header(HeaderNames.CONTENT_TYPE, "text/plain").send("OK"))
                .get("/user", events("user"))
                .get("/user/notification", events("user:notification"))
                .get("/public", events("public"))
                .get("/public/local", events("public:local"))
                .get("/public/remote", events("public:remote"))
                .get("/hashtag", events("hashtag"))
                .get("/hashtag/local", events("hashtag:local"));
    }

    private void notUpgraded(ServerRequest req, ServerResponse res) {
        Optional<String> protocolToken = req.headers().first(HeaderNames.create("Sec-WebSocket-Protocol"));
        if (protocolToken.isPresent()) {
            authenticator.principal(protocolToken.get().split(",")[0].strip());
        } else {
            authenticator.optional(req);
        }
        throw MastodonException.badRequest("This endpoint streams over WebSocket only; ask for an upgrade");
    }

    private Handler events(String name) {
        return (req, res) -> {
            Optional<Principal> principal = authenticator.optional(req);
            principal.filter(p -> p.member().isPresent()).ifPresent(authenticator::requireActive);
            StreamingHub.Stream stream = StreamingHub.Stream.of(name, req.query().first("tag").asOptional().orElse(null))
                    .orElseThrow(() -> MastodonException.badRequest("Missing parameter: tag"));
            EventSink sink = new EventSink();
            StreamingHub.Subscriber subscriber = hub.connect(principal, sink);
            try {
                Optional<String> refused = subscriber.subscribe(stream);
                if (refused.isPresent()) {
                    throw new MastodonException(refused.get().startsWith("Missing") ? 401 : 403, refused.get());
                }
                sink.open(res);
                sink.stayUntilGone();
            } finally {
                hub.disconnect(subscriber);
                sink.close();
            }
        };
    }

    /**
     * One SSE response: events from the hub and heartbeats from the request's own thread, one at a time. Written by
     * hand rather than with Helidon's SseSink, which cannot send a comment-only event (the heartbeat).
     */
    private static final class EventSink implements StreamingHub.Sink {
        private final CountDownLatch gone = new CountDownLatch(1);
        private OutputStream out;

        synchronized void open(ServerResponse res) {
            res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
            res.header(HeaderNames.CACHE_CONTROL, "no-cache");
            out = res.outputStream();
            write(":)\n\n");
        }

        @Override
        public void send(List<String> stream, String event, String payload) {
            write("event: " + event + "\n" + "data: " + payload.replace("\n", "\ndata: ") + "\n\n");
        }

        @Override
        public void released() {
            gone.countDown();
        }

        private synchronized void write(String text) {
            if (out == null) {
                return;
            }
            try {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException | RuntimeException e) {
                gone.countDown();
                throw new UncheckedIOException(e instanceof IOException io ? io : new IOException("the event stream is closed", e));
            }
        }

        /** Blocks the request's thread while the client listens, sending a heartbeat whenever it has been quiet. */
        void stayUntilGone() {
            try {
                while (!gone.await(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS)) {
                    write(":thump\n\n");
                }
            } catch (UncheckedIOException e) {
                // the client left
            } catch (InterruptedException e) {
                // the server is stopping
                Thread.currentThread().interrupt();
            }
        }

        synchronized void close() {
            gone.countDown();
            if (out != null) {
                try {
                    out.close();
                } catch (IOException | RuntimeException e) {
                    // the client is gone already
                }
                out = null;
            }
        }
    }
}
