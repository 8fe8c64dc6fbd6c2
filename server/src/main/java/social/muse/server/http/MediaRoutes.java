package social.muse.server.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import social.muse.server.processing.media.MediaStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Serves uploaded media ({@code /media/…}, from the data directory) and the built-in images
 * ({@code /static/…}, from the classpath), such as the default avatar every account needs.
 * Stored names are random and never reused, so files may be cached forever.
 */
public final class MediaRoutes implements HttpService {
    private final MediaStore store;

    public MediaRoutes(MediaStore store) {
        this.store = store;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/media/{+path}", this::media)
                .get("/static/{name}", this::builtIn);
    }

    private void media(ServerRequest req, ServerResponse res) {
        String path = req.path().pathParameters().get("path");
        Optional<Path> file = store.resolve(path).filter(Files::isRegularFile);
        Optional<MediaStore.ImageType> type = typeOf(path);
        if (file.isEmpty() || type.isEmpty()) {
            res.status(404).send("Not found");
            return;
        }
        try {
            send(res, type.get(), Files.readAllBytes(file.get()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void builtIn(ServerRequest req, ServerResponse res) {
        String name = req.path().pathParameters().get("name");
        Optional<MediaStore.ImageType> type = typeOf(name);
        InputStream in = name.matches("[a-z0-9-]+\\.[a-z]+") ? MediaRoutes.class.getResourceAsStream("/static/" + name) : null;
        if (in == null || type.isEmpty()) {
            res.status(404).send("Not found");
            return;
        }
        try (in) {
            send(res, type.get(), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(ServerResponse res, MediaStore.ImageType type, byte[] bytes) {
        res.header(HeaderNames.CONTENT_TYPE, type.mediaType)
                .header(HeaderNames.CACHE_CONTROL, "public, max-age=31536000, immutable")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .send(bytes);
    }

    private static Optional<MediaStore.ImageType> typeOf(String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        for (MediaStore.ImageType type : MediaStore.ImageType.values()) {
            if (type.extension.equals(extension)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
