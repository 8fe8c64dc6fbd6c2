package social.muse.server.http.mastodon;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import social.muse.server.convert.Uris;
import social.muse.server.db.PageQuery;
import social.muse.server.http.IdText;
import social.muse.server.http.Responses;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.Optional;

/**
 * Mastodon's paging of lists: {@code max_id}, {@code since_id}, {@code min_id} and {@code limit} in, and a
 * {@code Link} header with absolute {@code next} (older) and {@code prev} (newer) addresses out.
 */
public final class Paging {
    private Paging() {
    }

    /** The page asked for; {@code limit} is clamped to 1..{@code maxLimit} and defaults to {@code defaultLimit}. */
    public static PageQuery query(ServerRequest req, int defaultLimit, int maxLimit) {
        int limit = req.query().first("limit").asOptional().flatMap(Paging::integer).orElse(defaultLimit);
        return new PageQuery(cursor(req, "max_id"), cursor(req, "since_id"), cursor(req, "min_id"),
                Math.max(1, Math.min(maxLimit, limit)));
    }

    /**
     * Sets the Link header for a page whose items have {@code cursors}, newest first; an empty page gets none, as on
     * Mastodon.
     */
    public static void link(ServerResponse res, Uris uris, String path, PageQuery page, List<Long> cursors) {
        if (cursors.isEmpty()) {
            return;
        }
        String base = uris.absolute(path) + "?limit=" + page.limit() + "&";
        res.header(HeaderNames.LINK, "<" + base + "max_id=" + cursors.getLast() + ">; rel=\"next\", <"
                + base + "min_id=" + cursors.getFirst() + ">; rel=\"prev\"");
    }

    /** A page of {@code items} as JSON with its Link header: {@code cursor} gives each item's paging id. */
    public static <T> void send(ServerResponse res, Responses responses, Uris uris, String path, PageQuery page,
                                List<T> items, ToLongFunction<T> cursor, Function<T, Object> render) {
        sendRendered(res, responses, uris, path, page, items, cursor, list -> list.stream().map(render).toList());
    }

    /** As {@link #send}, rendering the whole page at once (statuses, whose details are read for a page together). */
    public static <T> void sendRendered(ServerResponse res, Responses responses, Uris uris, String path, PageQuery page,
                                        List<T> items, ToLongFunction<T> cursor, Function<List<T>, List<?>> renderPage) {
        link(res, uris, path, page, items.stream().map(cursor::applyAsLong).toList());
        responses.json(res, renderPage.apply(items));
    }

    private static Long cursor(ServerRequest req, String name) {
        return req.query().first(name).asOptional().filter(s -> !s.isEmpty()).flatMap(IdText::parse).orElse(null);
    }

    private static Optional<Integer> integer(String text) {
        try {
            return Optional.of(Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
