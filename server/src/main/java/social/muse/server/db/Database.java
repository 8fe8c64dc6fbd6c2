package social.muse.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import social.muse.server.config.MuseConfig;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.Optional;

/** The connection pool to the one PostgreSQL database, embedded or external, migrated by Flyway. */
public final class Database implements AutoCloseable {
    private final Optional<EmbeddedCluster> embedded;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Database(Optional<EmbeddedCluster> embedded, HikariDataSource dataSource) {
        this.embedded = embedded;
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource).installPlugin(new PostgresPlugin());
        // Every *Row record maps by its canonical constructor (snake_case columns to camelCase components).
        jdbi.registerRowMapper(new RecordMappers());
    }

    public static Database open(MuseConfig.Db config, java.nio.file.Path dataDir) {
        Optional<EmbeddedCluster> embedded = Optional.empty();
        String url = config.url();
        String user = config.user();
        String password = config.password();
        if (config.embedded()) {
            EmbeddedCluster cluster = EmbeddedCluster.start(dataDir.resolve("postgres"));
            embedded = Optional.of(cluster);
            url = cluster.jdbcUrl("muse");
            user = "postgres";
            password = "";
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("muse-db");
        hikari.setJdbcUrl(url);
        if (!user.isEmpty()) {
            hikari.setUsername(user);
        }
        if (!password.isEmpty()) {
            hikari.setPassword(password);
        }
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(10_000);
        try {
            HikariDataSource dataSource = new HikariDataSource(hikari);
            migrate(dataSource);
            return new Database(embedded, dataSource);
        } catch (RuntimeException e) {
            embedded.ifPresent(EmbeddedCluster::close);
            throw e;
        }
    }

    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .cleanDisabled(true)
                .load()
                .migrate();
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * A connection of its own, outside the pool, for a session that stays open (LISTEN); the caller closes it.
     */
    public Connection openUnpooled() throws SQLException {
        Properties properties = new Properties();
        if (dataSource.getUsername() != null) {
            properties.setProperty("user", dataSource.getUsername());
        }
        if (dataSource.getPassword() != null) {
            properties.setProperty("password", dataSource.getPassword());
        }
        return DriverManager.getConnection(dataSource.getJdbcUrl(), properties);
    }

    /** True when a connection answers a trivial query; used by the readiness check. */
    public boolean isReachable() {
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            return s.execute("SELECT 1");
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
        embedded.ifPresent(EmbeddedCluster::close);
    }
}
