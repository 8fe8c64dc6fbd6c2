package social.muse.federation.transport;

import io.helidon.webclient.api.DnsAddressLookup;
import io.helidon.webclient.spi.DnsResolver;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The SSRF guard: Helidon's WebClient asks this resolver for the address of every new connection and connects to
 * exactly the address returned, so the address that is checked is the address that is used (a second DNS answer
 * cannot slip in between, which defeats DNS rebinding). A host is refused if <em>any</em> of its addresses is
 * forbidden, so a name cannot mix a public address with a private one and hope for the private one to be picked.
 * IP literals, bracketed IPv6 included, go through the same check.
 */
public final class SafeDnsResolver implements DnsResolver {

    /** Name resolution, replaceable in tests. */
    @FunctionalInterface
    public interface HostLookup {
        InetAddress[] addresses(String host) throws UnknownHostException;
    }

    private final AddressPolicy policy;
    private final HostLookup lookup;

    public SafeDnsResolver(AddressPolicy policy) {
        this(policy, InetAddress::getAllByName);
    }

    public SafeDnsResolver(AddressPolicy policy, HostLookup lookup) {
        this.policy = policy;
        this.lookup = lookup;
    }

    @Override
    public boolean useDefaultJavaResolver() {
        return false;
    }

    /**
     * @throws ForbiddenAddressException if any address of {@code host} is refused by the policy
     * @throws TransportException        if {@code host} has no usable address
     */
    @Override
    public InetAddress resolveAddress(String host, DnsAddressLookup addressLookup) {
        InetAddress[] checked = checkedAddresses(host);
        InetAddress[] preferred = addressLookup.filter(checked);
        if (preferred.length == 0) {
            throw new TransportException("host " + host + " has no address of the configured IP family");
        }
        return namedAs(bareName(host), preferred[0]);
    }

    /** All addresses of {@code host}, each one permitted by the policy. */
    public InetAddress[] checkedAddresses(String host) {
        String name = bareName(host);
        if (name.isEmpty()) {
            throw new TransportException("empty host name");
        }
        InetAddress[] addresses;
        try {
            addresses = lookup.addresses(name);
        } catch (UnknownHostException e) {
            throw new TransportException("host " + host + " cannot be resolved", e);
        }
        if (addresses == null || addresses.length == 0) {
            throw new TransportException("host " + host + " cannot be resolved");
        }
        for (InetAddress address : addresses) {
            policy.check(host, address);
        }
        return addresses.clone();
    }

    private static String bareName(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * Helidon takes the TLS server name (SNI and certificate check) from the returned address's host name, so it
     * must be the name that was asked for, never one found by a reverse lookup.
     */
    private static InetAddress namedAs(String name, InetAddress address) {
        try {
            if (address instanceof Inet6Address scoped && scoped.getScopeId() != 0) {
                return Inet6Address.getByAddress(name, scoped.getAddress(), scoped.getScopeId());
            }
            return InetAddress.getByAddress(name, address.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a resolved address has an invalid length", e);
        }
    }
}
