package dev.whale.cli.service;

import dev.whale.service.Compose;
import dev.whale.service.Config;
import dev.whale.service.ContainerEngine;
import dev.whale.service.Processes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
        footer = {"  ./whale compose up -d", "  ./whale compose logs db",
                "  APPLICATION_CONFIG=production ./whale compose up -d --scale web=3",
                "  ./whale compose --config testing down"})
public final class ComposeCommand implements Callable<Integer> {
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
        Compose.Invocation run = Compose.of(c, Project.dir(), args, Project.env(),
                Processes::succeeds, name -> Compose.which(name, path));
        try (ContainerEngine engine = ContainerEngine.open(Project.dir(), run.environment())) {
            Compose.Invocation reached = engine.reach(run);
            ProcessBuilder pb = new ProcessBuilder(reached.command()).directory(Project.dir().toFile()).inheritIO();
            pb.environment().clear();
            pb.environment().putAll(reached.environment());
            Process p = pb.start();
            try {
                return p.waitFor();
            } catch (InterruptedException e) {
                p.destroy();
                throw e;
            }
        }
    }
}
