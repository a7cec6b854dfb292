package dev.whale.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The engine Docker Compose talks to, for the time of one whale command: the one that DOCKER_HOST names, else a Docker
 * engine's socket, else podman's Docker API, started now ({@link PodmanApi}) and stopped by {@link #close}; with
 * none of them, a {@link ConfigException} that says what to install.
 */
public final class ContainerEngine implements AutoCloseable {
    private static final Path DOCKER_SOCKET = Path.of("/var/run/docker.sock");

    private final Map<String, String> additions;
    private final PodmanApi podman;

    private ContainerEngine(Map<String, String> additions, PodmanApi podman) {
        this.additions = additions;
        this.podman = podman;
    }

    /**
     * An engine for compose commands run with {@code env} in {@code projectDir}. podman gets the project's
     * {@code docker/local/containers.conf} unless CONTAINERS_CONF is set.
     */
    public static ContainerEngine open(Path projectDir, Map<String, String> env) {
        if (env.containsKey("DOCKER_HOST") || Files.exists(DOCKER_SOCKET)) {
            return new ContainerEngine(Map.of(), null);
        }
        if (Compose.which("podman", env.get("PATH")).isEmpty()) {
            throw new ConfigException("no container engine here: neither a Docker engine (" + DOCKER_SOCKET
                    + ", DOCKER_HOST) nor podman; install one (apt-get install podman runc) or run the same"
                    + " without containers: './whale serve', './whale stack up'");
        }
        Map<String, String> additions = new LinkedHashMap<>();
        Path conf = projectDir.resolve("docker/local/containers.conf");
        if (!env.containsKey("CONTAINERS_CONF") && Files.isRegularFile(conf)) {
            additions.put("CONTAINERS_CONF", conf.toString());
        }
        Map<String, String> podmanEnv = new LinkedHashMap<>(env);
        podmanEnv.putAll(additions);
        PodmanApi podman = PodmanApi.start(projectDir.resolve(".whale/podman"), podmanEnv);
        additions.put("DOCKER_HOST", podman.dockerHost());
        return new ContainerEngine(Map.copyOf(additions), podman);
    }

    /** The same compose command, run against this engine. */
    public Compose.Invocation reach(Compose.Invocation compose) {
        Map<String, String> env = new LinkedHashMap<>(compose.environment());
        env.putAll(additions);
        return new Compose.Invocation(compose.command(), env);
    }

    /**
     * The command line that runs {@code command} in the container of {@code service} of compose project
     * {@code project}, for a person to type once this whale command has ended: {@code docker compose exec} when an
     * engine outlives it, else {@code podman exec} on the container, since the API this command started is gone.
     *
     * @param compose the compose invocation for some arguments
     */
    public String execLine(Function<List<String>, Compose.Invocation> compose, String project, String service,
            List<String> command) {
        List<String> line = new ArrayList<>();
        if (podman == null) {
            List<String> exec = new ArrayList<>(List.of("exec", service));
            exec.addAll(command);
            line.addAll(compose.apply(exec).command());
            line.set(0, Path.of(line.get(0)).getFileName().toString());
        } else {
            String container = podman.podman("ps", "--filter", "label=com.docker.compose.project=" + project,
                    "--filter", "label=com.docker.compose.service=" + service, "--format", "{{.Names}}").lines()
                    .findFirst().orElseThrow(() -> new ServiceException("no running container of service " + service
                            + " in compose project " + project));
            line.addAll(List.of("podman", "exec", "-it", container));
            line.addAll(command);
        }
        return String.join(" ", line);
    }

    /** Stops podman's API if this engine started it; the containers go on running. */
    @Override
    public void close() {
        if (podman != null) {
            podman.close();
        }
    }
}
