package social.muse.federation.transport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressPolicyTest {
    private final AddressPolicy strict = AddressPolicy.publicOnly();
    private final AddressPolicy permissive = new AddressPolicy(true);

    @ParameterizedTest
    @ValueSource(strings = {
            // IPv4: unspecified and "this network", private, CGNAT, loopback, link-local (cloud metadata)
            "0.0.0.0", "0.1.2.3", "10.0.0.1", "10.255.255.255", "100.64.0.1", "100.127.255.255",
            "127.0.0.1", "127.255.255.254", "169.254.169.254", "169.254.0.1", "172.16.0.1", "172.31.255.255",
            "192.168.0.1", "192.168.255.255",
            // IETF assignments, documentation, 6to4 relay, benchmarking, multicast, reserved, broadcast
            "192.0.0.8", "192.0.2.1", "198.51.100.7", "203.0.113.9", "192.88.99.1", "198.18.0.1",
            "198.19.255.255", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
            // IPv6: unspecified, loopback (two spellings), IPv4-compatible, unique-local, link-local,
            // site-local, multicast, documentation, discard, benchmarking, local-use NAT64
            "::", "::1", "0:0:0:0:0:0:0:1", "::127.0.0.1", "::8.8.8.8", "fc00::1", "fd12:3456:789a::1",
            "fe80::1", "febf:ffff::1", "fec0::1", "ff02::1", "ff05::1:3", "2001:db8::1", "3fff::1", "100::1",
            "2001:2::1", "64:ff9b:1::a00:1",
            // IPv4-mapped spellings that the JDK turns into IPv4
            "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:10.0.0.1", "::ffff:169.254.169.254",
            // NAT64 well-known prefix, 6to4 and Teredo carrying a forbidden IPv4 address
            "64:ff9b::127.0.0.1", "64:ff9b::a00:1", "64:ff9b::192.168.1.1", "2002:7f00:1::1", "2002:c0a8:101::",
            "2001:0:a00:1::f7f7:f7f7", "2001:0:4136:e378:8000:63bf:80ff:fffe"
    })
    void refusesSpecialPurposeAddresses(String literal) throws UnknownHostException {
        InetAddress address = InetAddress.getByName(literal);
        assertTrue(strict.refusal(address).isPresent(), literal + " should be refused");
        assertFalse(strict.permits(address));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "8.8.8.8", "1.1.1.1", "93.184.216.34", "11.0.0.1", "100.63.255.255", "100.128.0.0", "126.255.255.255",
            "128.0.0.1", "169.253.255.255", "169.255.0.1", "172.15.255.255", "172.32.0.0", "192.167.255.255",
            "192.169.0.0", "198.17.255.255", "198.20.0.0", "223.255.255.255",
            "2606:4700:4700::1111", "2001:4860:4860::8888", "2a00:1450:4001::200e",
            "64:ff9b::8.8.8.8", "2002:808:808::1", "2001:0:4136:e378:8000:63bf:f7f7:f7f7"
    })
    void permitsPublicUnicast(String literal) throws UnknownHostException {
        InetAddress address = InetAddress.getByName(literal);
        assertEquals(List.of(), strict.refusal(address).stream().toList(), literal + " should be permitted");
    }

    @Test
    void ipv4MappedIpv6ObjectsAreJudgedByTheirIpv4Address() throws UnknownHostException {
        byte[] mappedLoopback = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        byte[] mappedPublic = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 8, 8, 8, 8};
        InetAddress loopback = Inet6Address.getByAddress(null, mappedLoopback, -1);
        InetAddress publicAddress = Inet6Address.getByAddress(null, mappedPublic, -1);
        assertInstanceOf(Inet6Address.class, loopback);
        assertEquals("loopback (127.0.0.0/8)", strict.refusal(loopback).orElseThrow());
        assertTrue(strict.permits(publicAddress));
    }

    @Test
    void reasonsNameTheRangeAndTheEmbeddedAddress() throws UnknownHostException {
        assertEquals("link-local (169.254.0.0/16)",
                strict.refusal(InetAddress.getByName("169.254.169.254")).orElseThrow());
        assertEquals("NAT64 address of 10.0.0.1, which is private-use (10.0.0.0/8)",
                strict.refusal(InetAddress.getByName("64:ff9b::a00:1")).orElseThrow());
        assertEquals("Teredo client of 127.0.0.1, which is loopback (127.0.0.0/8)",
                strict.refusal(InetAddress.getByName("2001:0:4136:e378:8000:63bf:80ff:fffe")).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", "10.0.0.1", "192.168.1.1", "fd00::1", "169.254.169.254",
            "::ffff:127.0.0.1", "64:ff9b::a00:1", "8.8.8.8"})
    void allowPrivatePermitsEverything(String literal) throws UnknownHostException {
        assertTrue(permissive.permits(InetAddress.getByName(literal)));
    }

    @Test
    void extraDeniedRangesApplyInBothModesAndToEmbeddedAddresses() throws UnknownHostException {
        List<IpRange> denied = List.of(IpRange.parse("127.0.0.2/32"), IpRange.parse("2001:db8:dead::/48"));
        AddressPolicy permissiveWithDeny = new AddressPolicy(true, denied);
        AddressPolicy strictWithDeny = new AddressPolicy(false, List.of(IpRange.parse("8.8.4.0/24")));

        assertEquals("denied by configuration (127.0.0.2/32)",
                permissiveWithDeny.refusal(InetAddress.getByName("127.0.0.2")).orElseThrow());
        assertFalse(permissiveWithDeny.permits(InetAddress.getByName("::ffff:127.0.0.2")));
        assertFalse(permissiveWithDeny.permits(InetAddress.getByName("64:ff9b::127.0.0.2")));
        assertFalse(permissiveWithDeny.permits(InetAddress.getByName("2001:db8:dead:1::1")));
        assertTrue(permissiveWithDeny.permits(InetAddress.getByName("127.0.0.1")));

        assertFalse(strictWithDeny.permits(InetAddress.getByName("8.8.4.4")));
        assertTrue(strictWithDeny.permits(InetAddress.getByName("8.8.8.8")));
    }

    @Test
    void checkThrowsATypedExceptionNamingHostAndAddress() throws UnknownHostException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        ForbiddenAddressException refused =
                assertThrows(ForbiddenAddressException.class, () -> strict.check("evil.example", loopback));
        assertEquals("evil.example", refused.host());
        assertEquals(loopback, refused.address());
        assertEquals("refusing to connect to evil.example: 127.0.0.1 is loopback (127.0.0.0/8)", refused.getMessage());
    }
}
