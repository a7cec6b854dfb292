package dev.whale.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database goes away and comes back while the service runs: a real PostgreSQL, stopped and started. */
class ReliabilityTest {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final String PASSWORD = "s3cret-pw-for-grep";

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static Settings settings(int dbPort) {
        return Settings.from(new Config("testing", Map.of("WHALE_PROFILE", "testing",
                "POSTGRES_HOSTNAME", "localhost", "POSTGRES_PORT", Integer.toString(dbPort),
                "POSTGRES_PASSWORD", PASSWORD, "APPLICATION_DB", "reliability",
                "WHALE_DB_TIMEOUT_MS", "1000", "WHALE_DB_POOL_SIZE", "4")), Path.of("."));
    }

    static int status(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static void awaitStatus(String url, int want, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = status(url);
            if (last == want) {
                return;
            }
            Thread.sleep(100);
        }
        assertEquals(want, last, url + " did not answer " + want + " within " + within);
    }

    @Test
    void downAtStartUpThenRecoversByItself(@TempDir Path dir) throws Exception {
        int dbPort = freePort();
        List<String> progress = new ArrayList<>();
        try (Service service = Service.start(settings(dbPort), progress::add, line -> {})) {
            String health = service.url() + "/health";
            // Until the database is ready, /health says why at once instead of waiting for the pool's timeout
            // (1 s here): first that it is not ready, then the reason the last attempt failed.
            HttpResponse<String> early = null;
            long slowest = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                long t0 = System.nanoTime();
                early = HTTP.send(HttpRequest.newBuilder(URI.create(health)).build(),
                        HttpResponse.BodyHandlers.ofString());
                slowest = Math.max(slowest, (System.nanoTime() - t0) / 1_000_000);
                assertEquals(503, early.statusCode());
                if (early.body().contains("localhost:" + dbPort)) {
                    break;
                }
                Thread.sleep(50);
            }
            assertTrue(early.body().contains("localhost:" + dbPort), early.body());
            assertTrue(slowest < 900, "/health took " + slowest + " ms before the database was ready");
            assertFalse(early.body().contains(PASSWORD));
            assertEquals(503, status(service.url() + "/users"));
            assertEquals(200, status(service.url() + "/"));
            try (EmbeddedPostgres pg = EmbeddedPostgres.detached(TestDirs.enterable(dir).resolve("pg"),
                    TestDirs.embedded(dbPort, PASSWORD), m -> {})) {
                awaitStatus(health, 200, Duration.ofSeconds(20));
                assertEquals(200, status(service.url() + "/users"));
            }
        }
        assertTrue(progress.stream().anyMatch(l -> l.contains("retrying every second")), progress.toString());
        assertTrue(progress.contains("the database is ready"), progress.toString());
        assertFalse(String.join("\n", progress).contains(PASSWORD));
    }

    @Test
    void restartUnderLoadNeverHangsPastThePoolTimeout(@TempDir Path dir) throws Exception {
        int dbPort = freePort();
        Path data = TestDirs.enterable(dir).resolve("pg");
        ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
        EmbeddedPostgres pg = EmbeddedPostgres.detached(data, TestDirs.embedded(dbPort, PASSWORD), m -> {});
        try (Service service = Service.start(settings(dbPort), log::add, log::add)) {
            awaitStatus(service.url() + "/health", 200, Duration.ofSeconds(20));
            AtomicBoolean running = new AtomicBoolean(true);
            ConcurrentLinkedQueue<long[]> results = new ConcurrentLinkedQueue<>();
            var pool = Executors.newFixedThreadPool(8);
            List<Future<?>> load = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                load.add(pool.submit(() -> {
                    while (running.get()) {
                        long t0 = System.nanoTime();
                        int code;
                        try {
                            code = status(service.url() + "/users");
                        } catch (Exception e) {
                            code = -1;
                        }
                        results.add(new long[] {code, (System.nanoTime() - t0) / 1_000_000});
                    }
                    return null;
                }));
            }
            Thread.sleep(500);
            pg.close();
            assertFalse(EmbeddedPostgres.running(data));
            Thread.sleep(1500);
            pg = EmbeddedPostgres.detached(data, TestDirs.embedded(dbPort, PASSWORD), m -> {});
            awaitStatus(service.url() + "/health", 200, Duration.ofSeconds(20));
            Thread.sleep(500);
            running.set(false);
            for (Future<?> f : load) {
                f.get();
            }
            pool.shutdown();
            long ok = results.stream().filter(r -> r[0] == 200).count();
            long unavailable = results.stream().filter(r -> r[0] == 503).count();
            long slowest = results.stream().mapToLong(r -> r[1]).max().orElse(0);
            assertTrue(ok > 0 && unavailable > 0, "expected both 200s and 503s, got " + ok + " and " + unavailable);
            assertEquals(results.size(), ok + unavailable, "only 200 and 503 are expected");
            // The pool's timeout is 1 s; a request may also wait for a query already under way to fail.
            assertTrue(slowest < 1000 + 1500, "a request took " + slowest + " ms");
        } finally {
            pg.close();
        }
        assertFalse(String.join("\n", log).contains(PASSWORD), "a log line holds the password");
    }
}
