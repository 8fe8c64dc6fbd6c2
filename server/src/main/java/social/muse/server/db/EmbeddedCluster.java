package social.muse.server.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL cluster of zonky's binaries living under the data directory.
 *
 * <p>PostgreSQL daemonises, so a JVM that dies without running its shutdown hooks would leave it
 * running. Two defences: a watchdog child process that stops the cluster when the pipe from this
 * JVM closes (which the kernel does on any death of the JVM), and, on the next start, detection of
 * a cluster still running from a previous process, which is shut down before this one starts.
 */
public final class EmbeddedCluster implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EmbeddedCluster.class.getName());
    private static final Duration STALE_STOP_WAIT = Duration.ofSeconds(30);
    private static final Duration WATCHDOG_EXIT_WAIT = Duration.ofSeconds(5);
    /** The lock file zonky's EmbeddedPostgres keeps locked while its JVM runs the cluster. */
    private static final String LOCK_FILE = "epg-lock";

    private final EmbeddedPostgres postgres;
    private final Process watchdog;
    private final Path directory;

    private EmbeddedCluster(EmbeddedPostgres postgres, Process watchdog, Path directory) {
        this.postgres = postgres;
        this.watchdog = watchdog;
        this.directory = directory;
    }

    public static EmbeddedCluster start(Path directory) {
        try {
            Files.createDirectories(directory);
            stopStaleCluster(directory);
            // before PostgreSQL starts, so that a JVM dying during the start leaves nothing running either
            Process watchdog = startWatchdog(directory);
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(directory)
                        .setCleanDataDirectory(false)
                        // the owner of this object stops the cluster, in order: after the web server and the pool
                        .setRegisterShutdownHook(false)
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setServerConfig("max_connections", "100")
                        // zonky turns synchronous_commit off for speed in tests; a server keeps its commits
                        .setServerConfig("synchronous_commit", "on")
                        // zonky also starts postgres with -F (fsync off); a server must survive power loss
                        .setServerConfig("fsync", "on")
                        .setServerConfig("shared_buffers", "32MB")
                        .start();
                return new EmbeddedCluster(postgres, watchdog, directory);
            } catch (IOException | RuntimeException e) {
                stopWatchdog(watchdog);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + directory, e);
        }
    }

    /** A JDBC URL of a database in this cluster, created when missing. */
    public String jdbcUrl(String database) {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             var exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            if (!exists.executeQuery().next()) {
                try (var create = c.createStatement()) {
                    create.execute("CREATE DATABASE \"" + database.replace("\"", "") + "\"");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database + " in the embedded PostgreSQL", e);
        }
        return postgres.getJdbcUrl("postgres", database);
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Stopping the embedded PostgreSQL failed", e);
        } finally {
            stopWatchdog(watchdog);
        }
    }

    /**
     * Closes the watchdog's pipe as a dying JVM would: it then finds no postmaster.pid after a clean
     * stop and exits by itself, or stops a cluster that failed to stop.
     */
    private static void stopWatchdog(Process watchdog) {
        try {
            watchdog.getOutputStream().close();
            if (!watchdog.waitFor(WATCHDOG_EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                watchdog.destroyForcibly();
            }
        } catch (IOException e) {
            watchdog.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            watchdog.destroyForcibly();
        }
    }

    /**
     * A shell that blocks reading its stdin, a pipe whose other end only this JVM holds. When the JVM
     * ends in any way, the read returns and the shell asks the postmaster named in postmaster.pid (if
     * the file still exists, the cluster still runs) for a fast shutdown.
     */
    private static Process startWatchdog(Path directory) throws IOException {
        String pidFile = directory.resolve("postmaster.pid").toString().replace("'", "'\\''");
        String script = "cat >/dev/null; f='" + pidFile + "'; "
                + "if [ -f \"$f\" ]; then kill -INT \"$(head -n 1 \"$f\")\" 2>/dev/null; fi";
        return new ProcessBuilder(List.of("/bin/sh", "-c", script))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** Stops a postmaster left running on this data directory by a process that did not shut down. */
    static void stopStaleCluster(Path directory) throws IOException {
        Optional<ProcessHandle> stale = runningPostmaster(directory);
        if (stale.isEmpty()) {
            return;
        }
        ProcessHandle postmaster = stale.get();
        if (lockedByLiveProcess(directory)) {
            throw new IllegalStateException("The embedded PostgreSQL in " + directory + " (pid " + postmaster.pid()
                    + ") belongs to another Muse that is still running; stop that one first, or set MUSE_DATA_DIR to another directory");
        }
        LOG.log(System.Logger.Level.WARNING, "Found PostgreSQL (pid " + postmaster.pid()
                + ") still running on " + directory + " from an earlier start that did not shut down; stopping it");
        postmaster.destroy();
        try {
            postmaster.onExit().get(STALE_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "PostgreSQL pid " + postmaster.pid() + " did not stop in time; killing it");
            postmaster.destroyForcibly();
        }
    }

    /**
     * zonky holds an exclusive lock on {@code epg-lock} in the cluster directory for as long as the JVM
     * that started the cluster lives; the kernel drops it when that JVM dies, however it dies.
     */
    private static boolean lockedByLiveProcess(Path directory) throws IOException {
        Path lockFile = directory.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            return lock == null;
        } catch (OverlappingFileLockException e) {
            return true; // this very JVM runs the cluster
        }
    }

    /** The live postmaster recorded in postmaster.pid, if that process is a PostgreSQL server on this directory. */
    static Optional<ProcessHandle> runningPostmaster(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.size() < 2) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Path recordedDir = Path.of(lines.get(1).strip());
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false))
                .filter(p -> sameDirectory(recordedDir, directory));
    }

    private static boolean sameDirectory(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "EmbeddedCluster[" + directory + ", port " + port() + "]";
    }
}
