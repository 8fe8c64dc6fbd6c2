package social.muse.federation.transport;

import java.net.InetAddress;

/** The target host is, or resolves to, an address the {@link AddressPolicy} refuses; no connection was made. */
public final class ForbiddenAddressException extends TransportException {
    private final String host;
    private final transient InetAddress address;

    public ForbiddenAddressException(String host, InetAddress address, String reason) {
        super("refusing to connect to " + host + ": " + address.getHostAddress() + " is " + reason);
        this.host = host;
        this.address = address;
    }

    public String host() {
        return host;
    }

    public InetAddress address() {
        return address;
    }
}
