package dev.whale.service;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The service's typed settings, read from a {@link Config}'s variables.
 *
 * @param config the configuration's name
 * @param profile what the configuration's {@code WHALE_PROFILE} selects
 * @param host the address to listen on
 * @param port the port to listen on; 0 picks a free one
 * @param database where the data lives
 * @param staticDir the directory of static files
 * @param maxRequestBytes the largest request body accepted
 * @param stopTimeout how long requests in flight may run on after SIGTERM
 * @param dataDir where the embedded PostgreSQL and the scenarios keep their files
 * @param coalesceReads whether concurrent {@code GET /users} share one count ({@code WHALE_COALESCE_READS})
 */
public record Settings(String config, Profile profile, String host, int port, DatabaseSettings database,
        Path staticDir, long maxRequestBytes, Duration stopTimeout, Path dataDir, boolean coalesceReads) {

    /** Reads the settings of {@code config}; relative paths are taken from {@code projectDir}. */
    public static Settings from(Config config, Path projectDir) {
        Profile profile = Profile.of(config.get("WHALE_PROFILE", config.name().startsWith("scenario")
                ? "development" : config.name()));
        return new Settings(config.name(), profile,
                config.get("WHALE_HOST", profile.host),
                integer(config, "WHALE_PORT", profile.port, 0, 65535),
                DatabaseSettings.from(config),
                projectDir.resolve(config.get("WHALE_STATIC_DIR", "service/static")),
                integer(config, "WHALE_MAX_REQUEST_BYTES", 1 << 20, 1, Integer.MAX_VALUE),
                Duration.ofMillis(integer(config, "WHALE_STOP_TIMEOUT_MS", 10_000, 0, 600_000)),
                projectDir.resolve(config.get("WHALE_DATA_DIR", ".whale")),
                bool(config, "WHALE_COALESCE_READS", true));
    }

    public Settings withPort(int port) {
        return new Settings(config, profile, host, port, database, staticDir, maxRequestBytes, stopTimeout, dataDir,
                coalesceReads);
    }

    public Settings withDatabase(DatabaseSettings database) {
        return new Settings(config, profile, host, port, database, staticDir, maxRequestBytes, stopTimeout, dataDir,
                coalesceReads);
    }

    static boolean bool(Config config, String name, boolean fallback) {
        String v = config.get(name, null);
        if (v == null) {
            return fallback;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new ConfigException(name + ": '" + v + "' is not true or false");
        };
    }

    static int integer(Config config, String name, int fallback, int min, int max) {
        String v = config.get(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new ConfigException(name + ": " + v + " is out of range " + min + ".." + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + ": '" + v + "' is not a number");
        }
    }
}
