package social.muse.server.http.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Header;
import io.helidon.http.Method;
import io.helidon.http.PathMatchers;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.staticcontent.ClasspathHandlerConfig;
import io.helidon.webserver.staticcontent.StaticContentFeature;

import java.util.Set;

/**
 * Serves the single-page web app from the classpath directory {@code web/} (the muse-web-static jar).
 * Paths that look like app routes (no file extension, outside the server's own namespaces) get
 * {@code index.html}, so deep links work; everything else is a file or falls through to the next route.
 */
public final class WebRoutes implements HttpService {
    static final String LOCATION = "web";
    static final String INDEX = "index.html";

    /** First path segments the server owns; a miss there must stay a miss, never become the app. */
    private static final Set<String> SERVER_NAMESPACES =
            Set.of("api", "oauth", ".well-known", "nodeinfo", "observe", "media", "auth");

    // Vite puts a content hash in every file name under assets/, so a given URL never changes content.
    private static final Header CACHE_FOREVER = HeaderValues.create(HeaderNames.CACHE_CONTROL, "public, max-age=31536000, immutable");
    // The index names the current hashed assets, so browsers must revalidate it on every visit.
    private static final Header REVALIDATE = HeaderValues.create(HeaderNames.CACHE_CONTROL, "no-cache");

    private final ClassLoader classLoader;
    private final HttpService files;

    public WebRoutes() {
        this(WebRoutes.class.getClassLoader());
    }

    WebRoutes(ClassLoader classLoader) {
        this.classLoader = classLoader;
        this.files = StaticContentFeature.createService(ClasspathHandlerConfig.builder()
                .location(LOCATION)
                .classLoader(classLoader)
                .welcome(INDEX)
                .pathMapper(WebRoutes::resourcePath)
                .build());
    }

    @Override
    public void routing(HttpRules rules) {
        rules.route(Method.predicate(Method.GET, Method.HEAD), PathMatchers.any(), this::cacheHeaders);
        rules.register(files);
    }

    /**
     * Maps a request path (without its leading slash) to the file under {@code web/} that answers it.
     * Files keep their path; app routes get the index; server namespaces are left alone.
     */
    static String resourcePath(String path) {
        if (path.isEmpty()) {
            return INDEX;
        }
        String firstSegment = path.substring(0, indexOrLength(path, '/'));
        String lastSegment = path.substring(path.lastIndexOf('/') + 1);
        if (SERVER_NAMESPACES.contains(firstSegment) || lastSegment.contains(".")) {
            return path;
        }
        return INDEX;
    }

    private void cacheHeaders(ServerRequest req, ServerResponse res) {
        String resource = resourcePath(stripLeadingSlash(req.path().rawPathNoParams()));
        // Only for files that exist: a 404 must not be cached for a year.
        if (classLoader.getResource(LOCATION + "/" + resource) != null) {
            res.header(resource.startsWith("assets/") ? CACHE_FOREVER : REVALIDATE);
        }
        res.next();
    }

    private static String stripLeadingSlash(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    private static int indexOrLength(String text, char c) {
        int index = text.indexOf(c);
        return index < 0 ? text.length() : index;
    }
}
