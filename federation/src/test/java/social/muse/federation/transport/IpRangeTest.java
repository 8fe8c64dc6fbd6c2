package social.muse.federation.transport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpRangeTest {

    @Test
    void ipv4BoundariesFollowThePrefix() throws UnknownHostException {
        IpRange range = IpRange.parse("172.16.0.0/12");
        assertTrue(range.contains(InetAddress.getByName("172.16.0.0")));
        assertTrue(range.contains(InetAddress.getByName("172.31.255.255")));
        assertFalse(range.contains(InetAddress.getByName("172.15.255.255")));
        assertFalse(range.contains(InetAddress.getByName("172.32.0.0")));
    }

    @Test
    void ipv6BoundariesFollowThePrefix() throws UnknownHostException {
        IpRange range = IpRange.parse("fe80::/10");
        assertTrue(range.contains(InetAddress.getByName("fe80::")));
        assertTrue(range.contains(InetAddress.getByName("febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff")));
        assertFalse(range.contains(InetAddress.getByName("fec0::")));
        assertFalse(range.contains(InetAddress.getByName("fe7f::1")));
    }

    @Test
    void familiesNeverMatchEachOther() throws UnknownHostException {
        assertFalse(IpRange.parse("0.0.0.0/0").contains(InetAddress.getByName("::1")));
        assertFalse(IpRange.parse("::/0").contains(InetAddress.getByName("127.0.0.1")));
    }

    @Test
    void bareAddressIsOneHostAndHostBitsAreIgnored() throws UnknownHostException {
        IpRange single = IpRange.parse("10.1.2.3");
        assertTrue(single.contains(InetAddress.getByName("10.1.2.3")));
        assertFalse(single.contains(InetAddress.getByName("10.1.2.4")));
        assertTrue(IpRange.parse("10.1.2.3/8").contains(InetAddress.getByName("10.200.0.1")));
        assertEquals(IpRange.parse("10.0.0.0/8"), IpRange.parse("10.0.0.0/8"));
        assertEquals("10.0.0.0/8", IpRange.parse(" 10.0.0.0/8 ").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "cafe", "localhost", "10.0.0.0/33", "::/129", "10.0.0.0/x", "10.0.0/8",
            "300.0.0.0/8", "", "/8", "10.0.0.0/-1"})
    void rejectsAnythingButAnIpLiteralWithAFittingPrefix(String text) {
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse(text));
    }
}
