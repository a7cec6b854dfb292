package dev.whale.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * serve owns its embedded PostgreSQL: the postmaster is killed (-9, then a fast shutdown by someone else) under
 * load, serve starts it again by itself, and every write it acknowledged is still there.
 */
class SupervisionTest {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final String PASSWORD = "supervision-pw-never-shown";

    static HttpResponse<String> send(HttpRequest.Builder r) throws Exception {
        return HTTP.send(r.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static int post(String url, String email) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url + "/api/users")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\"}"))).statusCode();
    }

    @Test
    void serve_postmasterKilledUnderLoad_comesBackWithEveryAcknowledgedWrite(@TempDir Path tmp) throws Exception {
        Path project = TestDirs.enterable(tmp);
        Settings settings = Settings.from(new Config("development", Map.of("WHALE_PROFILE", "testing",
                "POSTGRES_HOSTNAME", DatabaseSettings.EMBEDDED, "POSTGRES_PORT", "0", "POSTGRES_PASSWORD", PASSWORD,
                "WHALE_DB_TIMEOUT_MS", "1000", "WHALE_DB_POOL_SIZE", "4")), project).withPort(0);
        Path data = Service.embeddedDir(settings);
        ConcurrentLinkedQueue<String> progress = new ConcurrentLinkedQueue<>();
        try (Service service = Service.start(settings, progress::add, line -> {})) {
            String url = service.url();
            awaitHealth(url, Duration.ofSeconds(60));
            List<String> acknowledged = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                if (post(url, "before" + i + "@crash.test") == 201) {
                    acknowledged.add("before" + i + "@crash.test");
                }
            }
            assertEquals(30, acknowledged.size());

            AtomicBoolean running = new AtomicBoolean(true);
            ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> written = new ConcurrentLinkedQueue<>();
            var pool = Executors.newFixedThreadPool(8);
            List<Future<?>> load = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                load.add(pool.submit(() -> {
                    for (int n = 0; running.get(); n++) {
                        int code;
                        try {
                            if (thread % 2 == 0) {
                                String email = "load" + thread + "-" + n + "@crash.test";
                                code = post(url, email);
                                if (code == 201) {
                                    written.add(email);
                                }
                            } else {
                                code = send(HttpRequest.newBuilder(URI.create(url + "/users"))).statusCode();
                            }
                        } catch (Exception e) {
                            code = -1;
                        }
                        statuses.add(code);
                    }
                    return null;
                }));
            }
            for (String signal : List.of("KILL", "INT")) {
                awaitMoreWrites(written, 8);
                long pid = EmbeddedPostgres.pid(data).orElseThrow();
                assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor());
                Await.until(Duration.ofSeconds(10), () -> EmbeddedPostgres.pid(data).orElse(pid) != pid,
                        () -> "postmaster " + pid + " still runs after SIG" + signal);
                awaitHealth(url, Duration.ofSeconds(10));
                assertNotEquals(pid, EmbeddedPostgres.pid(data).orElseThrow(), "a new postmaster after SIG" + signal);
            }
            awaitMoreWrites(written, 8);
            running.set(false);
            for (Future<?> f : load) {
                f.get();
            }
            pool.shutdown();
            List<Integer> other = statuses.stream().filter(c -> c != 200 && c != 201 && c != 503).toList();
            assertTrue(other.isEmpty(), "only 200, 201 and 503 while the database restarts; also got " + other);
            assertTrue(statuses.contains(503), "the load must have met the restarts");

            acknowledged.addAll(written);
            String users = send(HttpRequest.newBuilder(URI.create(url + "/api/users"))).body();
            List<String> lost = acknowledged.stream().filter(e -> !users.contains("\"" + e + "\"")).toList();
            assertTrue(lost.isEmpty(), lost.size() + " acknowledged users are lost: " + lost);
        }
        assertFalse(EmbeddedPostgres.running(data), "closing serve stops its PostgreSQL");
        String said = String.join("\n", progress);
        assertTrue(said.contains("stopped (killed by signal 9); starting it again in"), said);
        assertTrue(said.contains("the embedded PostgreSQL is back"), said);
        assertFalse(said.contains(PASSWORD));
    }

    static void awaitHealth(String url, Duration within) throws Exception {
        int[] last = {-1};
        Await.until(within, () -> {
            try {
                last[0] = send(HttpRequest.newBuilder(URI.create(url + "/health"))).statusCode();
            } catch (IOException e) {
                last[0] = -1;
            }
            return last[0] == 200;
        }, () -> url + "/health did not answer 200; last " + last[0]);
    }

    /** Lets the load acknowledge {@code n} more writes: the load runs on the database as it is now. */
    static void awaitMoreWrites(Collection<String> written, int n) throws Exception {
        int target = written.size() + n;
        Await.until(Duration.ofSeconds(20), () -> written.size() >= target,
                () -> "the load acknowledged " + written.size() + " writes, expected " + target);
    }
}
