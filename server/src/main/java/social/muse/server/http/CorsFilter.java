package social.muse.server.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;

/**
 * Cross-origin access for browser apps served from elsewhere (Elk, Phanpy, Mastodon's own web
 * client on another domain), as Mastodon allows it: any origin, no cookies, on the APIs, the token
 * and revocation endpoints and the discovery documents. Bearer tokens, not cookies, authorise these
 * calls, so allowing every origin exposes nothing a page could not already get with its own token.
 * Pages with forms and cookies (/oauth/authorize, /auth/*) are deliberately not covered.
 */
public final class CorsFilter implements Filter {
    private static final List<String> PREFIXES = List.of("/api/", "/.well-known/", "/nodeinfo/", "/instance/");
    private static final List<String> EXACT = List.of("/oauth/token", "/oauth/revoke");
    private static final String EXPOSED = "Link, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, X-Request-Id";
    private static final String METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    private static final String DEFAULT_HEADERS = "Authorization, Content-Type, Idempotency-Key, Accept";

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (!covers(req)) {
            chain.proceed();
            return;
        }
        if (req.prologue().method() == Method.OPTIONS && req.headers().contains(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD)) {
            String requested = req.headers().first(HeaderNames.ACCESS_CONTROL_REQUEST_HEADERS).orElse(DEFAULT_HEADERS);
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                    .header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, METHODS)
                    .header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, requested.replaceAll("[^A-Za-z0-9_, -]", ""))
                    .header(HeaderNames.ACCESS_CONTROL_MAX_AGE, "86400")
                    .status(204)
                    .send();
            return;
        }
        apply(req, res);
        chain.proceed();
    }

    /** Adds the headers to a covered response; error handlers call it again because Helidon resets headers before them. */
    public static void apply(ServerRequest req, ServerResponse res) {
        if (covers(req)) {
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                    .header(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED);
        }
    }

    static boolean covers(ServerRequest req) {
        String path = req.path().absolute().rawPath();
        return EXACT.contains(path) || PREFIXES.stream().anyMatch(path::startsWith);
    }
}
