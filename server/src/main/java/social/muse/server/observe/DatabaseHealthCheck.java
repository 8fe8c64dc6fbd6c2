package social.muse.server.observe;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import social.muse.server.db.Database;

/** Readiness: this node can serve requests only while its database answers. */
public final class DatabaseHealthCheck implements HealthCheck {
    private final Database database;

    public DatabaseHealthCheck(Database database) {
        this.database = database;
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.builder()
                .status(database.isReachable())
                .build();
    }
}
