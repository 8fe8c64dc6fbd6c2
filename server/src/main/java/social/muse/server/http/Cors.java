package social.muse.server.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;

/** Cross-origin access for public, credential-free documents that browser apps on other origins read. */
public final class Cors {
    private Cors() {
    }

    /** Allows any origin to read the response; only for responses that are the same for everybody. */
    public static void allowAnyOrigin(ServerResponse res) {
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
    }
}
