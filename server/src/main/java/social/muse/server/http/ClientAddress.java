package social.muse.server.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The address a request came from. X-Forwarded-For is believed only when the direct peer is a
 * loopback or private address (a reverse proxy on the same host or network, as Mastodon trusts by
 * default); then the right-most untrusted address in the chain is the client.
 */
public final class ClientAddress {
    private ClientAddress() {
    }

    public static String of(ServerRequest request) {
        String peer = request.remotePeer().address() instanceof InetSocketAddress socket
                ? socket.getAddress().getHostAddress() : "unknown";
        if (!isTrustedProxy(peer)) {
            return peer;
        }
        List<String> forwarded = request.headers().values(HeaderNames.X_FORWARDED_FOR).stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            if (!isTrustedProxy(forwarded.get(i))) {
                return forwarded.get(i);
            }
        }
        return forwarded.isEmpty() ? peer : forwarded.get(0);
    }

    static boolean isTrustedProxy(String address) {
        if (!address.matches("[0-9a-fA-F:.]+")) {
            return false;
        }
        try {
            InetAddress inet = InetAddress.getByName(address);
            return inet.isLoopbackAddress() || inet.isSiteLocalAddress()
                    || (inet.getAddress().length == 16 && (inet.getAddress()[0] & 0xFE) == 0xFC);
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
