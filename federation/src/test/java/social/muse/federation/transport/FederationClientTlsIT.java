package social.muse.federation.transport;

import io.helidon.common.tls.Tls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTPS through the guarded resolver: the certificate is checked against the requested host name (Helidon takes
 * it from the address the resolver returns), not against the IP address or a reverse lookup.
 */
class FederationClientTlsIT {
    private static final char[] PASSWORD = "test-only".toCharArray();
    private static final String AP = "application/activity+json";

    private final KeyStore keyStore = loadKeyStore();
    private final FakeRemote remote = FakeRemote.httpsOn("127.0.0.1", serverTls(keyStore))
            .route("/actor", exchange -> FakeRemote.send(exchange, 200, AP,
                    "{\"type\":\"Person\"}".getBytes(StandardCharsets.UTF_8)));
    private final FederationClient client = new FederationClient(
            new SafeDnsResolver(new AddressPolicy(true), FederationClientTlsIT::testZone),
            FederationClient.userAgent("0.1.0", "muse.test"), TransportSettings.defaults(),
            Optional.of(Tls.builder().trust(List.of(certificate(keyStore))).build()));

    @AfterEach
    void stopRemote() {
        remote.close();
    }

    @Test
    void theCertificateIsVerifiedForTheRequestedName() {
        FetchResponse response = client.get(URI.create("https://remote.muse.test:" + remote.port() + "/actor"), AP, Map.of());

        assertEquals(200, response.status());
        assertEquals("{\"type\":\"Person\"}", response.bodyText());
        assertEquals("remote.muse.test:" + remote.port(), remote.received().getFirst().header("Host"));
    }

    @Test
    void aCertificateForAnotherNameIsRejected() {
        URI wrongName = URI.create("https://impostor.muse.test:" + remote.port() + "/actor");

        TransportException failure = assertThrows(TransportException.class, () -> client.get(wrongName, AP, Map.of()));

        assertEquals(TransportException.class, failure.getClass());
        assertTrue(causes(failure).anyMatch(SSLHandshakeException.class::isInstance), failure::toString);
        assertEquals(List.of(), remote.received());
    }

    private static Stream<Throwable> causes(Throwable failure) {
        return Stream.iterate(failure, Objects::nonNull, Throwable::getCause);
    }

    private static InetAddress[] testZone(String host) throws UnknownHostException {
        if (host.endsWith(".muse.test")) {
            return new InetAddress[]{InetAddress.getByAddress(new byte[]{127, 0, 0, 1})};
        }
        throw new UnknownHostException(host);
    }

    private static KeyStore loadKeyStore() {
        try (InputStream in = FederationClientTlsIT.class.getResourceAsStream("/transport/remote-tls.p12")) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD);
            return store;
        } catch (Exception e) {
            throw new IllegalStateException("test key store missing", e);
        }
    }

    private static X509Certificate certificate(KeyStore store) {
        try {
            return (X509Certificate) store.getCertificate("remote");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static SSLContext serverTls(KeyStore store) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
