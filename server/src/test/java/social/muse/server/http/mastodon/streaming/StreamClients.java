package social.muse.server.http.mastodon.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Streaming clients for tests, as apps use them: a WebSocket (the JDK's) and a server-sent events reader. */
final class StreamClients {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(15);

    private StreamClients() {
    }

    /** An event as a client receives it: its name, stream and payload (a JSON string, or a status id for delete). */
    record Event(String event, List<String> stream, String payload) {
        JsonNode json() {
            try {
                return MAPPER.readTree(payload);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Takes items from {@code queue} until one matches, waiting at most {@link #WAIT} in all; fails with what came instead. */
    private static <T> T await(LinkedBlockingQueue<T> queue, Predicate<T> wanted, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<T> skipped = new ArrayList<>();
        try {
            while (true) {
                T item = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (item == null) {
                    throw new AssertionError("No " + what + " within " + WAIT.toSeconds() + " s; received " + skipped);
                }
                if (wanted.test(item)) {
                    return item;
                }
                skipped.add(item);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static final class Socket implements WebSocket.Listener, AutoCloseable {
        private final LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        /** Connects to {@code /api/v1/streaming?query}, offering {@code subprotocol} when not null; fails as the handshake does. */
        static Socket connect(String baseUrl, String query, String subprotocol) {
            Socket client = new Socket();
            WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT);
            if (subprotocol != null) {
                builder.subprotocols(subprotocol);
            }
            client.socket = builder.buildAsync(URI.create(baseUrl.replaceFirst("^http", "ws") + "/api/v1/streaming"
                    + (query.isEmpty() ? "" : "?" + query)), client).join();
            return client;
        }

        String subprotocol() {
            return socket.getSubprotocol();
        }

        void send(String json) {
            socket.sendText(json, true).join();
        }

        /**
         * Waits until every message sent before has been handled: the server answers an unknown stream with an
         * error, in order with what came before (there is no acknowledgement of a subscription).
         */
        void sync() {
            send("{\"type\":\"subscribe\",\"stream\":\"no such stream\"}");
            await(messages, m -> m.has("error"), "error reply");
        }

        Event event(Predicate<Event> wanted) {
            JsonNode message = await(messages, m -> m.has("event") && wanted.test(asEvent(m)), "matching event");
            return asEvent(message);
        }

        private static Event asEvent(JsonNode message) {
            List<String> stream = new ArrayList<>();
            message.path("stream").forEach(s -> stream.add(s.asText()));
            if (!message.path("payload").isTextual()) {
                throw new AssertionError("payload must be a JSON string: " + message);
            }
            return new Event(message.get("event").asText(), stream, message.get("payload").asText());
        }

        JsonNode error() {
            return await(messages, m -> m.has("error"), "error");
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(MAPPER.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void close() {
            socket.abort();
        }
    }

    static final class EventStream implements AutoCloseable {
        private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
        private final LinkedBlockingQueue<String> comments = new LinkedBlockingQueue<>();
        private final CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response;
        private final HttpClient client = HttpClient.newHttpClient();

        /** Opens {@code path} and returns once the server sent its first comment, so the subscription is in place. */
        static EventStream open(String url, String token) {
            return new EventStream(url, token);
        }

        private EventStream(String url, String token) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            response = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
            HttpResponse<java.util.stream.Stream<String>> opened = response.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
            if (opened.statusCode() != 200) {
                throw new AssertionError("status " + opened.statusCode() + ": " + String.join("\n", opened.body().toList()));
            }
            Thread.ofVirtual().start(() -> read(opened.body()));
            await(comments, c -> true, "first comment");
        }

        private void read(java.util.stream.Stream<String> lines) {
            String[] event = {null};
            StringBuilder data = new StringBuilder();
            try {
                lines.forEach(line -> {
                    if (line.startsWith(":")) {
                        comments.add(line.substring(1));
                    } else if (line.startsWith("event:")) {
                        event[0] = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    } else if (line.isEmpty() && event[0] != null) {
                        events.add(new Event(event[0], List.of(), data.toString()));
                        event[0] = null;
                        data.setLength(0);
                    }
                });
            } catch (UncheckedIOException e) {
                // closed by the test
            }
        }

        Event event(Predicate<Event> wanted) {
            return await(events, wanted, "matching event");
        }

        @Override
        public void close() {
            response.cancel(true);
            client.shutdownNow();
        }
    }
}
