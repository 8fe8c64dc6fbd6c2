package social.muse.server.testing;

import social.muse.server.MuseApp;
import social.muse.server.config.ConfigLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A real Muse instance on 127.0.0.1 with its own fresh database and data directory, configured
 * exactly as a person would: through MUSE_* variables.
 */
public final class TestInstance implements AutoCloseable {
    private final MuseApp app;
    private final Map<String, String> env;
    private final TestHttp http;

    private TestInstance(MuseApp app, Map<String, String> env) {
        this.app = app;
        this.env = env;
        this.http = new TestHttp(baseUrl());
    }

    public static TestInstance start() {
        return start(Map.of());
    }

    /** Starts an instance; {@code overrides} are MUSE_* variables on top of the test defaults. */
    public static TestInstance start(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        int port = freePort();
        env.put("MUSE_PORT", Integer.toString(port));
        env.put("MUSE_BIND_ADDRESS", "127.0.0.1");
        env.put("MUSE_DOMAIN", "127.0.0.1:" + port);
        env.put("MUSE_DATA_DIR", tempDir().toString());
        env.put("MUSE_DB_URL", TestPostgres.newDatabase());
        env.put("MUSE_DB_USER", "postgres");
        env.put("MUSE_FEDERATION_ALLOW_PRIVATE_ADDRESSES", "true");
        env.putAll(overrides);
        return new TestInstance(MuseApp.start(ConfigLoader.load(env)), env);
    }

    public String baseUrl() {
        return app.config().baseUrl();
    }

    public MuseApp app() {
        return app;
    }

    public Map<String, String> env() {
        return env;
    }

    public TestHttp http() {
        return http;
    }

    /** Stops this instance and starts a new one on the same database, data directory and port. */
    public TestInstance restart() {
        app.close();
        return new TestInstance(MuseApp.start(ConfigLoader.load(env)), env);
    }

    @Override
    public void close() {
        app.close();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("muse-test-data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
