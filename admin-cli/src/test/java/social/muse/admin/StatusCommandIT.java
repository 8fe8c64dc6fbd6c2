package social.muse.admin;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusCommandIT {
    private static final FakeMuse.Answer INSTANCE = new FakeMuse.Answer(200, """
            {"domain":"muse.example","title":"Muse Example","version":"4.3.0 (compatible; Muse 0.1.0)",
             "source_url":"https://example.invalid/muse","description":"Reviews of records",
             "usage":{"users":{"active_month":42}},
             "registrations":{"enabled":true,"approval_required":false,"message":null}}
            """);
    private static final FakeMuse.Answer HEALTHY = new FakeMuse.Answer(200, """
            {"status":"UP","checks":[{"name":"database","status":"UP"},{"name":"diskSpace","status":"UP"}]}
            """);
    private static final FakeMuse.Answer DATABASE_DOWN = new FakeMuse.Answer(503, """
            {"status":"DOWN","checks":[{"name":"database","status":"DOWN","data":{"error":"connection refused"}},
             {"name":"diskSpace","status":"UP"}]}
            """);

    @Test
    void healthyServerExitsZeroAndNamesTheInstance() {
        try (FakeMuse muse = FakeMuse.start(HEALTHY, INSTANCE)) {
            Run run = Run.of("--url", muse.url(), "status");

            assertEquals(0, run.exitCode(), run.toString());
            assertTrue(run.out().contains("Muse Example (muse.example)"), run.toString());
            assertTrue(run.out().contains("4.3.0 (compatible; Muse 0.1.0)"), run.toString());
            assertTrue(run.out().contains("42 active this month"), run.toString());
            assertTrue(run.out().contains("Health:    UP"), run.toString());
            assertEquals("", run.err());
        }
    }

    @Test
    void unhealthyServerExitsOneAndNamesTheFailingCheck() {
        try (FakeMuse muse = FakeMuse.start(DATABASE_DOWN, INSTANCE)) {
            Run run = Run.of("--url", muse.url(), "status");

            assertEquals(1, run.exitCode(), run.toString());
            assertTrue(run.out().contains("Health:    DOWN (failing: database)"), run.toString());
            assertTrue(run.err().contains("unhealthy (HTTP 503, status DOWN)"), run.toString());
        }
    }

    @Test
    void unreachableServerExitsOneWithAPlainMessage() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        Run run = Run.of("--url", "http://127.0.0.1:" + closedPort, "status");

        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("musectl: Could not reach Muse at http://127.0.0.1:" + closedPort
                + ": connection refused. Is the server running?\n", run.err().replace("\r\n", "\n"));
        assertEquals("", run.out());
    }

    @Test
    void missingInstanceEndpointIsReportedButHealthDecides() {
        try (FakeMuse muse = FakeMuse.start(HEALTHY, new FakeMuse.Answer(404, "{\"error\":\"Record not found\"}"))) {
            Run run = Run.of("--url", muse.url(), "status");

            assertEquals(0, run.exitCode(), run.toString());
            assertTrue(run.err().contains("/api/v2/instance answered HTTP 404: Record not found"), run.toString());
        }
    }

    @Test
    void serverThatIsNotMuseIsExplained() {
        try (FakeMuse muse = FakeMuse.start(new FakeMuse.Answer(200, "<html>hello</html>"), INSTANCE)) {
            Run run = Run.of("--url", muse.url(), "status");

            assertEquals(1, run.exitCode(), run.toString());
            assertTrue(run.err().contains("with something that is not JSON; is " + muse.url() + " a Muse server?"), run.toString());
            assertFalse(run.err().contains("Exception"), run.toString());
        }
    }

    @Test
    void tokenIsSentAsBearer() {
        try (FakeMuse muse = FakeMuse.start(HEALTHY, INSTANCE)) {
            Run run = Run.of("--url", muse.url() + "/", "--token", "s3cret", "status");

            assertEquals(0, run.exitCode(), run.toString());
            assertEquals(List.of("Bearer s3cret", "Bearer s3cret"), muse.authorizations);
        }
    }
}
