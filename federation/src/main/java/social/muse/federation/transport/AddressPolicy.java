package social.muse.federation.transport;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Decides which IP addresses the federation client may connect to, so that a remote document cannot make this
 * server reach its own loopback, private network, cloud metadata endpoint and the like (SSRF).
 *
 * <p>By default every special-purpose block of the IANA registries is refused: loopback, unspecified, private,
 * shared (CGNAT), link-local, multicast, broadcast, reserved, benchmarking and documentation ranges, unique-local
 * and site-local IPv6, and the IPv6 forms that carry an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64
 * {@code 64:ff9b::/96}, 6to4 and Teredo), whose embedded IPv4 address is judged like any other.
 *
 * <p>{@code allowPrivate = true} (for tests and closed networks, {@code MUSE_FEDERATION_ALLOW_PRIVATE_ADDRESSES})
 * turns all of those rules off; ranges in {@code alsoDenied} are refused in either mode.
 */
public final class AddressPolicy {

    private record Reserved(IpRange range, String use) {
        Reserved(String cidr, String use) {
            this(IpRange.parse(cidr), use);
        }
    }

    private record Embedded(String form, byte[] ipv4) {
    }

    private static final List<Reserved> RESERVED_IPV4 = List.of(
            new Reserved("0.0.0.0/32", "unspecified"),
            new Reserved("0.0.0.0/8", "\"this network\""),
            new Reserved("10.0.0.0/8", "private-use"),
            new Reserved("100.64.0.0/10", "shared address space (CGNAT)"),
            new Reserved("127.0.0.0/8", "loopback"),
            new Reserved("169.254.0.0/16", "link-local"),
            new Reserved("172.16.0.0/12", "private-use"),
            new Reserved("192.0.0.0/24", "IETF protocol assignments"),
            new Reserved("192.0.2.0/24", "documentation (TEST-NET-1)"),
            new Reserved("192.88.99.0/24", "6to4 relay anycast"),
            new Reserved("192.168.0.0/16", "private-use"),
            new Reserved("198.18.0.0/15", "benchmarking"),
            new Reserved("198.51.100.0/24", "documentation (TEST-NET-2)"),
            new Reserved("203.0.113.0/24", "documentation (TEST-NET-3)"),
            new Reserved("224.0.0.0/4", "multicast"),
            new Reserved("255.255.255.255/32", "limited broadcast"),
            new Reserved("240.0.0.0/4", "reserved"));

    private static final List<Reserved> RESERVED_IPV6 = List.of(
            new Reserved("::/128", "unspecified"),
            new Reserved("::1/128", "loopback"),
            new Reserved("::/96", "IPv4-compatible (deprecated)"),
            new Reserved("64:ff9b:1::/48", "local-use IPv4/IPv6 translation"),
            new Reserved("100::/64", "discard-only"),
            new Reserved("2001:2::/48", "benchmarking"),
            new Reserved("2001:db8::/32", "documentation"),
            new Reserved("3fff::/20", "documentation"),
            new Reserved("fc00::/7", "unique-local"),
            new Reserved("fe80::/10", "link-local"),
            new Reserved("fec0::/10", "site-local (deprecated)"),
            new Reserved("ff00::/8", "multicast"));

    private static final IpRange NAT64 = IpRange.parse("64:ff9b::/96");
    private static final IpRange SIX_TO_FOUR = IpRange.parse("2002::/16");
    private static final IpRange TEREDO = IpRange.parse("2001::/32");

    private final boolean allowPrivate;
    private final List<IpRange> alsoDenied;

    public AddressPolicy(boolean allowPrivate) {
        this(allowPrivate, List.of());
    }

    public AddressPolicy(boolean allowPrivate, List<IpRange> alsoDenied) {
        this.allowPrivate = allowPrivate;
        this.alsoDenied = List.copyOf(alsoDenied);
    }

    /** The production policy: only globally routable unicast addresses. */
    public static AddressPolicy publicOnly() {
        return new AddressPolicy(false);
    }

    public boolean allowsPrivate() {
        return allowPrivate;
    }

    public boolean permits(InetAddress address) {
        return refusal(address).isEmpty();
    }

    /** Why {@code address} may not be contacted, e.g. {@code "loopback (127.0.0.0/8)"}; empty if it may. */
    public Optional<String> refusal(InetAddress address) {
        byte[] bytes = withoutIpv4Mapping(address.getAddress());
        Optional<String> direct = refusal(bytes);
        if (direct.isPresent()) {
            return direct;
        }
        for (Embedded embedded : embeddedIpv4(bytes)) {
            Optional<String> inner = refusal(embedded.ipv4());
            if (inner.isPresent()) {
                return Optional.of(embedded.form() + " of " + ipv4Text(embedded.ipv4()) + ", which is " + inner.get());
            }
        }
        return Optional.empty();
    }

    /**
     * @throws ForbiddenAddressException if {@code address}, which {@code host} resolved to, may not be contacted
     */
    public void check(String host, InetAddress address) {
        Optional<String> refusal = refusal(address);
        if (refusal.isPresent()) {
            throw new ForbiddenAddressException(host, address, refusal.get());
        }
    }

    private Optional<String> refusal(byte[] bytes) {
        for (IpRange denied : alsoDenied) {
            if (denied.contains(bytes)) {
                return Optional.of("denied by configuration (" + denied + ")");
            }
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        for (Reserved reserved : bytes.length == 4 ? RESERVED_IPV4 : RESERVED_IPV6) {
            if (reserved.range().contains(bytes)) {
                return Optional.of(reserved.use() + " (" + reserved.range() + ")");
            }
        }
        return Optional.empty();
    }

    /** {@code ::ffff:a.b.c.d} reaches the IPv4 host a.b.c.d on a dual-stack socket, so it is judged as IPv4. */
    private static byte[] withoutIpv4Mapping(byte[] bytes) {
        if (bytes.length != 16) {
            return bytes;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return bytes;
            }
        }
        if (bytes[10] != (byte) 0xFF || bytes[11] != (byte) 0xFF) {
            return bytes;
        }
        return Arrays.copyOfRange(bytes, 12, 16);
    }

    /** IPv4 addresses that translation and tunnelling gateways would forward an IPv6 connection to. */
    private static List<Embedded> embeddedIpv4(byte[] bytes) {
        List<Embedded> embedded = new ArrayList<>();
        if (NAT64.contains(bytes)) {
            embedded.add(new Embedded("NAT64 address", Arrays.copyOfRange(bytes, 12, 16)));
        }
        if (SIX_TO_FOUR.contains(bytes)) {
            embedded.add(new Embedded("6to4 address", Arrays.copyOfRange(bytes, 2, 6)));
        }
        if (TEREDO.contains(bytes)) {
            embedded.add(new Embedded("Teredo server", Arrays.copyOfRange(bytes, 4, 8)));
            byte[] client = Arrays.copyOfRange(bytes, 12, 16);
            for (int i = 0; i < client.length; i++) {
                client[i] = (byte) ~client[i]; // RFC 4380 stores the client address inverted
            }
            embedded.add(new Embedded("Teredo client", client));
        }
        return embedded;
    }

    private static String ipv4Text(byte[] ipv4) {
        return (ipv4[0] & 0xFF) + "." + (ipv4[1] & 0xFF) + "." + (ipv4[2] & 0xFF) + "." + (ipv4[3] & 0xFF);
    }
}
