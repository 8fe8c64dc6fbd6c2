package social.muse.server.testing;

import social.muse.server.db.Database;
import social.muse.server.db.EmbeddedCluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL per test JVM. Flyway migrates a template database once; every test instance
 * gets a fresh copy ({@code CREATE DATABASE … TEMPLATE}), which takes milliseconds.
 */
public final class TestPostgres {
    private static final String TEMPLATE = "muse_template";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedCluster cluster;

    private TestPostgres() {
    }

    private static synchronized EmbeddedCluster cluster() {
        if (cluster == null) {
            try {
                Path dir = Files.createTempDirectory("muse-test-pg");
                cluster = EmbeddedCluster.start(dir);
                String templateUrl = cluster.jdbcUrl(TEMPLATE);
                var dataSource = new org.postgresql.ds.PGSimpleDataSource();
                dataSource.setURL(templateUrl);
                dataSource.setUser("postgres");
                Database.migrate(dataSource);
                Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return cluster;
    }

    /** A JDBC URL of a new, migrated, empty database. */
    public static synchronized String newDatabase() {
        EmbeddedCluster c = cluster();
        String name = "muse_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        String adminUrl = c.jdbcUrl("postgres");
        try (var connection = DriverManager.getConnection(adminUrl, "postgres", "");
             var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not create test database " + name, e);
        }
        return adminUrl.replace("/postgres?", "/" + name + "?").replaceFirst("/postgres$", "/" + name);
    }
}
