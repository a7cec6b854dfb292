package dev.whale.service;

import java.time.Duration;

/**
 * Where the application's data lives: a PostgreSQL server, or the embedded one when no host is configured.
 *
 * @param host {@code POSTGRES_HOSTNAME}; empty or {@code embedded} means whale starts its own PostgreSQL
 * @param port {@code POSTGRES_PORT}
 * @param user {@code POSTGRES_USER}
 * @param password {@code POSTGRES_PASSWORD}; never printed
 * @param adminDatabase {@code POSTGRES_DB}, the database that {@code db create} connects to
 * @param database {@code APPLICATION_DB}, the application's own database
 * @param poolSize the most connections the pool opens
 * @param poolTimeout how long a request waits for a connection before it gets a 503
 */
public record DatabaseSettings(String host, int port, String user, String password, String adminDatabase,
        String database, int poolSize, Duration poolTimeout) {

    public static final String EMBEDDED = "embedded";
    /**
     * Twice the cores, plus one: more connections than that make PostgreSQL's backends fight for the CPU, and the
     * tail latency grows (measured in docs/benchmarks.md: p99 of /users 122 ms with 16, 36 ms with 6 on 2 cores).
     */
    static final int DEFAULT_POOL_SIZE = 2 * Runtime.getRuntime().availableProcessors() + 1;

    static DatabaseSettings from(Config config) {
        return new DatabaseSettings(
                config.get("POSTGRES_HOSTNAME", EMBEDDED),
                Settings.integer(config, "POSTGRES_PORT", 5432, 0, 65535),
                config.get("POSTGRES_USER", "postgres"),
                config.get("POSTGRES_PASSWORD", ""),
                config.get("POSTGRES_DB", "postgres"),
                identifier(config.get("APPLICATION_DB", "application")),
                Settings.integer(config, "WHALE_DB_POOL_SIZE", DEFAULT_POOL_SIZE, 1, 1000),
                Duration.ofMillis(Settings.integer(config, "WHALE_DB_TIMEOUT_MS", 2_000, 250, 600_000)));
    }

    /** Whether whale runs this PostgreSQL itself. */
    public boolean embedded() {
        return host.equals(EMBEDDED);
    }

    public String jdbcUrl(String db) {
        return "jdbc:postgresql://" + (embedded() ? "localhost" : host) + ":" + port + "/" + db;
    }

    public DatabaseSettings at(String host, int port) {
        return new DatabaseSettings(host, port, user, password, adminDatabase, database, poolSize, poolTimeout);
    }

    /** What to show a person: never the password. */
    @Override
    public String toString() {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }

    private static String identifier(String name) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            throw new ConfigException(
                    "APPLICATION_DB: '" + name + "' is not a plain database name (letters, digits, _)");
        }
        return name;
    }
}
