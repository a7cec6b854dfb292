package dev.whale.service;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The production topology as processes on this machine: PostgreSQL, N whale instances on the production config,
 * and nginx in front of them, configured from the same template as {@code docker/nginx}. Its files live in
 * {@code .whale/stack}; {@code down} stops everything and removes them.
 */
public final class Stack {
    private static final Path NGINX = Path.of("/usr/sbin/nginx");

    private final Path projectDir;
    private final Path dir;
    private final List<String> whale;

    /**
     * @param projectDir where config/ and docker/ are
     * @param dataDir {@code .whale}
     * @param whale the command line that runs whale, such as {@code java -cp … dev.whale.cli.Main}
     */
    public Stack(Path projectDir, Path dataDir, List<String> whale) {
        this.projectDir = projectDir;
        this.dir = dataDir.resolve("stack");
        this.whale = List.copyOf(whale);
    }

    /**
     * How to run it.
     *
     * @param instances how many whale processes
     * @param weights each instance's nginx weight (empty: all 1)
     * @param tls whether nginx serves TLS, with plain HTTP redirected to it
     * @param consistentHash whether nginx places by {@code hash $request_uri consistent}
     * @param httpPort nginx's plain port (0: a free one)
     * @param httpsPort nginx's TLS port (0: a free one)
     */
    public record Options(int instances, List<Integer> weights, boolean tls, boolean consistentHash, int httpPort,
            int httpsPort) {
        public Options {
            if (instances < 1 || instances > 64) {
                throw new ConfigException("--instances: " + instances + " is out of range 1..64");
            }
            if (!weights.isEmpty() && weights.size() != instances) {
                throw new ConfigException("--weights: " + weights.size() + " weights for " + instances + " instances");
            }
            if (weights.stream().anyMatch(w -> w < 1 || w > 100)) {
                throw new ConfigException("--weights: each weight must be 1..100 (nginx's range)");
            }
        }
    }

    /**
     * One running part.
     *
     * @param name {@code postgres}, {@code nginx} or {@code web-N}
     * @param pid its process, or 0
     * @param port the port it listens on
     * @param up whether it runs
     */
    public record Part(String name, long pid, int port, boolean up) {}

    /**
     * What {@code up} started.
     *
     * @param http nginx's plain URL
     * @param https nginx's TLS URL, or empty
     * @param parts every process
     * @param caFile the CA that signed nginx's certificate, or empty
     * @param upstreamLog nginx's log of which instance served what
     */
    public record Up(String http, String https, List<Part> parts, String caFile, Path upstreamLog) {}

    public Path dir() {
        return dir;
    }

    /** Where {@code up} expects the certificates with TLS: server.pem, server.key and ca.pem. */
    public Path certDir() {
        return dir.resolve("nginx").resolve("certs");
    }

    /** Starts the stack; with TLS the certificates must already be in {@link #certDir()}. */
    public Up up(Options o, Consumer<String> progress) {
        if (!Files.isExecutable(NGINX)) {
            throw new ConfigException("nginx is missing: apt-get install nginx");
        }
        if (Files.exists(dir.resolve("state.json")) && status().stream().anyMatch(Part::up)) {
            throw new ConfigException("the stack is already up; run 'whale stack down' first");
        }
        Map<String, String> state = new LinkedHashMap<>();
        try {
            Files.createDirectories(dir.resolve("nginx").resolve("tmp"));
            Config production = Config.load(projectDir.resolve("config"), "production", Map.of());
            DatabaseSettings settings = Settings.from(production, projectDir).database();
            EmbeddedPostgres pg = EmbeddedPostgres.detached(dir.resolve("pgdata"),
                    settings.at(DatabaseSettings.EMBEDDED, 0), progress);
            state.put("POSTGRES_PORT", Integer.toString(pg.port()));
            writeState(state);
            DatabaseSettings db = settings.at("localhost", pg.port());
            Database.createAndMigrate(db, progress).close();
            List<NginxConfig.Upstream> upstreams = new ArrayList<>();
            for (int i = 1; i <= o.instances(); i++) {
                int port = Processes.freePort();
                long pid = startInstance(i, port, pg.port());
                state.put("WEB_" + i + "_PID", Long.toString(pid));
                state.put("WEB_" + i + "_PORT", Integer.toString(port));
                writeState(state);
                upstreams.add(new NginxConfig.Upstream("127.0.0.1:" + port,
                        o.weights().isEmpty() ? 1 : o.weights().get(i - 1)));
            }
            for (int i = 1; i <= o.instances(); i++) {
                Processes.awaitHealthy("web-" + i, "http://127.0.0.1:" + state.get("WEB_" + i + "_PORT") + "/health",
                        Duration.ofSeconds(90), Long.parseLong(state.get("WEB_" + i + "_PID")),
                        dir.resolve("web-" + i + ".log"));
                progress.accept("web-" + i + " is healthy on 127.0.0.1:" + state.get("WEB_" + i + "_PORT"));
            }
            int http = o.httpPort() == 0 ? Processes.freePort() : o.httpPort();
            int https = !o.tls() ? 0 : o.httpsPort() == 0 ? Processes.freePort() : o.httpsPort();
            Path nginxDir = dir.resolve("nginx");
            for (String t : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
                Files.createDirectories(nginxDir.resolve("tmp").resolve(t));
                Files.setPosixFilePermissions(nginxDir.resolve("tmp").resolve(t),
                        PosixFilePermissions.fromString("rwxrwxrwx"));
            }
            String conf = new NginxConfig(upstreams, o.consistentHash(), http, https, certDir().toString(), nginxDir)
                    .render(NginxConfig.template(projectDir), "whale stack up, " + o.instances() + " instances");
            Path confFile = nginxDir.resolve("nginx.conf");
            Files.writeString(confFile, conf);
            check(List.of(NGINX.toString(), "-t", "-q", "-p", nginxDir.toString(), "-c", confFile.toString()),
                    "nginx -t");
            long nginxPid = Processes.detached(List.of(NGINX.toString(), "-p", nginxDir.toString(), "-c",
                    confFile.toString(), "-g", "daemon off;"), projectDir, nginxDir.resolve("nginx.out"), Map.of());
            state.put("NGINX_PID", Long.toString(nginxPid));
            state.put("HTTP_PORT", Integer.toString(http));
            state.put("HTTPS_PORT", Integer.toString(https));
            writeState(state);
            awaitPort("nginx", http, nginxDir.resolve("error.log"));
            progress.accept("nginx listens on " + http + (https == 0 ? "" : " and " + https + " (TLS)"));
            return new Up("http://127.0.0.1:" + http, https == 0 ? "" : "https://localhost:" + https, status(),
                    https == 0 ? "" : certDir().resolve("ca.pem").toString(), nginxDir.resolve("upstream.log"));
        } catch (IOException e) {
            down();
            throw new ServiceException("cannot start the stack in " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            down();
            throw e;
        }
    }

    /** Every part of the stack with whether it runs; empty when it is not up. */
    public List<Part> status() {
        Map<String, String> s = state();
        List<Part> out = new ArrayList<>();
        if (s.isEmpty()) {
            return out;
        }
        Path pg = dir.resolve("pgdata");
        out.add(new Part("postgres", EmbeddedPostgres.pid(pg).orElse(0L),
                Integer.parseInt(s.getOrDefault("POSTGRES_PORT", "0")), EmbeddedPostgres.running(pg)));
        for (int i = 1; s.containsKey("WEB_" + i + "_PID"); i++) {
            long pid = Long.parseLong(s.get("WEB_" + i + "_PID"));
            out.add(new Part("web-" + i, pid, Integer.parseInt(s.get("WEB_" + i + "_PORT")), Processes.alive(pid)));
        }
        if (s.containsKey("NGINX_PID")) {
            long pid = Long.parseLong(s.get("NGINX_PID"));
            out.add(new Part("nginx", pid, Integer.parseInt(s.get("HTTP_PORT")), Processes.alive(pid)));
        }
        return out;
    }

    /** Stops every part and removes the stack's files; returns whether anything was there. */
    public boolean down() {
        Map<String, String> s = state();
        boolean any = !s.isEmpty() || Files.exists(dir);
        if (s.containsKey("NGINX_PID")) {
            Processes.stop(Long.parseLong(s.get("NGINX_PID")));
        }
        for (int i = 1; s.containsKey("WEB_" + i + "_PID"); i++) {
            Processes.stop(Long.parseLong(s.get("WEB_" + i + "_PID")));
        }
        EmbeddedPostgres.stop(dir.resolve("pgdata"));
        Processes.deleteTree(dir);
        return any;
    }

    /** Starts instance {@code i} of whale on the production config. */
    private long startInstance(int i, int port, int pgPort) throws IOException {
        List<String> cmd = new ArrayList<>(whale);
        cmd.addAll(List.of("serve", "--config", "production"));
        return Processes.detached(cmd, projectDir, dir.resolve("web-" + i + ".log"), Map.of(
                "POSTGRES_HOSTNAME", "localhost", "POSTGRES_PORT", Integer.toString(pgPort),
                "WHALE_HOST", "127.0.0.1", "WHALE_PORT", Integer.toString(port),
                "APPLICATION_CONFIG", "production"));
    }

    private static void check(List<String> command, String what) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new ServiceException(what + " failed: " + out.lines().reduce((a, b) -> b).orElse(""));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException(what + " was interrupted");
        }
    }

    private static void awaitPort(String name, int port, Path log) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                new Socket(InetAddress.getLoopbackAddress(), port).close();
                return;
            } catch (IOException e) {
                Processes.sleep(100);
            }
        }
        throw new ServiceException(name + " did not listen on " + port + " within 20 s; see " + log);
    }

    private Map<String, String> state() {
        Path f = dir.resolve("state.json");
        return Files.exists(f) ? Config.read(f) : Map.of();
    }

    private void writeState(Map<String, String> state) {
        Config.write(dir.resolve("state.json"), state);
    }
}
