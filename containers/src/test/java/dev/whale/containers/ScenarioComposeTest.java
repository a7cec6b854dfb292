package dev.whale.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code whale scenario up NAME --docker} as a user runs it, with no engine given: whale finds podman, starts its API
 * for the command, brings docker/scenario.yml up, seeds the database through the published port, and prints a psql
 * line that still works once whale has exited; {@code scenario down} removes it all.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class ScenarioComposeTest {
    private static final Http HTTP = Http.plain();

    @Test
    void upWithDockerSeedsTheContainersDatabaseAndDownRemovesIt(@TempDir Path dir) throws Exception {
        Podman podman = Podman.get();
        Path project = project(dir);
        Map<String, String> env = new HashMap<>(podman.env);
        env.remove("DOCKER_HOST");
        try {
            Podman.Result up = whale(project, env, "scenario", "up", "users", "--docker");
            assertEquals(0, up.exit(), up.out());
            assertTrue(up.out().contains("This is scenario users\n"), up.out());
            String psql = "podman exec -it scenario_users_db_1 psql -U postgres -d application";
            assertTrue(up.out().endsWith("Your scenario is ready. If you want to open a SQL shell run\n" + psql + "\n"),
                    up.out());

            // The printed line, without its terminal: the seed data is in the container's database.
            List<String> query = new ArrayList<>(List.of(psql.replace(" -it", "").split(" ")));
            query.addAll(List.of("-Atc", "select string_agg(email, '|' order by id) from users"));
            Podman.Result rows = Podman.run(query, env, Duration.ofMinutes(1));
            assertEquals("admin@server.com|user1@server.com|user2@server.com", rows.out().strip(), rows.out());

            // The config points at the published port, and the app container serves the same data.
            String dbPort = podman.podman("port", "scenario_users_db_1", "5432").out().strip();
            assertTrue(Files.readString(project.resolve("config/scenario_users.json"))
                    .contains("\"" + dbPort.substring(dbPort.lastIndexOf(':') + 1) + "\""), dbPort);
            String web = podman.podman("port", "scenario_users_web_1", "5000").out().strip();
            String url = "http://127.0.0.1:" + web.substring(web.lastIndexOf(':') + 1);
            HTTP.awaitOk(url + "/health", Duration.ofSeconds(120), () -> "the scenario's app never became healthy");
            assertEquals("Number of users: 3", HTTP.get(url + "/users").body());

            Podman.Result down = whale(project, env, "scenario", "down", "users");
            assertEquals(0, down.exit(), down.out());
            assertTrue(down.out().endsWith("Scenario users is down\n"), down.out());
            assertEquals("", podman.podman("ps", "-a", "-q", "--filter",
                    "label=com.docker.compose.project=scenario_users").out().strip(),
                    "scenario down leaves no container");
            assertFalse(Files.exists(project.resolve("config/scenario_users.json")));
        } finally {
            podman.podman("rm", "-f", "scenario_users_web_1", "scenario_users_db_1");
            podman.podman("network", "rm", "-f", "scenario_users_default");
        }
    }

    /** A project of the repository's configs, scenarios and docker/scenario.yml, with its own .whale state. */
    private static Path project(Path dir) throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        for (String sub : List.of("config", "scenarios")) {
            Files.createDirectories(project.resolve(sub));
            try (var files = Files.list(Podman.REPO.resolve(sub))) {
                for (Path f : files.filter(p -> !p.getFileName().toString().startsWith("scenario_")).toList()) {
                    Files.copy(f, project.resolve(sub).resolve(f.getFileName()));
                }
            }
        }
        Files.createDirectories(project.resolve("docker"));
        Files.copy(Podman.REPO.resolve("docker/scenario.yml"), project.resolve("docker/scenario.yml"));
        return project;
    }

    /** whale's command line, in a JVM of its own on this module's class path, working in {@code project}. */
    private static Podman.Result whale(Path project, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), "dev.whale.cli.Main"));
        cmd.addAll(List.of(args));
        return Podman.run(cmd, env, Duration.ofMinutes(5), project);
    }
}
