package social.muse.server.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** Every request gets an id: a sane incoming X-Request-Id from a proxy, or a new one. It is echoed and logged. */
public final class RequestIds {
    public static final HeaderName HEADER = HeaderNames.create("X-Request-Id");
    private static final String CONTEXT_KEY = "muse.request-id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    public static String assign(ServerRequest request) {
        String id = request.headers().first(HEADER).filter(v -> SAFE.matcher(v).matches())
                .orElseGet(() -> Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
        request.context().register(CONTEXT_KEY, id);
        return id;
    }

    public static String of(ServerRequest request) {
        return request.context().get(CONTEXT_KEY, String.class).orElse("-");
    }
}
