package social.muse.server.http.mastodon.streaming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.WritableHeaders;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.helidon.websocket.WsUpgradeException;
import social.muse.server.http.auth.Authenticator;
import social.muse.server.http.auth.Principal;
import social.muse.server.http.mastodon.MastodonException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One WebSocket client of {@code GET /api/v1/streaming}. The token comes in {@code Sec-WebSocket-Protocol}
 * (echoed back, which browsers insist on) or as {@code access_token}; a bad one refuses the upgrade, and the
 * request then gets the HTTP answer of {@link StreamingRoutes} (401). Streams are chosen with {@code ?stream=} and
 * with {@code {"type":"subscribe"|"unsubscribe","stream":…,"tag":…}} messages, several on one socket.
 */
public final class StreamingSocket implements WsListener {
    private static final HeaderName PROTOCOL = HeaderNames.create("Sec-WebSocket-Protocol");

    private final StreamingHub hub;
    private final Authenticator authenticator;
    private final ObjectMapper mapper;
    private final StringBuilder partial = new StringBuilder();
    private Optional<Principal> principal = Optional.empty();
    private Optional<StreamingHub.Stream> initial = Optional.empty();
    private StreamingHub.Subscriber subscriber;

    private StreamingSocket(StreamingHub hub, Authenticator authenticator, ObjectMapper mapper) {
        this.hub = hub;
        this.authenticator = authenticator;
        this.mapper = mapper;
    }

    /** A listener per connection, since each keeps its caller and its streams. */
    public static Supplier<WsListener> listeners(StreamingHub hub, Authenticator authenticator, ObjectMapper mapper) {
        return () -> new StreamingSocket(hub, authenticator, mapper);
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) throws WsUpgradeException {
        Optional<String> offered = headers.first(PROTOCOL).map(p -> p.split(",")[0].strip()).filter(p -> !p.isEmpty());
        Optional<String> token = offered.or(() -> prologue.query().first("access_token").asOptional()
                .filter(t -> !t.isBlank()));
        try {
            principal = token.map(authenticator::principal);
            principal.filter(p -> p.member().isPresent()).ifPresent(authenticator::requireActive);
        } catch (MastodonException e) {
            throw new WsUpgradeException(e.getMessage());
        }
        Optional<String> streamName = prologue.query().first("stream").asOptional();
        if (streamName.isPresent()) {
            initial = StreamingHub.Stream.of(streamName.get(), prologue.query().first("tag").asOptional().orElse(null));
            if (initial.isEmpty() || (initial.get().personal() && principal.flatMap(Principal::member).isEmpty())) {
                throw new WsUpgradeException("Cannot stream " + streamName.get());
            }
        }
        return offered.map(p -> WritableHeaders.create().set(PROTOCOL, p));
    }

    @Override
    public void onOpen(WsSession session) {
        subscriber = hub.connect(principal, (stream, event, payload) -> {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("stream", stream);
            message.put("event", event);
            message.put("payload", payload);
            send(session, message);
        });
        initial.ifPresent(stream -> subscriber.subscribe(stream).ifPresent(error -> refuse(session, error)));
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        partial.append(text);
        if (!last) {
            return;
        }
        String message = partial.toString();
        partial.setLength(0);
        JsonNode json;
        try {
            json = mapper.readTree(message);
        } catch (JsonProcessingException e) {
            send(session, error("Could not parse the message", 400));
            return;
        }
        String type = json.path("type").asText("");
        Optional<StreamingHub.Stream> stream = StreamingHub.Stream.of(json.path("stream").asText(null),
                json.path("tag").asText(null));
        if (stream.isEmpty() || !(type.equals("subscribe") || type.equals("unsubscribe"))) {
            send(session, error("Unknown stream type or message", 400));
            return;
        }
        if (type.equals("unsubscribe")) {
            subscriber.unsubscribe(stream.get());
        } else {
            subscriber.subscribe(stream.get()).ifPresent(error -> refuse(session, error));
        }
    }

    private void refuse(WsSession session, String error) {
        send(session, error(error, error.startsWith("Missing") ? 401 : 403));
    }

    private static Map<String, Object> error(String message, int status) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("error", message);
        error.put("status", status);
        return error;
    }

    private void send(WsSession session, Object message) {
        String text;
        try {
            text = mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        try {
            synchronized (session) {
                session.send(text, true);
            }
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException("the WebSocket is closed", e));
        }
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        leave();
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        leave();
    }

    private void leave() {
        if (subscriber != null) {
            hub.disconnect(subscriber);
        }
    }
}
