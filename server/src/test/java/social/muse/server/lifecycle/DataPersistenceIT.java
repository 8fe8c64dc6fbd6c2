package social.muse.server.lifecycle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.muse.server.MuseApp;
import social.muse.server.config.ConfigLoader;
import social.muse.server.config.MuseConfig;
import social.muse.server.testing.Postmaster;
import social.muse.server.testing.TestInstance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded database keeps its data across a stop and a start on the same data directory. */
class DataPersistenceIT {
    @TempDir
    Path dataDir;

    @Test
    void secondStartReusesTheData() {
        MuseConfig config = ConfigLoader.load(Map.of(
                "MUSE_PORT", Integer.toString(TestInstance.freePort()),
                "MUSE_BIND_ADDRESS", "127.0.0.1",
                "MUSE_DATA_DIR", dataDir.toString()));
        long id;
        long firstPostmaster;
        try (MuseApp first = MuseApp.start(config)) {
            firstPostmaster = Postmaster.runningPid(dataDir.resolve("postgres"));
            // Durable commits: zonky starts postgres with fsync off and synchronous_commit off unless told otherwise.
            assertEquals("on", first.database().jdbi().withHandle(h -> h.createQuery("SELECT current_setting('fsync')").mapTo(String.class).one()));
            assertEquals("on", first.database().jdbi().withHandle(h -> h.createQuery("SELECT current_setting('synchronous_commit')").mapTo(String.class).one()));
            id = first.database().jdbi().withHandle(h -> h.createQuery(
                            "INSERT INTO accounts (username, display_name) VALUES ('keeper', 'Kept across restarts') RETURNING id")
                    .mapTo(Long.class)
                    .one());
        }
        Postmaster.awaitGone(firstPostmaster, Duration.ofSeconds(30));
        assertTrue(Postmaster.recordedPid(dataDir.resolve("postgres")).isEmpty());

        try (MuseApp second = MuseApp.start(config)) {
            Optional<String> displayName = second.database().jdbi().withHandle(h -> h.createQuery(
                            "SELECT display_name FROM accounts WHERE id = :id AND username = 'keeper'")
                    .bind("id", id)
                    .mapTo(String.class)
                    .findOne());
            assertEquals(Optional.of("Kept across restarts"), displayName);
        }
    }
}
