package dev.whale.cli.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthCommandTest {
    @Test
    void exitsZeroOnlyOn200(@TempDir Path dir) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", ex -> {
            byte[] b = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.createContext("/down", ex -> {
            byte[] b = "{\"status\":\"unavailable\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(503, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            Whale.Result ok = Whale.run(dir, Map.of(), "health", "--url", base + "/ok");
            assertEquals(0, ok.exit(), ok.err());
            Whale.Result down = Whale.run(dir, Map.of(), "health", "--url", base + "/down");
            assertEquals(1, down.exit());
            assertEquals("whale health: " + base + "/down answered 503: {\"status\":\"unavailable\"}\n", down.err());
            server.stop(0);
            Whale.Result gone = Whale.run(dir, Map.of(), "health", "--url", base + "/ok", "--timeout", "1s");
            assertEquals(1, gone.exit());
            assertTrue(gone.err().startsWith("whale health: " + base + "/ok: "), gone.err());
            assertEquals(1, gone.err().lines().count());
        } finally {
            server.stop(0);
        }
    }
}
