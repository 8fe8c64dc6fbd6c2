package social.muse.admin;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminCliTest {
    @Test
    void versionPrintsTheBuildVersion() {
        Run run = Run.of("version");

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().matches("musectl \\d+\\.\\d+\\.\\d+\\R"), run.toString());
    }

    @Test
    void noCommandShowsUsageAndExitsTwo() {
        Run run = Run.of();

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("status"), run.toString());
        assertTrue(run.err().contains("--url"), run.toString());
    }

    @Test
    void unknownCommandIsAUsageError() {
        Run run = Run.of("frobnicate");

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("frobnicate"), run.toString());
    }

    @Test
    void urlThatIsNotHttpIsRejectedPlainly() {
        Run run = Run.of("--url", "localhost:8080", "status");

        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("musectl: --url must look like http://host:port or https://host, not localhost:8080",
                run.err().strip());
    }
}
