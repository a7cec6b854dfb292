package dev.whale.cli.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whale.cli.Await;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipesCommandTest {
    @Test
    void anUnreachableDatabaseIsOneLineWithoutThePassword(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Whale.Result r = Whale.run(Whale.project(dir), Map.of("WHALEAPP__DB_HOST", "127.0.0.1",
                "WHALEAPP__DB_PORT", Integer.toString(port), "WHALEAPP__DB_NAME", "whale_db",
                "WHALEAPP__DB_USER", "whale_user", "WHALEAPP__DB_PASSWORD", "whale_password"), "recipes");
        assertEquals(1, r.exit());
        assertEquals("Connecting to the PostgreSQL database...\n", r.out());
        assertTrue(r.err().startsWith("whale recipes: whale_user@127.0.0.1:" + port + "/whale_db: "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(r.err().contains("whale_password"));
    }

    @Test
    void watchKeepsRetrying(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path out = dir.resolve("out.txt");
        Process p = Whale.builder(Whale.project(dir.resolve("p")), Map.of("WHALEAPP__DB_HOST", "127.0.0.1",
                "WHALEAPP__DB_PORT", Integer.toString(port), "WHALEAPP__DB_PASSWORD", "whale_password"),
                "recipes", "--watch", "--interval", "100ms").redirectErrorStream(true).redirectOutput(out.toFile())
                .start();
        try {
            Await.until(Duration.ofSeconds(60), () -> Files.readString(out).split("Connecting", -1).length >= 4
                    || !p.isAlive(), () -> "--watch did not try three times");
            assertTrue(p.isAlive(), "--watch does not exit on an error");
        } finally {
            p.destroy();
            p.waitFor();
        }
        String text = Files.readString(out);
        assertTrue(text.split("Connecting to the PostgreSQL database...", -1).length >= 4, text);
        assertTrue(text.contains("whale recipes: postgres@127.0.0.1:" + port + "/application: "), text);
        assertFalse(text.contains("whale_password"));
    }

    @Test
    void aBadIntervalIsAUsageError(@TempDir Path dir) throws Exception {
        Whale.Result r = Whale.run(Whale.project(dir), Map.of(), "recipes", "--watch", "--interval", "soon");
        assertEquals(2, r.exit());
        assertEquals("whale recipes: --interval: 'soon' is not a duration such as 500ms, 3s or 1m\n", r.err());
    }
}
