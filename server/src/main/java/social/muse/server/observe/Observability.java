package social.muse.server.observe;

import io.helidon.health.checks.HealthChecks;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import social.muse.server.db.Database;

/**
 * The {@code /observe} endpoints, assembled explicitly because the server does not discover
 * features: {@code /observe/health} (with {@code /live} and {@code /ready}; readiness includes the
 * database) and {@code /observe/metrics} (Prometheus text for {@code Accept: text/plain}, JSON otherwise).
 */
public final class Observability {
    private Observability() {
    }

    public static ObserveFeature feature(Database database) {
        HealthObserver health = HealthObserver.builder()
                .useSystemServices(false)
                .details(true)
                .addCheck(HealthChecks.deadlockCheck())
                .addCheck(HealthChecks.heapMemoryCheck())
                .addCheck(new DatabaseHealthCheck(database))
                .build();
        return ObserveFeature.builder()
                .observersDiscoverServices(false)
                .addObserver(health)
                // Key performance indicators: request counts, in-flight and long-running requests, load.
                .addObserver(MetricsObserver.builder()
                        .metricsConfig(metrics -> metrics.keyPerformanceIndicatorMetricsConfig(kpi -> kpi.extended(true)))
                        .build())
                .build();
    }
}
