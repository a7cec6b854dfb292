package dev.whale.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
    /** The project's own config directory. */
    static final Path CONFIG = Path.of("..", "config");

    @Test
    void load_noName_isDevelopmentAndTheEnvironmentWins() {
        Config c = Config.load(CONFIG, Map.of("POSTGRES_PORT", "6543"));
        assertEquals("development", c.name());
        assertEquals("6543", c.values().get("POSTGRES_PORT"));
        assertEquals("application", c.values().get("APPLICATION_DB"));
        Settings s = Settings.from(c, Path.of(".."));
        assertEquals(Profile.DEVELOPMENT, s.profile());
        assertEquals(5000, s.port());
        assertTrue(s.database().embedded());
    }

    @Test
    void settings_environmentAlone_isEnough() {
        Config c = Config.load(CONFIG, "production", Map.of("WHALE_DB_POOL_SIZE", "3", "HOME", "/root"));
        assertEquals("3", c.values().get("WHALE_DB_POOL_SIZE"));
        assertFalse(c.values().containsKey("HOME"), "only the service's own variables are taken");
        assertEquals(3, Settings.from(c, Path.of("..")).database().poolSize());
    }

    @Test
    void load_applicationConfig_picksTheFile() {
        Settings s = Settings.from(Config.load(CONFIG, Map.of("APPLICATION_CONFIG", "production")), Path.of(".."));
        assertEquals(Profile.PRODUCTION, s.profile());
        assertEquals("0.0.0.0", s.host());
        assertEquals(8000, s.port());
        assertTrue(s.profile().jsonAccessLog);
        assertFalse(s.profile().debug);
        assertEquals("test", Settings.from(Config.load(CONFIG, "testing", Map.of()), Path.of(".."))
                .database().database());
    }

    @Test
    void load_unknownName_listsTheChoices() {
        ConfigException e = assertThrows(ConfigException.class, () -> Config.load(CONFIG, "foo", Map.of()));
        assertEquals("no config/foo.json; choose one of: development, production, scenario, testing", e.getMessage());
        assertThrows(ConfigException.class, () -> Config.load(CONFIG, "../pom", Map.of()));
    }

    @Test
    void redacted_secrets_areHidden() {
        Config c = Config.load(CONFIG, "development", Map.of("API_TOKEN", "t0ps3cret"));
        Map<String, String> r = new Config("x", Map.of("POSTGRES_PASSWORD", "hunter2", "AWS_SECRET_ACCESS", "s",
                "API_TOKEN", "t", "SSH_KEY", "k", "POSTGRES_USER", "postgres")).redacted();
        assertEquals("********", r.get("POSTGRES_PASSWORD"));
        assertEquals("********", r.get("AWS_SECRET_ACCESS"));
        assertEquals("********", r.get("API_TOKEN"));
        assertEquals("********", r.get("SSH_KEY"));
        assertEquals("postgres", r.get("POSTGRES_USER"));
        assertEquals("********", c.redacted().get("POSTGRES_PASSWORD"));
        assertEquals("postgresql://postgres@embedded:5432/application",
                Settings.from(c, Path.of("..")).database().toString());
    }

    @Test
    void load_malformedFile_failsInOneClearLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.json"), "[{\"name\": \"A\"}]");
        Files.writeString(dir.resolve("broken.json"), "[{\"name\": ");
        Files.writeString(dir.resolve("object.json"), "{}");
        assertEquals(dir.resolve("bad.json") + ": entry 0 needs a \"name\" and a \"value\"",
                assertThrows(ConfigException.class, () -> Config.load(dir, "bad", Map.of())).getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> Config.load(dir, "broken", Map.of())).getMessage()
                .endsWith("not valid JSON (line 1)"));
        assertTrue(assertThrows(ConfigException.class, () -> Config.load(dir, "object", Map.of())).getMessage()
                .contains("expected a list"));
    }

    @Test
    void settings_badValue_isNamed() {
        Config c = new Config("development", Map.of("WHALE_PORT", "http"));
        assertEquals("WHALE_PORT: 'http' is not a number",
                assertThrows(ConfigException.class, () -> Settings.from(c, Path.of("."))).getMessage());
    }
}
