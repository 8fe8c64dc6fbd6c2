package social.muse.server.lifecycle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.muse.server.Main;
import social.muse.server.testing.ChildJvm;
import social.muse.server.testing.MuseProcess;
import social.muse.server.testing.Postmaster;
import social.muse.server.testing.TestHttp;
import social.muse.server.testing.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Main as a real process: start, serve, stop, crash, and side-by-side instances. */
class ProcessLifecycleIT {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** 128 + SIGTERM: how a JVM reports an exit requested by SIGTERM once its shutdown hooks have run. */
    private static final int EXIT_ON_SIGTERM = 143;

    @TempDir
    Path tempDir;

    @Test
    void zeroConfigurationStartServesHttpAndSaysHowToStop() {
        try (MuseProcess muse = MuseProcess.start(tempDir.resolve("data"))) {
            String ready = muse.jvm().awaitLine(MuseProcess.READY_LINE, Duration.ZERO);
            assertTrue(ready.contains("http://localhost:" + muse.port()), ready);
            muse.jvm().awaitLine("Press Ctrl+C to stop.", Duration.ofSeconds(5));

            assertNotFoundJson(muse.http());
            assertTrue(Files.isDirectory(muse.clusterDir().resolve("base")), "the embedded cluster lives under the data directory");
        }
    }

    @Test
    void sigtermStopsTheJvmAndItsPostgresql() {
        try (MuseProcess muse = MuseProcess.start(tempDir.resolve("data"))) {
            long postmaster = muse.postmasterPid();

            int exit = muse.jvm().terminate(STOP_TIMEOUT);

            assertEquals(EXIT_ON_SIGTERM, exit, muse.jvm().output());
            Postmaster.awaitGone(postmaster, STOP_TIMEOUT);
            assertFalse(Files.exists(muse.clusterDir().resolve("postmaster.pid")), "PostgreSQL shut down cleanly");
            assertFalse(muse.jvm().output().contains("Exception"), muse.jvm().output());
        }
    }

    @Test
    void killedJvmDoesNotLeavePostgresqlRunning() {
        try (MuseProcess muse = MuseProcess.start(tempDir.resolve("data"))) {
            long postmaster = muse.postmasterPid();

            muse.jvm().kill(STOP_TIMEOUT);

            Postmaster.awaitGone(postmaster, STOP_TIMEOUT);
            assertFalse(Files.exists(muse.clusterDir().resolve("postmaster.pid")), "the watchdog asked for a clean shutdown");
        }
    }

    @Test
    void twoInstancesRunSideBySide() {
        try (MuseProcess first = MuseProcess.start(tempDir.resolve("first"));
             MuseProcess second = MuseProcess.start(tempDir.resolve("second"))) {
            assertNotEquals(first.port(), second.port());
            assertNotEquals(first.postmasterPid(), second.postmasterPid());

            assertNotFoundJson(first.http());
            assertNotFoundJson(second.http());

            long firstPostmaster = first.postmasterPid();
            first.jvm().terminate(STOP_TIMEOUT);
            Postmaster.awaitGone(firstPostmaster, STOP_TIMEOUT);
            assertNotFoundJson(second.http());
        }
    }

    @Test
    void invalidConfigurationExitsAtOnceNamingTheVariable() {
        try (ChildJvm jvm = ChildJvm.start(Main.class, Map.of(
                "MUSE_PORT", "eighty",
                "MUSE_DATA_DIR", tempDir.resolve("data").toString()))) {
            int exit = jvm.awaitExit(STOP_TIMEOUT);

            assertEquals(2, exit, jvm.output());
            assertTrue(jvm.output().contains("MUSE_PORT"), jvm.output());
            assertFalse(jvm.output().contains("Exception"), jvm.output());
            assertFalse(Files.exists(tempDir.resolve("data")), "nothing is created before the configuration is valid");
        }
    }

    @Test
    void portInUseFailsTheStartAndStopsItsPostgresql() {
        try (MuseProcess running = MuseProcess.start(tempDir.resolve("running"));
             ChildJvm clash = ChildJvm.start(Main.class, Map.of(
                     "MUSE_PORT", Integer.toString(running.port()),
                     "MUSE_DATA_DIR", tempDir.resolve("clash").toString()))) {
            int exit = clash.awaitExit(MuseProcess.START_TIMEOUT);

            assertEquals(1, exit, clash.output());
            assertFalse(clash.output().contains(MuseProcess.READY_LINE), clash.output());
            String failure = clash.awaitLine("muse: could not start", Duration.ZERO);
            assertTrue(failure.contains(":" + running.port()) && failure.contains("MUSE_PORT"), failure);
            assertTrue(Postmaster.recordedPid(tempDir.resolve("clash").resolve("postgres")).isEmpty(),
                    "the clashing instance stopped the PostgreSQL it had started");
            assertNotFoundJson(running.http());
        }
    }

    @Test
    void secondInstanceOnTheSameDataDirectoryIsRefusedAndLeavesTheFirstAlone() {
        Path shared = tempDir.resolve("shared");
        try (MuseProcess first = MuseProcess.start(shared);
             ChildJvm second = ChildJvm.start(Main.class, Map.of(
                     "MUSE_PORT", Integer.toString(TestInstance.freePort()),
                     "MUSE_DATA_DIR", shared.toString()))) {
            long postmaster = first.postmasterPid();

            int exit = second.awaitExit(MuseProcess.START_TIMEOUT);

            assertEquals(1, exit, second.output());
            String failure = second.awaitLine("muse: could not start", Duration.ZERO);
            assertTrue(failure.contains("another Muse") && failure.contains("MUSE_DATA_DIR"), failure);
            assertTrue(Postmaster.isRunning(postmaster), "the first instance keeps its database");
            assertEquals(postmaster, first.postmasterPid());
            assertNotFoundJson(first.http());
        }
    }

    private static void assertNotFoundJson(TestHttp http) {
        TestHttp.Response response = http.get("/api/v1/nonexistent");
        assertEquals(404, response.status(), response.toString());
        assertTrue(response.header("Content-Type").orElse("").startsWith("application/json"), response.headers().toString());
        assertTrue(response.json().hasNonNull("error"), response.body());
    }
}
