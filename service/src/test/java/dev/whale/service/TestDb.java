package dev.whale.service;

import io.zonky.test.db.postgres.embedded.PreparedDbProvider;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Throwaway databases on a real PostgreSQL: one engine per test run (zonky's PreparedDbProvider keeps it), the
 * Flyway migrations applied once to a template, and a fresh copy of it for each test class.
 * <p>These are the only databases of whale's that trade durability for speed: zonky starts its engine with
 * {@code fsync} and {@code synchronous_commit} off and trusts local connections. What
 * serve, the scenarios and the stack run is {@link EmbeddedPostgres}, durable and locked.
 */
final class TestDb {
    private static final PreparedDbProvider PROVIDER =
            PreparedDbProvider.forPreparer(ds -> Migrations.migrate(ds, s -> {}));

    private TestDb() {}

    /** A new, migrated, empty database. */
    static DataSource fresh() {
        try {
            return PROVIDER.createDataSource();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a throwaway database: " + e.getMessage(), e);
        }
    }
}
