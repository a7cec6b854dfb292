package dev.whale.cli.service;

import dev.whale.cli.Errors.UsageException;
import dev.whale.service.Compose;
import dev.whale.service.ContainerEngine;
import dev.whale.service.Processes;
import dev.whale.service.Scenarios;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "scenario", mixinStandardHelpOptions = true,
        description = {"Throwaway databases with seed data, to try queries on: scenarios/NAME.sql on its own"
                + " PostgreSQL, on a random free port, next to 'whale serve' and to other scenarios."},
        subcommands = {ScenarioCommand.Up.class, ScenarioCommand.Down.class, ScenarioCommand.ListCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale scenario up users", "  ./whale scenario up recipes --serve", "  ./whale scenario list",
                "  ./whale scenario down users"})
public final class ScenarioCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code docker compose -p scenario_NAME -f docker/scenario.yml ARGS}, with the scenario config's variables. */
    static Function<List<String>, Compose.Invocation> compose(ContainerEngine engine, String name) {
        String path = System.getenv("PATH");
        return args -> engine.reach(Compose.of(Project.config("scenario"), project(name), "scenario", Project.dir(),
                args, Project.env(), Processes::succeeds, n -> Compose.which(n, path)));
    }

    static String project(String name) {
        return "scenario_" + name;
    }

    static ContainerEngine engine() {
        return ContainerEngine.open(Project.dir(), Project.env());
    }

    static String run(List<String> command, Map<String, String> env) {
        return Processes.output(command, env, Project.dir());
    }

    static Scenarios scenarios() {
        return new Scenarios(Project.dir(), Project.settings(Project.config("scenario")).dataDir());
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = {"Start scenario NAME: a PostgreSQL on a free port that keeps running after this command,"
                    + " the database, the migrations and scenarios/NAME.sql; config/scenario_NAME.json points at it.",
                    "It prints the psql command line that opens a shell on it."},
            footerHeading = "%nExamples:%n",
            footer = {"  ./whale scenario up users", "  ./whale scenario up recipes --serve",
                    "  ./whale scenario up foo && ./whale db info --config scenario_foo"})
    static final class Up implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "A scenario: scenarios/NAME.sql.")
        String name;

        @Option(names = "--serve",
                description = "Also start the app on the scenario, on a random port, and print its URL.")
        boolean serve;

        @Option(names = "--docker",
                description = "Do it with Docker Compose and docker/scenario.yml (a Docker engine, or podman).")
        boolean docker;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (docker && serve) {
                throw new UsageException("--serve goes without --docker: docker/scenario.yml starts the app itself"
                        + " (see 'docker compose port web 5000')");
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Scenarios scenarios = scenarios();
            Consumer<String> progress = m -> {
                err.println("whale scenario up: " + m);
                err.flush();
            };
            Scenarios.Up up;
            if (docker) {
                try (ContainerEngine engine = engine()) {
                    var compose = compose(engine, name);
                    up = scenarios.upDocker(name, compose, (service, cmd) -> engine.execLine(compose, project(name),
                            service, cmd), ScenarioCommand::run, progress, out::println);
                }
            } else {
                up = scenarios.up(name, progress, out::println);
            }
            if (serve) {
                String url = scenarios.serve(name, Project.whaleCommand());
                out.println("The app of scenario " + name + " serves on " + url);
            }
            out.println("Your scenario is ready. If you want to open a SQL shell run");
            out.println(up.psql());
            return 0;
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
            description = "Stop everything 'scenario up NAME' started and remove its files.",
            footerHeading = "%nExamples:%n", footer = {"  ./whale scenario down users"})
    static final class Down implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "A scenario: scenarios/NAME.sql.")
        String name;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Scenarios scenarios = scenarios();
            boolean any;
            if (scenarios.withDocker(name)) {
                try (ContainerEngine engine = engine()) {
                    any = scenarios.downDocker(name, compose(engine, name), ScenarioCommand::run);
                }
            } else {
                any = scenarios.down(name);
            }
            spec.commandLine().getOut()
                    .println(any ? "Scenario " + name + " is down" : "Scenario " + name + " was not up");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the scenarios, with the port and app URL of those that are up.",
            footerHeading = "%nExamples:%n", footer = {"  ./whale scenario list"})
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            String format = "%-16s %-5s %-6s %s%n";
            out.printf(format, "SCENARIO", "STATE", "PORT", "APP");
            for (Scenarios.State s : scenarios().list()) {
                out.printf(format, s.name(), s.up() ? "up" : "down", s.up() ? Integer.toString(s.port()) : "-",
                        s.appUrl().isEmpty() ? "-" : s.appUrl());
            }
            return 0;
        }
    }
}
