package social.muse.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import social.muse.server.config.MuseConfig;
import social.muse.server.db.Database;
import social.muse.server.http.ErrorHandlers;
import social.muse.server.http.Json;
import social.muse.server.http.Responses;
import social.muse.server.http.mastodon.MastodonException;
import social.muse.server.http.problem.ProblemException;

/**
 * The composition root: builds the whole object graph by hand, in dependency order, and owns the
 * lifecycle of the database and the web server. Nothing else constructs services.
 */
public final class MuseApp implements AutoCloseable {
    private final MuseConfig config;
    private final Database database;
    private final WebServer server;

    private MuseApp(MuseConfig config, Database database, WebServer server) {
        this.config = config;
        this.database = database;
        this.server = server;
    }

    public static MuseApp start(MuseConfig config) {
        Database database = Database.open(config.db(), config.dataDir());
        try {
            ObjectMapper mapper = Json.mapper();
            Responses responses = new Responses(mapper);
            ErrorHandlers errors = new ErrorHandlers(mapper);

            WebServer server = WebServer.builder()
                    .host(config.bindAddress())
                    .port(config.port())
                    .featuresDiscoverServices(false)
                    .shutdownHook(false)
                    .maxPayloadSize(64L * 1024 * 1024)
                    .routing(routing -> routing(routing, errors))
                    .build()
                    .start();
            // Helidon logs a failed bind and returns a stopped server instead of throwing
            if (!server.isRunning()) {
                throw new IllegalStateException("Could not listen on " + config.bindAddress() + ":" + config.port()
                        + "; is another program using that port? (set MUSE_PORT to choose another)");
            }
            return new MuseApp(config, database, server);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static void routing(HttpRouting.Builder routing, ErrorHandlers errors) {
        errors.register(routing);
        routing.any("/api/muse/*", (req, res) -> {
            throw ProblemException.notFound("No such endpoint: " + req.prologue().method().text() + " " + req.path().rawPath());
        });
        routing.any("/api/*", (req, res) -> {
            throw MastodonException.notFound();
        });
    }

    public int port() {
        return server.port();
    }

    public MuseConfig config() {
        return config;
    }

    public Database database() {
        return database;
    }

    @Override
    public void close() {
        server.stop();
        database.close();
    }
}
