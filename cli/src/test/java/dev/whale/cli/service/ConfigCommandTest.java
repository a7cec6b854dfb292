package dev.whale.cli.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {
    @Test
    void showsTheResolvedValuesWithSecretsRedacted(@TempDir Path dir) throws Exception {
        Path project = Whale.project(dir);
        Whale.Result r = Whale.run(project, Map.of("APPLICATION_CONFIG", "production", "POSTGRES_PASSWORD", "hunter2",
                "POSTGRES_HOSTNAME", "db.internal"), "config", "show");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("WHALE_PROFILE=production\n"), r.out());
        assertTrue(r.out().contains("POSTGRES_HOSTNAME=db.internal\n"), "the environment wins: " + r.out());
        assertTrue(r.out().contains("POSTGRES_PASSWORD=********\n"), r.out());
        assertFalse(r.out().contains("hunter2"));
        Whale.Result json = Whale.run(project, Map.of(), "config", "show", "--config", "testing", "--format", "json");
        assertTrue(json.out().contains("\"APPLICATION_DB\" : \"test\""), json.out());
    }

    @Test
    void anUnknownConfigNameIsAUsageError(@TempDir Path dir) throws Exception {
        Whale.Result r = Whale.run(Whale.project(dir), Map.of("APPLICATION_CONFIG", "foo"), "config", "show");
        assertEquals(2, r.exit());
        assertEquals("whale config show: no config/foo.json; choose one of: development, production, scenario,"
                + " testing\n", r.err());
    }

    @Test
    void anUnknownFormatIsAUsageErrorInOneLine(@TempDir Path dir) throws Exception {
        Whale.Result r = Whale.run(Whale.project(dir), Map.of(), "config", "show", "--format", "yaml");
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("whale config show: Invalid value for option '--format': expected one of "
                + "[text, json]"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }
}
