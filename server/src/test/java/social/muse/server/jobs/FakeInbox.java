package social.muse.server.jobs;

import com.sun.net.httpserver.HttpServer;
import social.muse.federation.signature.Headers;
import social.muse.federation.signature.Scheme;
import social.muse.federation.signature.SignedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.ToIntFunction;

/** A remote server's inbox: a real HTTP server on 127.0.0.1 that records every POST and answers as told. */
final class FakeInbox implements AutoCloseable {

    /** A request as received, with the scheme its signature headers say it uses. */
    record Received(SignedRequest request, Scheme scheme) {
        String bodyText() {
            return new String(request.body(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile ToIntFunction<Received> answer = r -> 202;

    FakeInbox() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            URI target = URI.create("http://127.0.0.1:" + port() + exchange.getRequestURI());
            Headers headers = new Headers(exchange.getRequestHeaders());
            Scheme scheme = headers.contains("signature-input") ? Scheme.RFC9421 : Scheme.CAVAGE;
            Received r = new Received(new SignedRequest(exchange.getRequestMethod(), target, headers, body), scheme);
            received.add(r);
            exchange.sendResponseHeaders(answer.applyAsInt(r), -1);
            exchange.close();
        });
        server.start();
    }

    void answer(ToIntFunction<Received> answer) {
        this.answer = answer;
    }

    int port() {
        return server.getAddress().getPort();
    }

    String inbox(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
