package dev.whale.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Throwaway databases with seed data, the posts' scenarios. A scenario is {@code scenarios/NAME.sql}; {@code up}
 * starts its own PostgreSQL on a free port, which keeps running after the command returns, and writes
 * {@code config/scenario_NAME.json} pointing at it; {@code down} stops it and removes its files.
 */
public final class Scenarios {
    private final Path projectDir;
    private final Path dataDir;

    /**
     * @param projectDir where {@code scenarios/} and {@code config/} are
     * @param dataDir where the scenarios' databases live ({@code .whale})
     */
    public Scenarios(Path projectDir, Path dataDir) {
        this.projectDir = projectDir;
        this.dataDir = dataDir;
    }

    /**
     * A scenario that is up.
     *
     * @param name its name
     * @param port its PostgreSQL's port
     * @param configName the configuration that points at it, {@code scenario_NAME}
     * @param psql the command line that opens a SQL shell on it
     */
    public record Up(String name, int port, String configName, String psql) {}

    /**
     * One scenario's state, for {@code list}.
     *
     * @param name its name
     * @param up whether its PostgreSQL runs
     * @param port its port when up, else 0
     * @param appUrl the URL of its app when one runs, else empty
     */
    public record State(String name, boolean up, int port, String appUrl) {}

    /** Every scenario in {@code scenarios/}, with whether it is up. */
    public List<State> list() {
        List<State> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(projectDir.resolve("scenarios"))) {
            for (String name : files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".sql"))
                    .map(f -> f.substring(0, f.length() - 4)).sorted().toList()) {
                Map<String, String> state = state(name);
                boolean up = EmbeddedPostgres.running(pgData(name))
                        || "true".equals(state.get("DOCKER")) && state.containsKey("POSTGRES_PORT");
                out.add(new State(name, up, up ? Integer.parseInt(state.getOrDefault("POSTGRES_PORT", "0")) : 0,
                        up && appRunning(name) ? state.getOrDefault("WHALE_APP_URL", "") : ""));
            }
        } catch (IOException e) {
            throw new ServiceException(projectDir.resolve("scenarios") + ": cannot list: " + e.getMessage());
        }
        return out;
    }

    /**
     * Starts scenario {@code name}: its PostgreSQL, the database, the migrations, the seed data, the config.
     *
     * @param progress each step, for stderr
     * @param announce what the scenario's SQL announces (its {@code announce} column), for stdout
     */
    public Up up(String name, Consumer<String> progress, Consumer<String> announce) {
        Path sql = script(name);
        if (EmbeddedPostgres.running(pgData(name))) {
            throw new ConfigException("scenario " + name + " is already up; run 'whale scenario down " + name
                    + "' first");
        }
        Config template = Config.load(projectDir.resolve("config"), "scenario", Map.of());
        DatabaseSettings settings = Settings.from(template, projectDir).database();
        EmbeddedPostgres pg = EmbeddedPostgres.detached(pgData(name), settings.at(DatabaseSettings.EMBEDDED, 0),
                progress);
        try {
            DatabaseSettings db = settings.at("localhost", pg.port());
            seed(name, template, db, sql, progress, announce);
            writeState(name, Map.of("POSTGRES_PORT", Integer.toString(pg.port())));
            return new Up(name, pg.port(), "scenario_" + name, "psql -h localhost -p " + pg.port() + " -U "
                    + db.user() + " -d " + db.database());
        } catch (RuntimeException e) {
            down(name);
            throw e;
        }
    }

    /** Runs a command line with the given environment and returns what it printed, or throws with its error. */
    public interface Runner {
        String run(List<String> command, Map<String, String> environment);
    }

    /**
     * Starts scenario {@code name} with Docker Compose, as the posts do: {@code docker/scenario.yml} under the
     * project {@code scenario_NAME}, its database on the host port Docker chose, then the same database, migrations,
     * seed data and config as {@link #up}.
     *
     * @param compose the compose invocation for some arguments, as {@code whale compose} builds it
     * @param execLine the command line that runs a command (the second argument) in a service's container (the
     *     first), for a person to type afterwards
     */
    public Up upDocker(String name, Function<List<String>, Compose.Invocation> compose,
            BiFunction<String, List<String>, String> execLine, Runner runner, Consumer<String> progress,
            Consumer<String> announce) {
        Path sql = script(name);
        if (state(name).containsKey("POSTGRES_PORT")) {
            throw new ConfigException(
                    "scenario " + name + " is already up; run 'whale scenario down " + name + "' first");
        }
        Config template = Config.load(projectDir.resolve("config"), "scenario", Map.of());
        writeState(name, Map.of("DOCKER", "true"));
        try {
            Compose.Invocation up = compose.apply(List.of("up", "-d"));
            progress.accept("starting " + String.join(" ", up.command()));
            runner.run(up.command(), up.environment());
            Compose.Invocation port = compose.apply(List.of("port", "db", "5432"));
            String mapped = runner.run(port.command(), port.environment()).strip();
            int hostPort;
            try {
                hostPort = Integer.parseInt(mapped.substring(mapped.lastIndexOf(':') + 1));
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                throw new ServiceException("docker compose port db 5432 printed '" + mapped + "', not an address");
            }
            DatabaseSettings db = Settings.from(template, projectDir).database().at("localhost", hostPort);
            awaitServer(db);
            seed(name, template, db, sql, progress, announce);
            writeState(name, Map.of("DOCKER", "true", "POSTGRES_PORT", Integer.toString(hostPort)));
            return new Up(name, hostPort, "scenario_" + name, execLine.apply("db", List.of("psql", "-U", db.user(),
                    "-d", db.database())));
        } catch (RuntimeException e) {
            try {
                downDocker(name, compose, runner);
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * What both ways of starting a scenario do once its server answers: the database, the migrations, the seed
     * data, and {@code config/scenario_NAME.json} pointing at {@code db}.
     */
    private void seed(String name, Config template, DatabaseSettings db, Path sql, Consumer<String> progress,
            Consumer<String> announce) {
        try (Database d = Database.createAndMigrate(db, progress)) {
            load(d, sql, announce);
        }
        Map<String, String> values = new LinkedHashMap<>(template.values());
        values.remove(Config.SELECTOR);
        values.put("POSTGRES_HOSTNAME", db.host());
        values.put("POSTGRES_PORT", Integer.toString(db.port()));
        Config.write(configFile(name), values);
    }

    /** Stops a scenario that {@link #upDocker} started ({@code docker compose down}) and removes its files. */
    public boolean downDocker(String name, Function<List<String>, Compose.Invocation> compose, Runner runner) {
        Compose.Invocation down = compose.apply(List.of("down"));
        runner.run(down.command(), down.environment());
        return down(name);
    }

    /** Whether scenario {@code name} was started with Docker. */
    public boolean withDocker(String name) {
        return "true".equals(state(name).get("DOCKER"));
    }

    /** Waits up to 60 seconds for a server that is starting to accept connections. */
    private static void awaitServer(DatabaseSettings db) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try {
                Databases.open(db, db.adminDatabase()).close();
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw new ServiceException("the scenario's database did not accept connections within 60 s: "
                            + Databases.describe(e));
                }
                Processes.sleep(500);
            }
        }
    }

    /**
     * Starts the app on scenario {@code name} ({@code whale serve --config scenario_NAME} on a free port, run by
     * the {@code whale} command line), waits for its {@code /health}, and records it so that {@code down} stops it.
     * Returns its URL.
     */
    public String serve(String name, List<String> whale) {
        Path log = dir(name).resolve("serve.log");
        try {
            int port = Processes.freePort();
            List<String> cmd = new ArrayList<>(whale);
            cmd.addAll(List.of("serve", "--config", "scenario_" + name, "--port", Integer.toString(port)));
            long pid = Processes.detached(cmd, projectDir, log, Map.of());
            String url = "http://127.0.0.1:" + port;
            recordApp(name, pid, url);
            Processes.awaitHealthy("the app of scenario " + name, url + "/health", Duration.ofSeconds(60),
                    pid, log);
            return url;
        } catch (IOException e) {
            throw new ServiceException("cannot start the app of scenario " + name + ": " + e.getMessage());
        }
    }

    private void recordApp(String name, long pid, String url) {
        Map<String, String> state = new LinkedHashMap<>(state(name));
        state.put("WHALE_APP_PID", Long.toString(pid));
        state.put("WHALE_APP_URL", url);
        writeState(name, state);
    }

    /** Stops what {@code up} started and removes its files; returns whether anything was there. */
    public boolean down(String name) {
        script(name);
        boolean any = false;
        Optional<ProcessHandle> app = app(name);
        if (app.isPresent()) {
            Processes.stop(app.get().pid());
            any = true;
        }
        if (EmbeddedPostgres.running(pgData(name))) {
            EmbeddedPostgres.stop(pgData(name));
            any = true;
        }
        try {
            any |= Files.deleteIfExists(configFile(name));
        } catch (IOException e) {
            throw new ServiceException("cannot remove " + configFile(name) + ": " + e.getMessage());
        }
        return Processes.deleteTree(dir(name)) || any;
    }

    /** Runs the scenario's SQL; prints the values of any column named {@code announce}. */
    private static void load(Database d, Path sql, Consumer<String> announce) {
        String text;
        try {
            text = Files.readString(sql);
        } catch (IOException e) {
            throw new ServiceException(sql + ": cannot read: " + e.getMessage());
        }
        try (Connection c = d.dataSource().getConnection(); Statement s = c.createStatement()) {
            boolean result = s.execute(text);
            while (true) {
                if (result) {
                    try (ResultSet rs = s.getResultSet()) {
                        int col = announceColumn(rs);
                        while (col > 0 && rs.next()) {
                            announce.accept(rs.getString(col));
                        }
                    }
                } else if (s.getUpdateCount() == -1) {
                    break;
                }
                result = s.getMoreResults();
            }
        } catch (SQLException e) {
            throw new ServiceException(sql + ": " + Databases.describe(e));
        }
    }

    private static int announceColumn(ResultSet rs) throws SQLException {
        var md = rs.getMetaData();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            if (md.getColumnLabel(i).equalsIgnoreCase("announce")) {
                return i;
            }
        }
        return 0;
    }

    private Path script(String name) {
        Path sql = projectDir.resolve("scenarios").resolve(name + ".sql");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_-]*") || !Files.isRegularFile(sql)) {
            List<String> names = list().stream().map(State::name).toList();
            throw new ConfigException("no scenarios/" + name + ".sql; choose one of: " + String.join(", ", names));
        }
        return sql;
    }

    private Optional<ProcessHandle> app(String name) {
        String pid = state(name).get("WHALE_APP_PID");
        return pid == null ? Optional.empty() : ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive);
    }

    private boolean appRunning(String name) {
        return app(name).isPresent();
    }

    private Path dir(String name) {
        return dataDir.resolve("scenarios").resolve(name);
    }

    private Path pgData(String name) {
        return dir(name).resolve("pgdata");
    }

    private Path configFile(String name) {
        return projectDir.resolve("config").resolve("scenario_" + name + ".json");
    }

    private Map<String, String> state(String name) {
        Path f = dir(name).resolve("state.json");
        return Files.exists(f) ? Config.read(f) : Map.of();
    }

    private void writeState(String name, Map<String, String> state) {
        Config.write(dir(name).resolve("state.json"), state);
    }
}
