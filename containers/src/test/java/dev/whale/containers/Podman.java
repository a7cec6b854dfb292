package dev.whale.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whale.service.Compose;
import dev.whale.service.Config;
import dev.whale.service.PodmanApi;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real container engine for the tests: podman with runc, the local base images of docker/local-images.sh, whale's
 * image built from docker/Dockerfile, and podman's Docker-compatible API for docker-compose with the healthchecks
 * that systemd would schedule ({@link PodmanApi}, as {@code ./whale compose} uses it). Made once per test run;
 * never pulls from a registry.
 */
final class Podman {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final String WHALE_IMAGE = "localhost/whale:test";
    private static final String INSTALL = "apt-get install podman runc debootstrap docker-compose"
            + " golang-github-containernetworking-plugin-dnsname catatonit";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Podman instance;

    /** The environment of every podman and docker-compose call: images, engine settings, the socket. */
    final Map<String, String> env;

    private Podman(Map<String, String> env) {
        this.env = env;
    }

    /** The engine, ready: images built and the socket listening. Fails with what to install when a tool is missing. */
    static synchronized Podman get() throws Exception {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static Podman start() throws Exception {
        for (String tool : List.of("podman", "runc", "debootstrap", "docker-compose")) {
            if (Compose.which(tool, System.getenv("PATH") + ":/usr/sbin:/sbin").isEmpty()) {
                throw new AssertionError(tool + " is missing; the container tests run real containers: " + INSTALL);
            }
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CONTAINERS_CONF", REPO.resolve("docker/local/containers.conf").toString());
        Result images = run(List.of(REPO.resolve("docker/local-images.sh").toString()), env, Duration.ofMinutes(10));
        assertEquals(0, images.exit(), "docker/local-images.sh failed:\n" + images.out());
        images.out().lines().filter(l -> l.matches("[A-Z_]+=\\S+")).forEach(l -> {
            String[] kv = l.split("=", 2);
            env.put(kv[0], kv[1]);
        });
        List<String> build = new ArrayList<>(List.of("podman", "build", "-q", "--format", "docker", "-f",
                "docker/Dockerfile", "--build-arg", "BUILD_IMAGE=" + env.get("BUILD_IMAGE"), "--build-arg",
                "JRE_IMAGE=" + env.get("JRE_IMAGE"), "-t", WHALE_IMAGE));
        // The build stage's Maven reuses this machine's repository instead of downloading it again.
        Path m2 = Path.of(System.getProperty("user.home"), ".m2");
        if (Files.isDirectory(m2)) {
            build.addAll(List.of("-v", m2 + ":/root/.m2"));
        }
        build.add(".");
        Result before = run(List.of("podman", "image", "inspect", "-f", "{{.Id}}", WHALE_IMAGE), env,
                Duration.ofMinutes(1));
        Result built = run(build, env, Duration.ofMinutes(15));
        assertEquals(0, built.exit(), "podman build of docker/Dockerfile failed:\n" + built.out());
        // The image of the previous run, untagged now, would stay behind on every run that changed a source.
        if (before.exit() == 0 && !built.out().strip().endsWith(before.out().strip())) {
            run(List.of("podman", "rmi", before.out().strip()), env, Duration.ofMinutes(1));
        }
        env.put("WHALE_IMAGE", WHALE_IMAGE);

        PodmanApi api = PodmanApi.start(Files.createTempDirectory("whale-podman"), env);
        env.put("DOCKER_HOST", api.dockerHost());
        Runtime.getRuntime().addShutdownHook(new Thread(api::close));
        return new Podman(env);
    }

    /** podman with these settings; its exit code and output (both streams). */
    Result podman(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("podman"));
        cmd.addAll(List.of(args));
        return run(cmd, env, Duration.ofMinutes(5));
    }

    /** {@code podman inspect} of one container or image, as JSON. */
    JsonNode inspect(String name) throws Exception {
        Result r = podman("inspect", name);
        assertEquals(0, r.exit(), "podman inspect " + name + ": " + r.out());
        return JSON.readTree(r.out()).get(0);
    }

    /**
     * docker-compose on {@code docker/FILE.yml} as {@code ./whale compose} runs it (whale's own {@link Compose}), with
     * the config's variables, {@code overrides} over them, and the local images.
     */
    Result compose(String config, String project, Map<String, String> overrides, String... args) throws Exception {
        return compose(config, config, project, overrides, args);
    }

    /** The same with {@code docker/FILE.yml} and another config's variables. */
    Result compose(String config, String file, String project, Map<String, String> overrides, String... args)
            throws Exception {
        Map<String, String> base = new LinkedHashMap<>(System.getenv());
        base.putAll(env);
        base.putAll(overrides);
        Config c = Config.load(REPO.resolve("config"), config, base);
        Compose.Invocation inv = Compose.of(c, project, file, REPO, List.of(args), base,
                cmd -> false, name -> Compose.which(name, System.getenv("PATH")));
        return run(inv.command(), inv.environment(), Duration.ofMinutes(5));
    }

    /** The last lines of the project's logs, for a failure's message. */
    String logs(String config, String project, Map<String, String> overrides) {
        try {
            return compose(config, project, overrides, "logs", "--tail", "30").out();
        } catch (Exception e) {
            return "(no logs: " + e.getMessage() + ")";
        }
    }

    /** Waits up to 2 minutes for the container's healthcheck to report healthy. */
    void awaitHealthy(String container) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String status = "";
        while (System.nanoTime() < deadline) {
            status = inspect(container).get("State").get("Health").get("Status").asText();
            if (status.equals("healthy")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(container + " is " + status + ", not healthy, after 120 s");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * The result of a finished command.
     *
     * @param exit its exit code
     * @param out its standard output and error
     */
    record Result(int exit, String out) {}

    static Result run(List<String> cmd, Map<String, String> env, Duration limit)
            throws IOException, InterruptedException {
        return run(cmd, env, limit, REPO);
    }

    /** {@code cmd} in {@code dir}, with {@code env} over this process's environment, for at most {@code limit}. */
    static Result run(List<String> cmd, Map<String, String> env, Duration limit, Path dir)
            throws IOException, InterruptedException {
        File out = File.createTempFile("whale-podman", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", cmd) + " took longer than " + limit + ":\n"
                        + Files.readString(out.toPath()));
            }
            return new Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out.toPath());
        }
    }
}
