package dev.whale.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
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

    static Settings settings(int dbPort, Duration poolTimeout) {
        return Settings.from(new Config("testing", Map.of("WHALE_PROFILE", "testing",
                "POSTGRES_HOSTNAME", "localhost", "POSTGRES_PORT", Integer.toString(dbPort),
                "POSTGRES_PASSWORD", PASSWORD, "APPLICATION_DB", "reliability",
                "WHALE_DB_TIMEOUT_MS", Long.toString(poolTimeout.toMillis()), "WHALE_DB_POOL_SIZE", "4")),
                Path.of("."));
    }

    static int status(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static void awaitStatus(String url, int want, Duration within) throws Exception {
        int[] last = {-1};
        Await.until(within, () -> (last[0] = status(url)) == want,
                () -> url + " did not answer " + want + "; last " + last[0]);
    }

    @Test
    @SuppressWarnings("try") // the database's block never names it: it only has to be up meanwhile
    void start_databaseDown_answers503AtOnceAndRecoversByItself(@TempDir Path dir) throws Exception {
        int dbPort = freePort();
        List<String> progress = new ArrayList<>();
        // A pool timeout far longer than /health may take: waiting for the pool would show as a timed-out request,
        // with seconds to spare either way, where a bound close to the timeout would race on a busy machine.
        Duration poolTimeout = Duration.ofSeconds(8);
        Duration healthAnswersWithin = poolTimeout.dividedBy(2);
        try (Service service = Service.start(settings(dbPort, poolTimeout), progress::add, line -> {})) {
            String health = service.url() + "/health";
            // Until the database is ready, /health says why at once instead of waiting for the pool's timeout:
            // first that it is not ready, then the reason the last attempt failed.
            List<HttpResponse<String>> early = new ArrayList<>();
            Await.until(Duration.ofSeconds(10), () -> {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(health))
                        .timeout(healthAnswersWithin).build(), HttpResponse.BodyHandlers.ofString());
                early.add(r);
                assertEquals(503, r.statusCode());
                return r.body().contains("localhost:" + dbPort);
            }, () -> "/health never named the database: " + early.getLast().body());
            assertFalse(early.getLast().body().contains(PASSWORD));
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
    void requests_databaseRestartsUnderLoad_neverWaitForIt(@TempDir Path dir) throws Exception {
        int dbPort = freePort();
        Path data = TestDirs.enterable(dir).resolve("pg");
        Duration poolTimeout = Duration.ofSeconds(1);
        Settings settings = settings(dbPort, poolTimeout);
        // What bounds a request's wait is the pool's own timeout: pinned exactly here, since a wall-clock bound
        // close to it would race with a busy machine.
        try (Database pool = Database.connect(settings.database())) {
            assertEquals(poolTimeout.toMillis(), ((HikariDataSource) pool.dataSource()).getConnectionTimeout());
        }
        ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
        EmbeddedPostgres pg = EmbeddedPostgres.detached(data, TestDirs.embedded(dbPort, PASSWORD), m -> {});
        try (Service service = Service.start(settings, log::add, log::add)) {
            awaitStatus(service.url() + "/health", 200, Duration.ofSeconds(20));
            int clients = 8;
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger phase = new AtomicInteger(UP);
            ConcurrentLinkedQueue<Outcome> results = new ConcurrentLinkedQueue<>();
            var executor = Executors.newFixedThreadPool(clients);
            List<Future<?>> load = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int client = i;
                load.add(executor.submit(() -> {
                    while (running.get()) {
                        int during = phase.get();
                        long t0 = System.nanoTime();
                        int code;
                        try {
                            code = status(service.url() + "/users");
                        } catch (Exception e) {
                            code = -1;
                        }
                        results.add(new Outcome(client, during, code, (System.nanoTime() - t0) / 1_000_000));
                    }
                    return null;
                }));
            }
            Await.until(Duration.ofSeconds(20), () -> count(results, UP, 200) >= clients,
                    () -> "the load got no 200s before the restart: " + results.size() + " requests");
            pg.close();
            assertFalse(EmbeddedPostgres.running(data));
            phase.set(DOWN);
            // The database stays away until every client has had two 503s that started after it went: were a
            // request to wait for the database instead of the pool's timeout, this would never come true.
            Await.until(Duration.ofSeconds(30), () -> clientsWith(results, DOWN, 503, 2) == clients,
                    () -> clientsWith(results, DOWN, 503, 2) + " of " + clients + " clients had two 503s while the"
                            + " database was down");
            pg = EmbeddedPostgres.detached(data, TestDirs.embedded(dbPort, PASSWORD), m -> {});
            phase.set(BACK);
            awaitStatus(service.url() + "/health", 200, Duration.ofSeconds(20));
            Await.until(Duration.ofSeconds(20), () -> count(results, BACK, 200) >= clients,
                    () -> "the load got no 200s after the restart");
            running.set(false);
            for (Future<?> f : load) {
                f.get();
            }
            executor.shutdown();
            long ok = results.stream().filter(r -> r.code() == 200).count();
            long unavailable = results.stream().filter(r -> r.code() == 503).count();
            long slowest = results.stream().mapToLong(Outcome::millis).max().orElse(0);
            assertTrue(ok > 0 && unavailable > 0, "expected both 200s and 503s, got " + ok + " and " + unavailable);
            assertEquals(results.size(), ok + unavailable, "only 200 and 503 are expected");
            // A coarse guard only, far from any scheduling noise: no request hangs for a third of HikariCP's
            // default timeout (30 s), which a lost setting would bring back.
            assertTrue(slowest < 10_000, "a request took " + slowest + " ms");
        } finally {
            pg.close();
        }
        assertFalse(String.join("\n", log).contains(PASSWORD), "a log line holds the password");
    }

    private static final int UP = 0;
    private static final int DOWN = 1;
    private static final int BACK = 2;

    /** One request of the load: which client sent it, in which phase it started, its status and duration. */
    private record Outcome(int client, int phase, int code, long millis) {}

    private static long count(Collection<Outcome> results, int phase, int code) {
        return results.stream().filter(r -> r.phase() == phase && r.code() == code).count();
    }

    /** How many clients had at least {@code n} answers {@code code} to requests started in {@code phase}. */
    private static long clientsWith(Collection<Outcome> results, int phase, int code, int n) {
        return results.stream().filter(r -> r.phase() == phase && r.code() == code)
                .collect(Collectors.groupingBy(Outcome::client, Collectors.counting()))
                .values().stream().filter(c -> c >= n).count();
    }
}
