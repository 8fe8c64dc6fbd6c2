package social.muse.server.http.mastodon;

import io.helidon.webserver.http.ServerRequest;

/** Query parameters as Mastodon's clients send them: booleans as {@code true}/{@code 1}, lenient numbers. */
final class QueryFlags {
    private QueryFlags() {
    }

    static boolean flag(ServerRequest req, String name) {
        return req.query().first(name).map(v -> v.equals("true") || v.equals("1")).orElse(false);
    }

    /** The query parameter {@code name} as a number, {@code fallback} when absent or unreadable. */
    static int number(ServerRequest req, String name, int fallback) {
        try {
            return req.query().first(name).map(Integer::parseInt).orElse(fallback);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
