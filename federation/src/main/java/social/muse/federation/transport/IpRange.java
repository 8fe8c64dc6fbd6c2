package social.muse.federation.transport;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 block in CIDR notation, e.g. {@code 10.0.0.0/8} or {@code fc00::/7}.
 * Only literals are accepted, so parsing never performs a DNS lookup.
 */
public final class IpRange {
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private IpRange(byte[] network, int prefixLength, String text) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /**
     * Parses {@code address/prefix}; a bare address is a single host. Bits after the prefix are ignored.
     *
     * @throws IllegalArgumentException if the text is not an IP literal with a prefix that fits its family
     */
    public static IpRange parse(String cidr) {
        String trimmed = cidr.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        if (!IPV4_LITERAL.matcher(address).matches() && !IPV6_LITERAL.matcher(address).matches()) {
            throw new IllegalArgumentException("not an IP range: " + cidr);
        }
        byte[] bytes = literalBytes(address, cidr);
        int maxPrefix = bytes.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? maxPrefix : Integer.parseInt(trimmed.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an IP range: " + cidr, e);
        }
        if (prefix < 0 || prefix > maxPrefix) {
            throw new IllegalArgumentException("prefix length out of range in " + cidr);
        }
        return new IpRange(bytes, prefix, trimmed);
    }

    /** Whether {@code address} (4 or 16 bytes) lies in this block; addresses of the other family never do. */
    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - remainingBits)) & 0xFF;
        return (address[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpRange range
                && range.prefixLength == prefixLength
                && Arrays.equals(range.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        return text;
    }

    private static byte[] literalBytes(String address, String cidr) {
        try {
            // Dotted decimal, or anything with a colon, is parsed by the JDK as a literal (or rejected) without
            // asking DNS. An IPv4-mapped IPv6 literal comes back as IPv4.
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP range: " + cidr, e);
        }
    }
}
