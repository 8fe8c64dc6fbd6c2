package social.muse.server.lifecycle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.muse.server.testing.ChildJvm;
import social.muse.server.testing.MuseProcess;
import social.muse.server.testing.Postmaster;
import social.muse.server.testing.StandalonePostgresMain;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A crash the watchdog could not handle (here: PostgreSQL started with no watchdog at all, then its
 * JVM killed) leaves a postmaster running on the data directory. The next start must stop it and run.
 */
class StaleClusterRecoveryIT {
    @TempDir
    Path dataDir;

    @Test
    void nextStartStopsTheLeftoverPostgresqlAndRuns() {
        Path clusterDir = dataDir.resolve("postgres");
        long stale;
        try (ChildJvm crashed = ChildJvm.start(StandalonePostgresMain.class, Map.of(), clusterDir.toString())) {
            crashed.awaitLine(StandalonePostgresMain.READY, MuseProcess.START_TIMEOUT);
            stale = Postmaster.runningPid(clusterDir);
            crashed.kill(Duration.ofSeconds(30));
        }
        try {
            assertTrue(Postmaster.isRunning(stale), "without a watchdog the postmaster outlives its JVM");

            try (MuseProcess muse = MuseProcess.start(dataDir)) {
                String warning = muse.jvm().awaitLine("still running", Duration.ZERO);
                assertTrue(warning.contains("pid " + stale), warning);
                assertFalse(Postmaster.isRunning(stale), "the leftover postmaster was stopped");
                assertNotEquals(stale, muse.postmasterPid());

                assertEquals(404, muse.http().get("/api/v1/nonexistent").status());
            }
        } finally {
            Postmaster.stopIfRunning(clusterDir);
        }
    }
}
