package social.muse.server.http.ap;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import social.muse.federation.ap.ApCodec;
import social.muse.federation.ap.ApDocument;

import java.util.Locale;

/** Content negotiation between ActivityPub JSON (servers) and the web page (browsers) on the same URL. */
public final class ActivityJson {
    public static final String MEDIA_TYPE = "application/activity+json";

    private final ApCodec codec;

    public ActivityJson(ApCodec codec) {
        this.codec = codec;
    }

    /**
     * Whether the client asks for ActivityPub: {@code application/activity+json}, or
     * {@code application/ld+json} (with or without the ActivityStreams profile), or plain JSON from a
     * client that does not also accept HTML.
     */
    public static boolean wanted(ServerRequest req) {
        String accept = req.headers().first(HeaderNames.ACCEPT).orElse("").toLowerCase(Locale.ROOT);
        return accept.contains("application/activity+json") || accept.contains("application/ld+json")
                || (accept.contains("application/json") && !accept.contains("text/html"));
    }

    public void send(ServerResponse res, ApDocument document) {
        res.header(HeaderNames.CONTENT_TYPE, MEDIA_TYPE + "; charset=utf-8")
                .header(HeaderNames.VARY, "Accept")
                .header(HeaderNames.CACHE_CONTROL, "max-age=60")
                .send(codec.write(document));
    }
}
