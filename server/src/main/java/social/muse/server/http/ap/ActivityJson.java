package social.muse.server.http.ap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import social.muse.federation.ap.ApCodec;
import social.muse.federation.ap.ApDocument;
import social.muse.server.http.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

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
        send(res, codec.write(document), true);
    }

    /**
     * A document whose content depends on who signed the request (authorized fetch, followers-only posts): shared
     * caches must not keep it for others.
     */
    public void sendPerRequester(ServerResponse res, ApDocument document) {
        send(res, codec.write(document), false);
    }

    /**
     * The document with only {@code fields} (and its {@code @context}) kept, as Mastodon serves an actor to unsigned
     * requests in authorized-fetch mode.
     */
    public void sendOnly(ServerResponse res, ApDocument document, Set<String> fields) {
        try {
            ObjectNode json = (ObjectNode) Json.mapper().readTree(codec.write(document));
            json.retain(Stream.concat(Stream.of("@context"), fields.stream()).toList());
            send(res, Json.mapper().writeValueAsBytes(json), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(ServerResponse res, byte[] body, boolean shared) {
        res.header(HeaderNames.CONTENT_TYPE, MEDIA_TYPE + "; charset=utf-8")
                .header(HeaderNames.VARY, shared ? "Accept" : "Accept, Signature, Signature-Input, Authorization")
                .header(HeaderNames.CACHE_CONTROL, shared ? "max-age=60" : "private, max-age=60")
                .send(body);
    }
}
