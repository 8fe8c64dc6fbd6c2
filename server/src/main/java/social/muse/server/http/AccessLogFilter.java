package social.muse.server.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Gives every request its id (echoed as X-Request-Id, so a person reporting a problem can quote it)
 * and writes one line per request to the {@code muse.access} logger once the response is sent:
 * method, path, status, duration and request id. Never the query string (OAuth codes, tokens and
 * streaming {@code access_token} travel there) and never a header.
 */
public final class AccessLogFilter implements Filter {
    static final System.Logger LOG = System.getLogger("muse.access");
    /** Orchestrators probe health every few seconds; those lines stay at DEBUG so they don't drown real traffic. */
    private static final String HEALTH_PREFIX = "/observe/health";

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long started = System.nanoTime();
        String id = RequestIds.assign(req);
        res.header(RequestIds.HEADER, id);
        String method = req.prologue().method().text();
        String path = req.path().absolute().rawPath();
        res.whenSent(() -> {
            System.Logger.Level level = path.startsWith(HEALTH_PREFIX) ? System.Logger.Level.DEBUG : System.Logger.Level.INFO;
            if (LOG.isLoggable(level)) {
                long millis = (System.nanoTime() - started) / 1_000_000;
                LOG.log(level, method + " " + path + " " + res.status().code() + " " + millis + " ms id=" + id);
            }
        });
        chain.proceed();
    }
}
