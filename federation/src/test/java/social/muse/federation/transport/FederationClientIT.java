package social.muse.federation.transport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FederationClientIT {
    private static final String USER_AGENT = FederationClient.userAgent("0.1.0", "muse.test");
    private static final String AP = "application/activity+json";
    private static final byte[] ACTOR = "{\"type\":\"Person\",\"id\":\"alice\"}".getBytes(StandardCharsets.UTF_8);
    private static final int FIVE_MIB = 5 * 1024 * 1024;

    private final List<FakeRemote> remotes = new ArrayList<>();

    @AfterEach
    void stopRemotes() {
        remotes.forEach(FakeRemote::close);
    }

    private FakeRemote remote(String bindAddress) {
        FakeRemote remote = FakeRemote.on(bindAddress);
        remotes.add(remote);
        return remote;
    }

    private FakeRemote serving() {
        return remote("127.0.0.1").route("/actor", exchange -> FakeRemote.send(exchange, 200, AP, ACTOR));
    }

    private static FederationClient client(AddressPolicy policy) {
        return new FederationClient(policy, USER_AGENT, TransportSettings.defaults());
    }

    private static FederationClient permissive() {
        return client(new AddressPolicy(true));
    }

    @Test
    void allowPrivateReachesTheRemoteWithTheClientHeaders() {
        FakeRemote remote = serving();

        FetchResponse response = permissive().get(remote.uri("/actor"), AP, Map.of("X-Trace", "t1"));

        assertEquals(200, response.status());
        assertArrayEquals(ACTOR, response.body());
        assertEquals(AP, response.contentType().orElseThrow());
        assertEquals(remote.uri("/actor"), response.finalUri());
        FakeRemote.ReceivedRequest request = remote.received().getFirst();
        assertEquals("GET", request.method());
        assertEquals("Muse/0.1.0 (+https://muse.test/)", request.header("User-Agent"));
        assertEquals("127.0.0.1:" + remote.port(), request.header("Host"));
        assertEquals(AP, request.header("Accept"));
        assertEquals("gzip", request.header("Accept-Encoding"));
        assertEquals("t1", request.header("X-Trace"));
        assertTrue(request.header("Date").matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"),
                request.header("Date"));
    }

    @Test
    void pathAndQueryAreSentExactlyAsEncoded() {
        FakeRemote remote = remote("127.0.0.1").route("/", exchange -> FakeRemote.send(exchange, 204, AP, new byte[0]));

        FetchResponse response = permissive().get(remote.uri("/users/a%20b/%C3%A9?q=x%26y&page=2"), AP, Map.of());

        assertEquals(204, response.status());
        assertEquals("/users/a%20b/%C3%A9", remote.received().getFirst().rawPath());
        assertEquals("q=x%26y&page=2", remote.received().getFirst().rawQuery());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "[::1]", "[::ffff:127.0.0.1]", "2130706433", "0.0.0.0"})
    void publicOnlyRefusesLoopbackHowEverItIsSpelled(String host) {
        FakeRemote remote = serving();
        URI target = URI.create("http://" + host + ":" + remote.port() + "/actor");

        assertThrows(ForbiddenAddressException.class, () -> client(AddressPolicy.publicOnly()).get(target, AP, Map.of()));
        assertEquals(List.of(), remote.received());
    }

    @Test
    void aHostJavaCannotParseIsRejectedBeforeAnyLookup() {
        FakeRemote remote = serving();
        URI shortLoopback = URI.create("http://127.1:" + remote.port() + "/actor");

        assertThrows(IllegalArgumentException.class, () -> client(AddressPolicy.publicOnly()).get(shortLoopback, AP, Map.of()));
        assertEquals(List.of(), remote.received());
    }

    @Test
    void publicOnlyRefusesPrivateAndMetadataAddressesWithoutConnecting() {
        FederationClient client = client(AddressPolicy.publicOnly());
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertThrows(ForbiddenAddressException.class,
                    () -> client.get(URI.create("http://10.0.0.1/actor"), AP, Map.of()));
            assertThrows(ForbiddenAddressException.class,
                    () -> client.get(URI.create("http://169.254.169.254/latest/meta-data/"), AP, Map.of()));
            assertThrows(ForbiddenAddressException.class,
                    () -> client.post(URI.create("https://[fd00::1]/inbox"), AP, ACTOR, Map.of()));
        });
    }

    @Test
    void onlyHttpAndHttpsAndWellFormedHeadersAreAccepted() {
        FederationClient client = permissive();
        assertThrows(IllegalArgumentException.class, () -> client.get(URI.create("ftp://127.0.0.1/x"), AP, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> client.get(URI.create("file:///etc/passwd"), AP, Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> client.get(URI.create("http://127.0.0.1/x"), AP, Map.of("Host", "other.example")));
        assertThrows(IllegalArgumentException.class,
                () -> client.get(URI.create("http://127.0.0.1/x"), AP, Map.of("X-A", "1\r\nX-Injected: 2")));
    }

    @Test
    void getFollowsARedirectChainWithinTheLimit() {
        FakeRemote remote = serving()
                .route("/first", exchange -> FakeRemote.redirect(exchange, 302, "/second"))
                .route("/second", exchange -> FakeRemote.redirect(exchange, 302, "actor"));

        FetchResponse response = permissive().get(remote.uri("/first"), AP, Map.of());

        assertEquals(200, response.status());
        assertArrayEquals(ACTOR, response.body());
        assertEquals(remote.uri("/actor"), response.finalUri());
        assertEquals(List.of("/first", "/second", "/actor"),
                remote.received().stream().map(FakeRemote.ReceivedRequest::rawPath).toList());
    }

    @Test
    void getAllowsExactlyMaxRedirectsAndRefusesOneMore() {
        FakeRemote remote = serving()
                .route("/r4", exchange -> FakeRemote.redirect(exchange, 301, "/r3"))
                .route("/r3", exchange -> FakeRemote.redirect(exchange, 307, "/r2"))
                .route("/r2", exchange -> FakeRemote.redirect(exchange, 308, "/r1"))
                .route("/r1", exchange -> FakeRemote.redirect(exchange, 303, "/actor"));
        FederationClient client = permissive();

        assertEquals(200, client.get(remote.uri("/r3"), AP, Map.of()).status());
        assertEquals(4, remote.received().size());

        RedirectRefusedException refused =
                assertThrows(RedirectRefusedException.class, () -> client.get(remote.uri("/r4"), AP, Map.of()));
        assertTrue(refused.getMessage().endsWith("more than 3 redirects"), refused.getMessage());
        assertEquals(1, remote.received("/actor").size());
    }

    @Test
    void aRedirectToAForbiddenAddressIsRefusedEvenWhenTheFirstHostWasAllowed() {
        FakeRemote inside = remote("127.0.0.2")
                .route("/secret", exchange -> FakeRemote.send(exchange, 200, "text/plain", "secret".getBytes()));
        FakeRemote outside = remote("127.0.0.1")
                .route("/actor", exchange -> FakeRemote.redirect(exchange, 302, inside.uri("/secret").toString()));

        FetchResponse withoutDenyRule = permissive().get(outside.uri("/actor"), AP, Map.of());
        assertEquals("secret", withoutDenyRule.bodyText());
        assertEquals(1, inside.received().size());

        FederationClient guarded = client(new AddressPolicy(true, List.of(IpRange.parse("127.0.0.2/32"))));
        ForbiddenAddressException refused = assertThrows(ForbiddenAddressException.class,
                () -> guarded.get(outside.uri("/actor"), AP, Map.of()));
        assertEquals("127.0.0.2", refused.address().getHostAddress());
        assertEquals(1, inside.received().size());
        assertEquals(2, outside.received().size());
    }

    @Test
    void postDoesNotFollowRedirects() {
        FakeRemote remote = remote("127.0.0.1")
                .route("/inbox", exchange -> FakeRemote.redirect(exchange, 307, "/elsewhere"))
                .route("/elsewhere", exchange -> FakeRemote.send(exchange, 202, AP, new byte[0]));

        FetchResponse response = permissive().post(remote.uri("/inbox"), AP, ACTOR, Map.of());

        assertEquals(307, response.status());
        assertEquals("/elsewhere", response.headers().first("location").orElseThrow());
        assertEquals(remote.uri("/inbox"), response.finalUri());
        assertEquals(1, remote.received().size());
        FakeRemote.ReceivedRequest request = remote.received().getFirst();
        assertEquals("POST", request.method());
        assertArrayEquals(ACTOR, request.body());
        assertEquals(AP, request.header("Content-Type"));
        assertEquals(List.of(), remote.received("/elsewhere"));
    }

    @Test
    void eachHopIsSignedForItsOwnTarget() {
        FakeRemote second = serving();
        FakeRemote first = remote("127.0.0.1")
                .route("/moved", exchange -> FakeRemote.redirect(exchange, 301, second.uri("/actor").toString()));
        List<String> signed = new CopyOnWriteArrayList<>();
        RequestSigner signer = (method, target, headers, body) -> {
            signed.add(method + " " + target + " host=" + headers.get("Host") + " body=" + body.length);
            assertNotNull(headers.get("Date"));
            return Map.of("Signature", "for " + headers.get("Host"));
        };

        FetchResponse response = permissive().get(first.uri("/moved"), AP, Map.of(),
                FetchOptions.defaults().signedBy(signer));

        assertEquals(200, response.status());
        assertEquals(List.of(
                "GET " + first.uri("/moved") + " host=127.0.0.1:" + first.port() + " body=0",
                "GET " + second.uri("/actor") + " host=127.0.0.1:" + second.port() + " body=0"), signed);
        assertEquals("for 127.0.0.1:" + first.port(), first.received().getFirst().header("Signature"));
        assertEquals("for 127.0.0.1:" + second.port(), second.received().getFirst().header("Signature"));
    }

    @Test
    void headersTheSignerReturnsReplaceOursWhateverTheirCase() {
        FakeRemote remote = serving();
        RequestSigner signer = (method, target, headers, body) ->
                Map.of("date", "Sun, 22 Nov 2026 08:00:00 GMT", "signature", "sig");

        permissive().get(remote.uri("/actor"), AP, Map.of(), FetchOptions.defaults().signedBy(signer));

        FakeRemote.ReceivedRequest request = remote.received().getFirst();
        assertEquals(List.of("Sun, 22 Nov 2026 08:00:00 GMT"), request.headers().get("Date"));
        assertEquals(List.of("sig"), request.headers().get("Signature"));
    }

    @Test
    void postIsSignedOverItsBody() {
        FakeRemote remote = remote("127.0.0.1")
                .route("/inbox", exchange -> FakeRemote.send(exchange, 202, AP, new byte[0]));
        RequestSigner signer = (method, target, headers, body) ->
                Map.of("Digest", method + ":" + headers.get("Content-Type") + ":" + new String(body, StandardCharsets.UTF_8));

        permissive().post(remote.uri("/inbox"), AP, ACTOR, Map.of(), FetchOptions.defaults().signedBy(signer));

        assertEquals("POST:" + AP + ":" + new String(ACTOR, StandardCharsets.UTF_8),
                remote.received().getFirst().header("Digest"));
    }

    @Test
    void callerCredentialsAreNeverSentToAnotherOrigin() {
        FakeRemote other = serving();
        FakeRemote remote = serving()
                .route("/same", exchange -> FakeRemote.redirect(exchange, 302, "/actor"))
                .route("/away", exchange -> FakeRemote.redirect(exchange, 302, other.uri("/actor").toString()));
        FederationClient client = permissive();
        Map<String, String> credentials = Map.of("Authorization", "Bearer t0ken");

        assertEquals(200, client.get(remote.uri("/same"), AP, credentials).status());
        assertEquals("Bearer t0ken", remote.received("/actor").getFirst().header("Authorization"));

        assertThrows(RedirectRefusedException.class, () -> client.get(remote.uri("/away"), AP, credentials));
        assertEquals(List.of(), other.received());
    }

    @Test
    void aBodyOverTheCapIsCutOffWithKnownOrUnknownLength() {
        byte[] fiveMib = new byte[FIVE_MIB];
        Arrays.fill(fiveMib, (byte) 'x');
        FakeRemote remote = serving()
                .route("/sized", exchange -> FakeRemote.send(exchange, 200, "image/png", fiveMib))
                .route("/chunked", exchange -> {
                    exchange.sendResponseHeaders(200, 0);
                    try (OutputStream out = exchange.getResponseBody()) {
                        for (int sent = 0; sent < FIVE_MIB; sent += 64 * 1024) {
                            out.write(fiveMib, sent, 64 * 1024);
                        }
                    }
                });
        FederationClient client = permissive();

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            ResponseTooLargeException sized = assertThrows(ResponseTooLargeException.class,
                    () -> client.get(remote.uri("/sized"), "image/*", Map.of()));
            assertEquals(FetchOptions.DOCUMENT_MAX_BODY_BYTES, sized.limitBytes());
            assertThrows(ResponseTooLargeException.class, () -> client.get(remote.uri("/chunked"), "image/*", Map.of()));
            // the client is still usable: the cut-off connections were closed, not returned half-read
            assertEquals(200, client.get(remote.uri("/actor"), AP, Map.of()).status());
        });

        FetchOptions media = FetchOptions.defaults().withMaxBodyBytes(FetchOptions.MEDIA_MAX_BODY_BYTES);
        assertEquals(FIVE_MIB, client.get(remote.uri("/chunked"), "image/*", Map.of(), media).body().length);
        assertEquals(FIVE_MIB, client.get(remote.uri("/sized"), "image/*", Map.of(), media).body().length);
    }

    @Test
    void gzipIsDecodedAndTheCapCountsDecodedBytes() {
        byte[] bomb = gzip(new byte[16 * 1024 * 1024]);
        assertTrue(bomb.length < 64 * 1024, "the bomb is small on the wire: " + bomb.length);
        FakeRemote remote = remote("127.0.0.1")
                .route("/actor", exchange -> {
                    exchange.getResponseHeaders().set("Content-Encoding", "gzip");
                    FakeRemote.send(exchange, 200, AP, gzip(ACTOR));
                })
                .route("/bomb", exchange -> {
                    exchange.getResponseHeaders().set("Content-Encoding", "gzip");
                    FakeRemote.send(exchange, 200, AP, bomb);
                });
        FederationClient client = permissive();

        FetchResponse decoded = client.get(remote.uri("/actor"), AP, Map.of());
        assertArrayEquals(ACTOR, decoded.body());
        assertFalse(decoded.headers().first("Content-Encoding").isPresent());

        assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThrows(ResponseTooLargeException.class, () -> client.get(remote.uri("/bomb"), AP, Map.of())));
    }

    @Test
    void aRemoteThatNeverAnswersHitsTheDeadline() {
        FakeRemote remote = remote("127.0.0.1");
        remote.route("/silent", exchange -> remote.neverAnswer());
        TransportSettings shortDeadline = new TransportSettings(Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofMillis(500), 3);
        FederationClient client = new FederationClient(new AddressPolicy(true), USER_AGENT, shortDeadline);

        assertTimeoutPreemptively(Duration.ofSeconds(3), () ->
                assertThrows(RequestTimeoutException.class, () -> client.get(remote.uri("/silent"), AP, Map.of())));
        assertTimeoutPreemptively(Duration.ofSeconds(3), () ->
                assertThrows(RequestTimeoutException.class, () -> client.post(remote.uri("/silent"), AP, ACTOR, Map.of())));
    }

    @Test
    void aRemoteThatStopsSendingHitsTheReadTimeout() {
        FakeRemote remote = remote("127.0.0.1");
        remote.route("/stalls", exchange -> {
            exchange.sendResponseHeaders(200, 1000);
            exchange.getResponseBody().write(new byte[10]);
            exchange.getResponseBody().flush();
            remote.neverAnswer();
        });
        TransportSettings shortRead = new TransportSettings(Duration.ofSeconds(5), Duration.ofMillis(300),
                Duration.ofSeconds(20), 3);
        FederationClient client = new FederationClient(new AddressPolicy(true), USER_AGENT, shortRead);

        assertTimeoutPreemptively(Duration.ofSeconds(3), () ->
                assertThrows(RequestTimeoutException.class, () -> client.get(remote.uri("/stalls"), AP, Map.of())));
    }

    @Test
    void statusesOtherThanSuccessAreResponsesNotFailures() {
        FakeRemote remote = remote("127.0.0.1")
                .route("/gone", exchange -> FakeRemote.send(exchange, 410, AP, "{\"type\":\"Tombstone\"}".getBytes()));

        FetchResponse response = permissive().get(remote.uri("/gone"), AP, Map.of());

        assertEquals(410, response.status());
        assertFalse(response.isSuccessful());
        assertEquals("{\"type\":\"Tombstone\"}", response.bodyText());
    }

    @Test
    void nothingListeningIsATransportFailure() {
        FakeRemote closed = remote("127.0.0.1");
        URI target = closed.uri("/actor");
        closed.close();

        TransportException failure = assertThrows(TransportException.class, () -> permissive().get(target, AP, Map.of()));
        assertEquals(TransportException.class, failure.getClass());
    }

    private static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
