package dev.whale.cli.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whale.service.Config;
import dev.whale.service.DatabaseSettings;
import dev.whale.service.EmbeddedPostgres;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenarios up and down, two at once, with psql and the recipes app as their clients. */
class ScenarioCommandTest {
    static String psql(String commandLine, String sql) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/psql"))) {
            throw new AssertionError("psql is missing: apt-get install postgresql-client");
        }
        // The scenario's PostgreSQL asks for the password of config/scenario.json; -w: never prompt.
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", commandLine + " -w -At -c \"" + sql + "\"")
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("PGPASSWORD", "postgres");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void twoScenariosUpAtOnceThenDown(@TempDir Path dir) throws Exception {
        Path project = Whale.project(dir);
        Whale.Result users = Whale.run(project, Map.of(), "scenario", "up", "users");
        Whale.Result recipes = Whale.run(project, Map.of(), "scenario", "up", "recipes", "--serve");
        try {
            assertEquals(0, users.exit(), users.err());
            assertEquals(0, recipes.exit(), recipes.err());
            assertTrue(users.out().startsWith("This is scenario users\nYour scenario is ready."), users.out());
            String usersPsql = users.out().lines().reduce((a, b) -> b).orElseThrow();
            String recipesPsql = recipes.out().lines().reduce((a, b) -> b).orElseThrow();
            assertTrue(usersPsql.matches("psql -h localhost -p \\d+ -U postgres -d application"), usersPsql);
            assertNotEquals(usersPsql, recipesPsql, "each scenario has its own port");
            assertEquals("admin@server.com|user1@server.com|user2@server.com",
                    psql(usersPsql, "select string_agg(email, '|' order by id) from users"));
            assertEquals("3", psql(recipesPsql, "select count(*) from recipes"));

            Map<String, String> cfg = Config.read(project.resolve("config/scenario_users.json"));
            assertEquals(usersPsql.replaceAll(".*-p (\\d+).*", "$1"), cfg.get("POSTGRES_PORT"));

            Matcher m = Pattern.compile("serves on (http://127\\.0\\.0\\.1:\\d+)").matcher(recipes.out());
            assertTrue(m.find(), recipes.out());
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(m.group(1) + "/recipes")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("[{\"recipe_id\":1,\"recipe_name\":\"Tacos\"},"
                    + "{\"recipe_id\":2,\"recipe_name\":\"Tomato Soup\"},"
                    + "{\"recipe_id\":3,\"recipe_name\":\"Grilled Cheese\"}]", r.body());

            Whale.Result app = Whale.run(project, Map.of(), "recipes", "--config", "scenario_recipes");
            assertEquals("Connecting to the PostgreSQL database...\n"
                    + "[(1, 'Tacos'), (2, 'Tomato Soup'), (3, 'Grilled Cheese')]\n"
                    + "Database connection closed.\n", app.out());
            assertEquals(0, app.exit(), app.err());

            Whale.Result list = Whale.run(project, Map.of(), "scenario", "list");
            assertTrue(list.out().matches("(?s).*\nfoo +down +- +-\n.*"), list.out());
            assertTrue(list.out().matches("(?s).*\nrecipes +up +\\d+ +http://127\\.0\\.0\\.1:\\d+\n.*"), list.out());
            assertTrue(list.out().matches("(?s).*\nusers +up +\\d+ +-\n.*"), list.out());

            Whale.Result again = Whale.run(project, Map.of(), "scenario", "up", "users");
            assertEquals(2, again.exit());
            assertEquals("whale scenario up: scenario users is already up; run 'whale scenario down users' first\n",
                    again.err());
        } finally {
            Whale.Result down1 = Whale.run(project, Map.of(), "scenario", "down", "users");
            Whale.Result down2 = Whale.run(project, Map.of(), "scenario", "down", "recipes");
            assertEquals("Scenario users is down\n", down1.out(), down1.err());
            assertEquals("Scenario recipes is down\n", down2.out(), down2.err());
        }
        assertFalse(Files.exists(project.resolve("config/scenario_users.json")));
        assertFalse(Files.exists(project.resolve(".whale/scenarios/users")));
        assertFalse(Files.exists(project.resolve(".whale/scenarios/recipes")));
        assertEquals("Scenario users was not up\n", Whale.run(project, Map.of(), "scenario", "down", "users").out());
    }

    /**
     * With --docker, whale drives Docker Compose: a fake docker records what it is asked, and for
     * {@code port db 5432} names a real PostgreSQL that the test runs, as a container's published port would be.
     */
    @Test
    void withDockerItDrivesComposeAndLoadsTheScenarioIntoItsDatabase(@TempDir Path dir) throws Exception {
        Path project = Whale.project(dir.resolve("project"));
        Files.createDirectories(project.resolve("docker"));
        Files.writeString(project.resolve("docker/scenario.yml"), "services: {}\n");
        try (var pg = EmbeddedPostgres.detached(dir.resolve("pg"),
                new DatabaseSettings("embedded", 0, "postgres", "postgres", "postgres",
                        "application", 4, Duration.ofSeconds(1)),
                m -> {})) {
            Path bin = Files.createDirectories(dir.resolve("bin"));
            Path log = dir.resolve("docker.log");
            Path docker = bin.resolve("docker");
            Files.writeString(docker, "#!/bin/sh\necho \"$*\" >> " + log + "\n"
                    + "[ \"$1 $2\" = 'compose version' ] && exit 0\n"
                    + "case \"$*\" in *' port db 5432') echo 0.0.0.0:" + pg.port() + " ;; esac\nexit 0\n");
            Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
            // An engine is given, so that whale starts no podman for the fake docker.
            Map<String, String> env =
                    Map.of("PATH", bin + ":/usr/bin:/bin", "DOCKER_HOST", "unix://" + dir.resolve("e"));
            Whale.Result up = Whale.run(project, env, "scenario", "up", "users", "--docker");
            assertEquals(0, up.exit(), up.err());
            assertTrue(up.out().startsWith("This is scenario users\nYour scenario is ready."), up.out());
            assertTrue(up.out().endsWith("docker compose -p scenario_users -f docker/scenario.yml exec db psql"
                    + " -U postgres -d application\n"), up.out());
            String calls = Files.readString(log);
            assertTrue(calls.contains("compose -p scenario_users -f docker/scenario.yml up -d\n"), calls);
            assertEquals(Integer.toString(pg.port()),
                    Config.read(project.resolve("config/scenario_users.json")).get("POSTGRES_PORT"));
            assertEquals("admin@server.com|user1@server.com|user2@server.com", psql("psql -h localhost -p " + pg.port()
                    + " -U postgres -d application", "select string_agg(email, '|' order by id) from users"));
            Whale.Result down = Whale.run(project, env, "scenario", "down", "users");
            assertEquals("Scenario users is down\n", down.out(), down.err());
            assertTrue(Files.readString(log).contains("compose -p scenario_users -f docker/scenario.yml down\n"));
            assertFalse(Files.exists(project.resolve("config/scenario_users.json")));
        }
    }

    @Test
    void fooOnlyAnnouncesItselfAndUnknownNamesAreRefused(@TempDir Path dir) throws Exception {
        Path project = Whale.project(dir);
        try {
            Whale.Result foo = Whale.run(project, Map.of(), "scenario", "up", "foo");
            assertEquals(0, foo.exit(), foo.err());
            assertTrue(foo.out().startsWith("This is scenario foo\n"), foo.out());
        } finally {
            Whale.run(project, Map.of(), "scenario", "down", "foo");
        }
        Whale.Result bad = Whale.run(project, Map.of(), "scenario", "up", "nope");
        assertEquals(2, bad.exit());
        assertEquals("whale scenario up: no scenarios/nope.sql; choose one of: foo, recipes, users\n", bad.err());
    }
}
