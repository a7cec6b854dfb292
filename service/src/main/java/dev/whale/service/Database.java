package dev.whale.service;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The application's database: a bounded HikariCP pool, JDBI over it, and the Flyway migrations. The pool starts
 * even while the server is unreachable, so that the service can answer 503 and recover by itself.
 */
public final class Database implements AutoCloseable {
    private final DataSource dataSource;
    private final Jdbi jdbi;
    private final AutoCloseable closer;
    private volatile boolean migrated;
    /** Why the database is not ready, until {@link #migrate} succeeds. */
    private volatile String notReady = "not created and migrated yet";

    private Database(DataSource dataSource, AutoCloseable closer) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.closer = closer;
    }

    /**
     * Creates the application database unless it exists, and returns a pool over it with every migration applied.
     * The caller closes it.
     */
    public static Database createAndMigrate(DatabaseSettings settings, Consumer<String> progress) {
        Databases.create(settings);
        Database d = connect(settings);
        try {
            d.migrate(progress);
            return d;
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
    }

    /** A pool over the application database that {@code settings} name. */
    public static Database connect(DatabaseSettings settings) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(settings.jdbcUrl(settings.database()));
        c.setUsername(settings.user());
        c.setPassword(settings.password());
        c.setMaximumPoolSize(settings.poolSize());
        c.setMinimumIdle(Math.min(2, settings.poolSize()));
        c.setConnectionTimeout(settings.poolTimeout().toMillis());
        c.setValidationTimeout(Math.max(250, settings.poolTimeout().toMillis() / 2));
        c.setInitializationFailTimeout(-1);
        c.setPoolName("whale");
        c.addDataSourceProperty("connectTimeout", Math.max(1, settings.poolTimeout().toSeconds()));
        c.addDataSourceProperty("socketTimeout", 30);
        c.addDataSourceProperty("tcpKeepAlive", true);
        c.addDataSourceProperty("ApplicationName", "whale");
        HikariDataSource ds = new HikariDataSource(c);
        return new Database(ds, ds);
    }

    /** A database over a data source someone else owns, such as a test's throwaway database. */
    public static Database over(DataSource dataSource) {
        return new Database(dataSource, () -> {});
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Applies the pending migrations, reporting each on {@code progress}. */
    public void migrate(Consumer<String> progress) {
        migrate(dataSource, progress);
    }

    /**
     * Applies the pending migrations over {@code direct}, connections of their own: a pool that is still catching
     * up with a server that has just started would time the migration out.
     */
    public void migrate(DataSource direct, Consumer<String> progress) {
        Migrations.migrate(direct, progress);
        migrated = true;
    }

    /** Connections to the application database without a pool, for one-off work such as migrations. */
    public static DataSource unpooled(DatabaseSettings settings) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(settings.jdbcUrl(settings.database()));
        ds.setUser(settings.user());
        ds.setPassword(settings.password());
        ds.setConnectTimeout((int) Math.max(1, settings.poolTimeout().toSeconds()));
        ds.setApplicationName("whale");
        return ds;
    }

    /**
     * Records why the database is not ready yet (the last attempt to create or migrate it failed), for
     * {@link #health} to say until {@link #migrate} succeeds. {@code problem} must hold no secret.
     */
    public void notReady(String problem) {
        this.notReady = problem;
    }

    /** Whether {@link #migrate} has succeeded on this database. */
    public boolean migrated() {
        return migrated;
    }

    /**
     * Not ready, at once, with the reason, until {@link #migrate} has succeeded; after that, whether the server
     * answers a query within the pool's timeout, and the reason it does not, otherwise.
     */
    public Health health() {
        if (!migrated) {
            return new Health(false, notReady);
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(2);
            s.execute("SELECT 1");
            return Health.UP;
        } catch (SQLException e) {
            return new Health(false, Databases.describe(e));
        }
    }

    /**
     * The database's state for {@code /health}.
     *
     * @param up whether it answers and is migrated
     * @param problem why not, for a person; never a secret
     */
    public record Health(boolean up, String problem) {
        static final Health UP = new Health(true, "");
    }

    @Override
    public void close() {
        try {
            closer.close();
        } catch (Exception e) {
            throw new ServiceException("closing the database pool: " + e.getMessage(), e);
        }
    }
}
