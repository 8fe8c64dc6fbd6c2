package social.muse.server.observe;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.muse.server.testing.TestHttp;
import social.muse.server.testing.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObservabilityIT {
    private static TestInstance instance;

    @BeforeAll
    static void start() {
        instance = TestInstance.start();
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    @Test
    void healthIsUpWithTheDatabase() {
        TestHttp.Response res = instance.http().get("/observe/health");
        assertEquals(200, res.status(), res.toString());
        JsonNode body = res.json();
        assertEquals("UP", body.get("status").asText());
        assertEquals("UP", check(body, "database").get("status").asText());

        TestHttp.Response ready = instance.http().get("/observe/health/ready");
        assertEquals(200, ready.status(), ready.toString());
        assertEquals("UP", check(ready.json(), "database").get("status").asText());

        TestHttp.Response live = instance.http().get("/observe/health/live");
        assertEquals(200, live.status(), live.toString());
        assertTrue(live.json().get("checks").size() > 0, live.toString());
        for (JsonNode liveness : live.json().get("checks")) {
            assertNotEquals("database", liveness.get("name").asText(), "a database outage must not restart the node");
        }
    }

    @Test
    void readinessFailsWhenTheDatabaseIsGone() {
        try (TestInstance doomed = TestInstance.start()) {
            assertEquals(200, doomed.http().get("/observe/health/ready").status());
            doomed.app().database().close();
            TestHttp.Response ready = doomed.http().get("/observe/health/ready");
            assertEquals(503, ready.status(), ready.toString());
            assertEquals("DOWN", check(ready.json(), "database").get("status").asText());
            assertEquals(200, doomed.http().get("/observe/health/live").status());
        }
    }

    @Test
    void metricsArePrometheusText() {
        instance.http().get("/api/v1/instance");
        TestHttp.Response res = instance.http().send(instance.http().request("/observe/metrics").header("Accept", "text/plain").GET());
        assertEquals(200, res.status(), res.toString());
        assertTrue(res.header("Content-Type").orElseThrow().startsWith("text/plain"), res.header("Content-Type").orElseThrow());
        assertTrue(res.body().contains("# TYPE "), "Prometheus exposition format");
        // JVM meters (base scope) and the web server's key performance indicators (vendor scope).
        for (String meter : List.of("memory_usedHeap_bytes", "thread_count", "gc_total", "cpu_availableProcessors",
                "requests_load_total", "requests_inFlight", "requests_longRunning_total")) {
            assertTrue(res.body().lines().anyMatch(line -> line.startsWith(meter + "{")), meter + " missing in:\n" + res.body());
        }
        double requests = res.body().lines().filter(line -> line.startsWith("requests_load_total{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
        assertTrue(requests >= 1, "requests are counted: " + requests);
    }

    @Test
    void everyResponseCarriesARequestId() {
        for (String path : List.of("/api/v2/instance", "/api/v1/nothing-here", "/api/muse/v1/nothing-here", "/observe/health", "/nodeinfo/2.1")) {
            TestHttp.Response res = instance.http().get(path);
            String id = res.header("X-Request-Id").orElseThrow(() -> new AssertionError("no X-Request-Id on " + path + " " + res));
            assertTrue(id.matches("[0-9a-f]{1,16}"), id);
        }
        TestHttp.Response a = instance.http().get("/api/v2/instance");
        TestHttp.Response b = instance.http().get("/api/v2/instance");
        assertNotEquals(a.header("X-Request-Id"), b.header("X-Request-Id"));
    }

    @Test
    void aProxysRequestIdIsKeptWhenSafe() {
        TestHttp.Response kept = instance.http().send(instance.http().request("/api/v1/nothing-here")
                .header("X-Request-Id", "proxy-42.abc:7").GET());
        assertEquals(404, kept.status());
        assertEquals("proxy-42.abc:7", kept.header("X-Request-Id").orElseThrow());

        TestHttp.Response replaced = instance.http().send(instance.http().request("/api/v2/instance")
                .header("X-Request-Id", "evil\"id <script>").GET());
        assertTrue(replaced.header("X-Request-Id").orElseThrow().matches("[0-9a-f]{1,16}"));
    }

    @Test
    void accessLogHasOneLinePerRequestWithoutSecrets() {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger access = Logger.getLogger("muse.access");
        access.addHandler(handler);
        try {
            TestHttp.Response res = instance.http().send(instance.http().request("/api/v1/instance?access_token=s3cr3t-token&code=c0de")
                    .header("Authorization", "Bearer b3arer-secret")
                    .header("X-Request-Id", "log-test-1").GET());
            assertEquals(200, res.status());
            String line = awaitLine(records, "id=log-test-1");
            assertTrue(line.matches("GET /api/v1/instance 200 \\d+ ms id=log-test-1"), line);
            for (LogRecord record : records) {
                String text = record.getMessage();
                assertFalse(text.contains("s3cr3t") || text.contains("c0de") || text.contains("b3arer") || text.contains("?"), text);
            }

            instance.http().send(instance.http().request("/api/muse/v1/missing").header("X-Request-Id", "log-test-2").GET());
            assertTrue(awaitLine(records, "id=log-test-2").startsWith("GET /api/muse/v1/missing 404 "));
            assertEquals(1, records.stream().filter(r -> r.getMessage().endsWith("id=log-test-1")).count(), "one line per request");

            // Health probes are logged below INFO: with the default level they leave no line.
            instance.http().send(instance.http().request("/observe/health/ready").header("X-Request-Id", "log-test-3").GET());
            instance.http().send(instance.http().request("/api/v2/instance").header("X-Request-Id", "log-test-4").GET());
            awaitLine(records, "id=log-test-4");
            assertTrue(records.stream().noneMatch(r -> r.getMessage().endsWith("id=log-test-3")), "health probe logged at INFO");
        } finally {
            access.removeHandler(handler);
        }
    }

    /** The line is written once the response is sent, which can be just after the client has it. */
    private static String awaitLine(List<LogRecord> records, String suffix) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        while (Instant.now().isBefore(deadline)) {
            for (LogRecord record : records) {
                if (record.getMessage().endsWith(suffix)) {
                    return record.getMessage();
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("No access log line ending in " + suffix + " within 5 s; got " + records.stream().map(LogRecord::getMessage).toList());
    }

    private static JsonNode check(JsonNode health, String name) {
        for (JsonNode check : health.get("checks")) {
            if (check.get("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("No health check '" + name + "' in " + health);
    }
}
