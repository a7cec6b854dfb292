package dev.whale.cli.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** create-initial-db, migrate, info and new on the embedded PostgreSQL of a project of the test's own. */
class DbCommandTest {
    @Test
    void createMigrateInfoAndNew(@TempDir Path dir) throws Exception {
        Path project = Whale.project(dir);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> env = Map.of("POSTGRES_PORT", Integer.toString(port));
        Whale.Result created = Whale.run(project, env, "db", "create");
        assertEquals(0, created.exit(), created.err());
        assertEquals("The database application has been created\n", created.out());
        Whale.Result again = Whale.run(project, env, "db", "create");
        assertEquals("The database application already exists and will not be recreated\n", again.out());

        Whale.Result migrate = Whale.run(project, env, "db", "migrate");
        assertEquals("Applied 2 migrations to application\n", migrate.out(), migrate.err());
        assertTrue(migrate.err().contains("whale db migrate: migrating to V2 (recipes)"), migrate.err());
        assertEquals("The database application is up to date\n", Whale.run(project, env, "db", "migrate").out());

        Whale.Result info = Whale.run(project, env, "db", "info");
        assertTrue(info.out().startsWith("VERSION"), info.out());
        assertTrue(info.out().matches("(?s).*\n1 +users +Success +\\d{4}-.*"), info.out());
        assertTrue(info.out().matches("(?s).*\n2 +recipes +Success +\\d{4}-.*"), info.out());

        Whale.Result made = Whale.run(project, env, "db", "new", "Add a name to users!");
        assertEquals(0, made.exit(), made.err());
        String file = made.out().strip();
        assertTrue(file.matches("service/src/main/resources/db/migration/V\\d{14}__add_a_name_to_users\\.sql"), file);
        assertTrue(Files.readString(project.resolve(file)).startsWith("-- Add a name to users!\n"));
        assertTrue(Whale.run(project, env, "db", "new", "--help").out().contains("Flyway has no autogenerate"));
    }

    @Test
    void aServerThatIsDownIsOneLine(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Whale.Result r = Whale.run(Whale.project(dir), Map.of("POSTGRES_HOSTNAME", "127.0.0.1",
                "POSTGRES_PORT", Integer.toString(port), "POSTGRES_PASSWORD", "pw-never-printed"), "db", "create");
        assertEquals(1, r.exit());
        assertEquals("whale db create: cannot create database application on 127.0.0.1:" + port
                + ": the server is unreachable (connection refused)\n", r.err());
    }

    @Test
    void migrateOnAMissingDatabaseSaysToCreateIt(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Whale.Result r = Whale.run(Whale.project(dir), Map.of("POSTGRES_PORT", Integer.toString(port),
                "APPLICATION_DB", "nosuchdb"), "db", "migrate");
        assertEquals(1, r.exit(), r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals("whale db migrate: database nosuchdb does not exist: run ./whale db create", lines.getLast(),
                r.err());
        assertTrue(r.err().lines().noneMatch(l -> l.contains("Connection is not available")), r.err());
        assertEquals("", r.out());
    }
}
