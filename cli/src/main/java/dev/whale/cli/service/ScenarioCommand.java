package dev.whale.cli.service;

import dev.whale.cli.Errors.UsageException;
import dev.whale.service.Scenarios;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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

        @Option(names = "--serve", description = "Also start the app on the scenario, on a random port, and print its URL.")
        boolean serve;

        @Option(names = "--docker", description = "Do it with Docker Compose and docker/scenario.yml (needs a Docker engine).")
        boolean docker;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException, InterruptedException {
            if (docker) {
                throw new UsageException(dockerEngine()
                        ? "--docker is not supported yet; run without it, which starts the same PostgreSQL as a process"
                        : "--docker needs a Docker engine, and none answers here ('docker info' fails); run without"
                                + " --docker, which starts the same PostgreSQL as a process");
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Scenarios scenarios = scenarios();
            Scenarios.Up up = scenarios.up(name, m -> {
                err.println("whale scenario up: " + m);
                err.flush();
            }, out::println);
            if (serve) {
                String url = startApp(scenarios, up);
                out.println("The app of scenario " + name + " serves on " + url);
            }
            out.println("Your scenario is ready. If you want to open a SQL shell run");
            out.println(up.psql());
            return 0;
        }

        private static boolean dockerEngine() throws InterruptedException {
            try {
                Process p = new ProcessBuilder("docker", "info").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                return p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                return false;
            }
        }

        /** Starts 'whale serve --config scenario_NAME' as a detached process and waits for its /health. */
        private String startApp(Scenarios scenarios, Scenarios.Up up) throws IOException, InterruptedException {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            List<String> cmd = new ArrayList<>();
            if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
                cmd.add("/usr/bin/setsid");
            }
            cmd.addAll(Project.whaleCommand());
            cmd.addAll(List.of("serve", "--config", up.configName(), "--port", Integer.toString(port)));
            Path log = Project.settings(Project.config("scenario")).dataDir().resolve("scenarios").resolve(name)
                    .resolve("serve.log");
            Process p = new ProcessBuilder(cmd).directory(Project.dir().toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String url = "http://127.0.0.1:" + port;
            scenarios.recordApp(name, p.pid(), url);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && p.isAlive()) {
                try {
                    if (http.send(HttpRequest.newBuilder(URI.create(url + "/health")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return url;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(200);
            }
            throw new dev.whale.cli.Errors.FailureException("the app of scenario " + name
                    + " did not become healthy within 60 s; see " + log);
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
            boolean any = scenarios().down(name);
            spec.commandLine().getOut().println(any ? "Scenario " + name + " is down" : "Scenario " + name + " was not up");
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
