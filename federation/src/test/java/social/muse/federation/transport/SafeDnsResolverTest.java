package social.muse.federation.transport;

import io.helidon.webclient.api.DnsAddressLookup;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SafeDnsResolverTest {
    private final List<String> lookedUp = new ArrayList<>();
    private final Map<String, List<String>> zone = Map.of(
            "social.example", List.of("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"),
            "rebind.example", List.of("93.184.216.34", "10.0.0.7"),
            "v4only.example", List.of("93.184.216.34"));

    private SafeDnsResolver resolver(AddressPolicy policy) {
        return new SafeDnsResolver(policy, host -> {
            lookedUp.add(host);
            List<String> records = zone.get(host);
            if (records == null) {
                return InetAddress.getAllByName(host); // IP literals only in these tests: no DNS involved
            }
            List<InetAddress> addresses = new ArrayList<>();
            for (String record : records) {
                addresses.add(InetAddress.getByName(record));
            }
            return addresses.toArray(InetAddress[]::new);
        });
    }

    @Test
    void returnsOneOfTheCheckedAddresses() throws UnknownHostException {
        SafeDnsResolver resolver = resolver(AddressPolicy.publicOnly());
        assertEquals(InetAddress.getByName("93.184.216.34"),
                resolver.resolveAddress("social.example", DnsAddressLookup.IPV4));
        assertEquals(InetAddress.getByName("2606:2800:220:1:248:1893:25c8:1946"),
                resolver.resolveAddress("social.example", DnsAddressLookup.IPV6));
        assertFalse(resolver.useDefaultJavaResolver());
    }

    @Test
    void theReturnedAddressCarriesTheRequestedNameForTls() throws UnknownHostException {
        SafeDnsResolver resolver = new SafeDnsResolver(AddressPolicy.publicOnly(),
                host -> new InetAddress[]{InetAddress.getByAddress(new byte[]{93, (byte) 184, (byte) 216, 34})});

        InetAddress resolved = resolver.resolveAddress("social.example", DnsAddressLookup.IPV4);

        assertEquals("social.example", resolved.getHostName());
        assertEquals("93.184.216.34", resolved.getHostAddress());
        assertEquals("::1", resolver(new AddressPolicy(true)).resolveAddress("[::1]", DnsAddressLookup.IPV6).getHostName());
    }

    @Test
    void oneForbiddenAddressAmongPublicOnesRefusesTheHost() {
        ForbiddenAddressException refused = assertThrows(ForbiddenAddressException.class,
                () -> resolver(AddressPolicy.publicOnly()).resolveAddress("rebind.example", DnsAddressLookup.IPV4));
        assertEquals("10.0.0.7", refused.address().getHostAddress());
        assertEquals("rebind.example", refused.host());
    }

    @Test
    void ipLiteralsAreCheckedTooWithBracketsRemoved() {
        SafeDnsResolver resolver = resolver(AddressPolicy.publicOnly());
        assertThrows(ForbiddenAddressException.class,
                () -> resolver.resolveAddress("[::1]", DnsAddressLookup.IPV6_PREFERRED));
        assertThrows(ForbiddenAddressException.class,
                () -> resolver.resolveAddress("[::ffff:127.0.0.1]", DnsAddressLookup.IPV6_PREFERRED));
        assertThrows(ForbiddenAddressException.class,
                () -> resolver.resolveAddress("2130706433", DnsAddressLookup.IPV4_PREFERRED));
        assertEquals(List.of("::1", "::ffff:127.0.0.1", "2130706433"), lookedUp);
    }

    @Test
    void allowPrivateLetsLoopbackThrough() throws UnknownHostException {
        assertEquals(InetAddress.getByName("127.0.0.1"),
                resolver(new AddressPolicy(true)).resolveAddress("127.0.0.1", DnsAddressLookup.IPV4_PREFERRED));
    }

    @Test
    void unresolvableOrWrongFamilyIsAPlainTransportFailure() {
        SafeDnsResolver resolver = new SafeDnsResolver(AddressPolicy.publicOnly(), host -> {
            if (host.equals("v4only.example")) {
                return new InetAddress[]{InetAddress.getByName("93.184.216.34")};
            }
            throw new UnknownHostException(host);
        });
        TransportException unknown = assertThrows(TransportException.class,
                () -> resolver.resolveAddress("nowhere.example", DnsAddressLookup.IPV4));
        assertEquals(TransportException.class, unknown.getClass());
        assertInstanceOf(UnknownHostException.class, unknown.getCause());
        TransportException noV6 = assertThrows(TransportException.class,
                () -> resolver.resolveAddress("v4only.example", DnsAddressLookup.IPV6));
        assertEquals("host v4only.example has no address of the configured IP family", noV6.getMessage());
    }
}
