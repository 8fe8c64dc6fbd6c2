package social.muse.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import social.muse.server.config.MuseConfig;
import social.muse.server.db.Database;
import social.muse.server.db.InstanceStatsDao;
import social.muse.server.http.AccessLogFilter;
import social.muse.server.http.ErrorHandlers;
import social.muse.server.http.Json;
import social.muse.server.http.Responses;
import social.muse.server.http.ap.NodeInfoRoutes;
import social.muse.server.http.mastodon.InstanceRoutes;
import social.muse.server.http.mastodon.MastodonException;
import social.muse.server.http.muse.OpenApiRoutes;
import social.muse.server.http.problem.ProblemException;
import social.muse.server.observe.Observability;
import social.muse.server.processing.instance.InstanceProcessor;

import java.time.Clock;
import java.time.Instant;

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
        Clock clock = Clock.systemUTC();
        Instant startedAt = clock.instant();
        Database database = Database.open(config.db(), config.dataDir());
        try {
            ObjectMapper mapper = Json.mapper();
            Responses responses = new Responses(mapper);
            ErrorHandlers errors = new ErrorHandlers(mapper);
            BuildInfo build = BuildInfo.load();

            InstanceProcessor instance = new InstanceProcessor(new InstanceStatsDao(database.jdbi()), clock);
            HttpService[] services = {
                    new NodeInfoRoutes(config, build, instance, responses),
                    new InstanceRoutes(config, build, instance, responses, startedAt),
                    new OpenApiRoutes(mapper, build, config),
            };

            WebServer server = WebServer.builder()
                    .host(config.bindAddress())
                    .port(config.port())
                    .featuresDiscoverServices(false)
                    .shutdownHook(false)
                    .maxPayloadSize(64L * 1024 * 1024)
                    .addFeature(Observability.feature(database))
                    .routing(routing -> routing(routing, errors, services))
                    .build()
                    .start();
            return new MuseApp(config, database, server);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static void routing(HttpRouting.Builder routing, ErrorHandlers errors, HttpService... services) {
        routing.addFilter(new AccessLogFilter());
        errors.register(routing);
        routing.register(services);
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
