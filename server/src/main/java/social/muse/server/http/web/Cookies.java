package social.muse.server.http.web;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.Duration;
import java.util.Optional;

/** Reads and writes the few cookies of the server-rendered pages: always HttpOnly, Secure on https. */
public final class Cookies {
    private final boolean secure;

    public Cookies(boolean secure) {
        this.secure = secure;
    }

    public static Optional<String> read(ServerRequest request, String name) {
        return request.headers().values(HeaderNames.COOKIE).stream()
                .flatMap(header -> java.util.Arrays.stream(header.split(";")))
                .map(String::strip)
                .filter(pair -> pair.startsWith(name + "="))
                .map(pair -> pair.substring(name.length() + 1))
                .filter(value -> !value.isEmpty())
                .findFirst();
    }

    public void write(ServerResponse response, String name, String value, Duration maxAge, String sameSite) {
        response.headers().add(HeaderNames.SET_COOKIE, name + "=" + value + "; Path=/; Max-Age=" + maxAge.toSeconds()
                + "; HttpOnly; SameSite=" + sameSite + (secure ? "; Secure" : ""));
    }

    public void clear(ServerResponse response, String name) {
        response.headers().add(HeaderNames.SET_COOKIE, name + "=; Path=/; Max-Age=0; HttpOnly" + (secure ? "; Secure" : ""));
    }
}
