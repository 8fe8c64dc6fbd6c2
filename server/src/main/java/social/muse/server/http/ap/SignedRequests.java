package social.muse.server.http.ap;

import io.helidon.http.Header;
import io.helidon.webserver.http.ServerRequest;
import social.muse.federation.signature.Headers;
import social.muse.federation.signature.SignedRequest;
import social.muse.server.convert.Uris;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An inbound Helidon request as the signature code sees it. */
final class SignedRequests {
    private SignedRequests() {
    }

    /** {@code body}: the bytes read, empty for a GET. */
    static SignedRequest of(ServerRequest req, Uris uris, byte[] body) {
        return new SignedRequest(req.prologue().method().text(), target(req, uris), headers(req), body);
    }

    /** The URI the sender addressed, as it signed it: our public base URL (proxies change the rest) and the raw path. */
    private static URI target(ServerRequest req, Uris uris) {
        String query = req.query().rawValue();
        return URI.create(uris.absolute(req.path().absolute().rawPath() + (query.isEmpty() ? "" : "?" + query)));
    }

    private static Headers headers(ServerRequest req) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Header header : req.headers()) {
            values.computeIfAbsent(header.name().toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(header.allValues());
        }
        return new Headers(values);
    }
}
