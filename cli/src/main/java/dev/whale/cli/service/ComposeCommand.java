package dev.whale.cli.service;

import dev.whale.service.Compose;
import dev.whale.service.Config;
import dev.whale.service.ConfigException;
import dev.whale.service.PodmanApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

@Command(name = "compose", mixinStandardHelpOptions = true,
        description = {"Run Docker Compose on docker/CONFIG.yml: 'docker compose -p CONFIG -f docker/CONFIG.yml"
                + " ARGS', with the config's variables in its environment ('docker-compose' when the docker client"
                + " has no compose plugin)."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale compose up -d", "  ./whale compose logs db", "  APPLICATION_CONFIG=production ./whale compose up -d --scale web=3",
                "  ./whale compose --config testing down"})
public final class ComposeCommand implements Callable<Integer> {
    private static final Path DOCKER_SOCKET = Path.of("/var/run/docker.sock");

    @Mixin
    ConfigOption config;

    @Unmatched
    List<String> args = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Config c = config.load();
        String path = System.getenv("PATH");
        Compose.Invocation run = Compose.of(c, Project.dir(), args, Project.env(), dev.whale.service.Processes::succeeds,
                name -> Compose.which(name, path));
        Map<String, String> env = new LinkedHashMap<>(run.environment());
        // No Docker engine: podman's API for the time of this command, or one line that says what to install.
        PodmanApi podman = null;
        if (!env.containsKey("DOCKER_HOST") && !Files.exists(DOCKER_SOCKET)) {
            if (Compose.which("podman", path).isEmpty()) {
                throw new ConfigException("no container engine here: neither a Docker engine (" + DOCKER_SOCKET
                        + ", DOCKER_HOST) nor podman; install one (apt-get install podman runc) or run the same"
                        + " without containers: './whale serve', './whale stack up'");
            }
            Path conf = Project.dir().resolve("docker/local/containers.conf");
            if (!env.containsKey("CONTAINERS_CONF") && Files.isRegularFile(conf)) {
                env.put("CONTAINERS_CONF", conf.toString());
            }
            podman = PodmanApi.start(Project.dir().resolve(".whale/podman"), env);
            env.put("DOCKER_HOST", podman.dockerHost());
        }
        try {
            ProcessBuilder pb = new ProcessBuilder(run.command()).directory(Project.dir().toFile()).inheritIO();
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            try {
                return p.waitFor();
            } catch (InterruptedException e) {
                p.destroy();
                throw e;
            }
        } finally {
            if (podman != null) {
                podman.close();
            }
        }
    }
}
