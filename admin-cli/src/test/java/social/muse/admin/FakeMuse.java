package social.muse.admin;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real HTTP server on 127.0.0.1 answering the two endpoints {@code musectl status} reads. */
final class FakeMuse implements AutoCloseable {
    record Answer(int status, String json) {
    }

    private final HttpServer server;
    final List<String> authorizations = new CopyOnWriteArrayList<>();

    private FakeMuse(HttpServer server) {
        this.server = server;
    }

    static FakeMuse start(Answer health, Answer instance) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeMuse fake = new FakeMuse(server);
            server.createContext("/observe/health", exchange -> fake.answer(exchange, health));
            server.createContext("/api/v2/instance", exchange -> fake.answer(exchange, instance));
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(com.sun.net.httpserver.HttpExchange exchange, Answer answer) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(authorization == null ? "" : authorization);
        byte[] body = answer.json().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
