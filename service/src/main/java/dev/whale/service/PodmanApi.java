package dev.whale.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * podman's Docker-compatible API on a socket of whale's, for docker-compose, for as long as it is open; and, since
 * podman leaves healthchecks to systemd's timers and a machine without systemd has none, each running container's
 * healthcheck run at its own interval meanwhile (podman applies the start period and the retries itself), so that
 * {@code depends_on: condition: service_healthy} works.
 */
public final class PodmanApi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path socket;
    /** The whole environment of every podman call: this process's, with the caller's on top. */
    private final Map<String, String> env;
    private final Process service;
    private final Thread healthchecks;

    private PodmanApi(Path socket, Map<String, String> env, Process service) {
        this.socket = socket;
        this.env = env;
        this.service = service;
        this.healthchecks = Thread.ofPlatform().daemon().name("whale-healthchecks").start(this::runHealthchecks);
    }

    /**
     * Starts {@code podman system service} on {@code dir/podman.sock} with {@code env} (CONTAINERS_CONF, say);
     * returns once it listens.
     */
    public static PodmanApi start(Path dir, Map<String, String> env) {
        try {
            Files.createDirectories(dir);
            Path socket = dir.resolve("podman-" + ProcessHandle.current().pid() + ".sock");
            Files.deleteIfExists(socket);
            Path log = dir.resolve("podman-service.log");
            ProcessBuilder pb = new ProcessBuilder("podman", "system", "service", "--time=0", "unix://" + socket)
                    .redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().putAll(env);
            Process service = pb.start();
            for (int i = 0; i < 150 && !Files.exists(socket) && service.isAlive(); i++) {
                Thread.sleep(100);
            }
            if (!Files.exists(socket)) {
                service.destroyForcibly();
                String said = Files.readString(log).lines().reduce((a, b) -> b).orElse("no output");
                throw new ServiceException("podman's API service did not start (" + said + "; its log: " + log
                        + ")");
            }
            Map<String, String> all = new HashMap<>(System.getenv());
            all.putAll(env);
            return new PodmanApi(socket, Map.copyOf(all), service);
        } catch (IOException e) {
            throw new ServiceException("cannot start podman's API service: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException("interrupted while podman's API service started");
        }
    }

    /** The value of DOCKER_HOST that reaches this API. */
    public String dockerHost() {
        return "unix://" + socket;
    }

    private void runHealthchecks() {
        Map<String, Long> last = new HashMap<>();
        while (service.isAlive()) {
            try {
                for (String id : podman("ps", "-q", "--filter", "status=running").lines()
                        .filter(l -> l.matches("[0-9a-f]+")).toList()) {
                    JsonNode check = JSON.readTree(podman("inspect", id)).path(0).path("Config").path("Healthcheck");
                    if (check.isMissingNode() || check.isNull()) {
                        continue;
                    }
                    long every = Math.max(1_000_000_000L, check.path("Interval").asLong(30_000_000_000L));
                    long now = System.nanoTime();
                    if (now - last.getOrDefault(id, now - every) >= every) {
                        last.put(id, now);
                        try {
                            podman("healthcheck", "run", id);
                        } catch (ServiceException unhealthy) {
                            // a failing check: podman has counted it against the container's retries
                        }
                    }
                }
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // a container that went away meanwhile: the next round sees the new state
            }
        }
    }

    /** podman in this API's environment; its standard output. */
    String podman(String... args) {
        List<String> cmd = new ArrayList<>(List.of("podman"));
        cmd.addAll(List.of(args));
        return Processes.output(cmd, env, Path.of("."));
    }

    /** Stops the API service and the healthchecks; the containers go on running. */
    @Override
    public void close() {
        healthchecks.interrupt();
        service.destroy();
        try {
            if (!service.waitFor(10, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
            Files.deleteIfExists(socket);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // a socket file left behind is replaced by the next start
        }
    }
}
