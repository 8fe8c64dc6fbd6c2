package social.muse.federation.transport;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.SSLContext;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A real HTTP server on a loopback address standing in for a remote instance; it records what it receives. */
final class FakeRemote implements AutoCloseable {

    record ReceivedRequest(String method, String rawPath, String rawQuery, Headers headers, byte[] body) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    @FunctionalInterface
    interface Responder {
        void respond(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<ReceivedRequest> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    private FakeRemote(HttpServer server) {
        this.server = server;
        server.setExecutor(executor);
        server.start();
    }

    static FakeRemote on(String bindAddress) {
        try {
            return new FakeRemote(HttpServer.create(new InetSocketAddress(bindAddress, 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTPS remote presenting the certificate of {@code tls}. */
    static FakeRemote httpsOn(String bindAddress, SSLContext tls) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(bindAddress, 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            return new FakeRemote(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FakeRemote route(String path, Responder responder) {
        server.createContext(path, exchange -> {
            try (exchange) {
                received.add(new ReceivedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(),
                        exchange.getRequestBody().readAllBytes()));
                responder.respond(exchange);
            } catch (IOException e) {
                // the client hung up, which several tests make it do on purpose
            }
        });
        return this;
    }

    URI uri(String pathAndQuery) {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getHostString() + ":" + address.getPort() + pathAndQuery);
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<ReceivedRequest> received() {
        return List.copyOf(received);
    }

    List<ReceivedRequest> received(String rawPath) {
        return received.stream().filter(r -> r.rawPath().equals(rawPath)).toList();
    }

    /** Blocks the handler until the test ends: a remote that accepted the request and never answers. */
    void neverAnswer() {
        try {
            closing.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static void redirect(HttpExchange exchange, int status, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(status, -1);
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
