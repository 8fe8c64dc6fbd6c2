package social.muse.server.testing;

import social.muse.server.Main;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link Main} in its own JVM with the embedded PostgreSQL, configured only by MUSE_PORT and
 * MUSE_DATA_DIR plus any extra MUSE_* variables: the zero-configuration start a person gets.
 */
public final class MuseProcess implements AutoCloseable {
    public static final String READY_LINE = "Muse is running at ";
    /** Generous: the first start on a fresh data directory runs initdb on a machine shared with other builds. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final ChildJvm jvm;
    private final int port;
    private final Path dataDir;
    private final TestHttp http;

    private MuseProcess(ChildJvm jvm, int port, Path dataDir) {
        this.jvm = jvm;
        this.port = port;
        this.dataDir = dataDir;
        this.http = new TestHttp("http://127.0.0.1:" + port);
    }

    /** Starts Main on a free port with {@code dataDir} and waits until it reports that it is running. */
    public static MuseProcess start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    public static MuseProcess start(Path dataDir, Map<String, String> extraEnv) {
        int port = TestInstance.freePort();
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("MUSE_PORT", Integer.toString(port));
        env.put("MUSE_DATA_DIR", dataDir.toString());
        MuseProcess muse = new MuseProcess(ChildJvm.start(Main.class, env), port, dataDir);
        try {
            muse.jvm.awaitLine(READY_LINE, START_TIMEOUT);
        } catch (AssertionError e) {
            muse.close();
            throw e;
        }
        return muse;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The directory of the embedded PostgreSQL cluster. */
    public Path clusterDir() {
        return dataDir.resolve("postgres");
    }

    public TestHttp http() {
        return http;
    }

    public ChildJvm jvm() {
        return jvm;
    }

    /** The pid of this instance's embedded postmaster; fails when it does not run. */
    public long postmasterPid() {
        return Postmaster.runningPid(clusterDir());
    }

    /** Kills the JVM if still running and stops a PostgreSQL a failed test left behind. */
    @Override
    public void close() {
        jvm.close();
        Postmaster.stopIfRunning(clusterDir());
    }
}
