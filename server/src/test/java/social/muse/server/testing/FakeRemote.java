package social.muse.server.testing;

import com.sun.net.httpserver.HttpServer;
import social.muse.federation.ap.ApActor;
import social.muse.federation.ap.ApActorType;
import social.muse.federation.ap.ApCodec;
import social.muse.federation.ap.ApPublicKey;
import social.muse.federation.keys.Pem;
import social.muse.federation.keys.SigningKey;
import social.muse.federation.signature.Headers;
import social.muse.federation.signature.HttpSigner;
import social.muse.federation.signature.SignedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Another fediverse server, as Muse meets it: a real HTTP server on 127.0.0.1 serving actor documents
 * with its own RSA keys, and delivering activities signed the way Mastodon signs them.
 */
public final class FakeRemote implements AutoCloseable {
    private static final ApCodec CODEC = new ApCodec("https://fake.invalid/ns#");

    private final HttpServer server;
    private final Map<String, SigningKey.Rsa> keys = new ConcurrentHashMap<>();
    private final Map<String, Integer> actorFetches = new ConcurrentHashMap<>();
    private final Map<String, String> aliases = new ConcurrentHashMap<>();
    private final Map<String, String> claimedIds = new ConcurrentHashMap<>();
    private final AtomicInteger activityIds = new AtomicInteger();
    private final HttpClient client = HttpClient.newHttpClient();

    private FakeRemote(HttpServer server) {
        this.server = server;
    }

    public static FakeRemote start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeRemote remote = new FakeRemote(server);
            server.createContext("/users/", exchange -> {
                String name = exchange.getRequestURI().getPath().substring("/users/".length());
                byte[] body = remote.keys.containsKey(name) ? CODEC.write(remote.actor(name)) : new byte[0];
                remote.actorFetches.merge(name, 1, Integer::sum);
                exchange.getResponseHeaders().add("Content-Type", "application/activity+json");
                exchange.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.createContext("/.well-known/webfinger", exchange -> {
                String resource = java.net.URLDecoder.decode(exchange.getRequestURI().getRawQuery()
                        .replaceFirst("^resource=", ""), StandardCharsets.UTF_8);
                String name = resource.replaceFirst("^acct:", "").replaceFirst("@.*$", "");
                boolean known = remote.keys.containsKey(name) && resource.endsWith("@" + remote.authority());
                byte[] body = known ? ("{\"subject\":\"" + resource + "\",\"links\":[{\"rel\":\"self\","
                        + "\"type\":\"application/activity+json\",\"href\":\"" + remote.actorId(name) + "\"}]}")
                        .getBytes(StandardCharsets.UTF_8) : new byte[0];
                exchange.getResponseHeaders().add("Content-Type", "application/jrd+json");
                exchange.sendResponseHeaders(known ? 200 : 404, known ? body.length : -1);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return remote;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String authority() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public String actorId(String name) {
        return "http://" + authority() + "/users/" + name;
    }

    public String keyId(String name) {
        return actorId(name) + "#main-key";
    }

    /** Adds an actor with a fresh key. */
    public FakeRemote withActor(String name) {
        keys.put(name, SigningKey.generateRsa());
        return this;
    }

    /** Replaces the actor's key under the same key id, as a reinstalled or re-keyed server does. */
    public void rotateKey(String name) {
        keys.put(name, SigningKey.generateRsa());
    }

    /** The actor names {@code uri} as an earlier identity of its own ({@code alsoKnownAs}), as a Move's target must. */
    public FakeRemote withAlias(String name, String uri) {
        aliases.put(name, uri);
        return this;
    }

    /** The actor's document claims another id than the address it is served from (an impostor). */
    public FakeRemote withClaimedId(String name, String id) {
        claimedIds.put(name, id);
        return this;
    }

    public int actorFetches(String name) {
        return actorFetches.getOrDefault(name, 0);
    }

    public String newActivityId(String name) {
        return actorId(name) + "/activities/" + activityIds.incrementAndGet();
    }

    private ApActor actor(String name) {
        String id = claimedIds.getOrDefault(name, actorId(name));
        return ApActor.builder(id, ApActorType.PERSON)
                .preferredUsername(name)
                .name(name.toUpperCase())
                .summary("<p>Hi, I am " + name + "<script>alert(1)</script></p>")
                .inbox(id + "/inbox")
                .outbox(id + "/outbox")
                .followers(id + "/followers")
                .following(id + "/following")
                .sharedInbox("http://" + authority() + "/inbox")
                .alsoKnownAs(aliases.containsKey(name) ? java.util.List.of(aliases.get(name)) : java.util.List.of())
                .publicKey(new ApPublicKey(keyId(name), id, Pem.encodePublicKey(keys.get(name).verificationKey())))
                .build();
    }

    /** POSTs {@code json} to {@code inboxUrl}, signed (draft-cavage) with {@code signer}'s key under {@code keyId}. */
    public HttpResponse<String> post(String inboxUrl, String json, String signer, Clock clock) {
        return postSigned(inboxUrl, json.getBytes(StandardCharsets.UTF_8), keyId(signer), keys.get(signer), clock, null);
    }

    /**
     * The general form: {@code bodySent} replaces the signed body when not null (a tampered delivery);
     * {@code key} null sends no signature at all.
     */
    public HttpResponse<String> postSigned(String inboxUrl, byte[] body, String keyId, SigningKey key, Clock clock,
                                           byte[] bodySent) {
        SignedRequest request = new SignedRequest("POST", URI.create(inboxUrl),
                Headers.of("content-type", "application/activity+json"), body);
        SignedRequest signed = key == null ? request : new HttpSigner(clock).signCavage(request, keyId, key);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(inboxUrl))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bodySent == null ? body : bodySent));
        for (String name : signed.headers().names()) {
            if (!name.equals("host")) {
                builder.header(name, signed.headers().combined(name).orElseThrow());
            }
        }
        try {
            return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public SigningKey.Rsa key(String name) {
        return keys.get(name);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
