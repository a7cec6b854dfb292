package dev.whale.cli.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whale.cli.Await;
import dev.whale.service.Config;
import dev.whale.service.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** whale stack: real nginx in front of real whale processes and PostgreSQL, as production runs them. */
class StackTest {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Pattern LOG = Pattern.compile("to: (\\S+): GET (\\S+) HTTP/1\\.1 (\\d+)$");

    static void requireNginx() {
        if (!Files.isExecutable(Path.of("/usr/sbin/nginx"))) {
            throw new AssertionError("nginx is missing: apt-get install nginx");
        }
    }

    /** A JVM option the stack's own JVM is started with, which every instance must get too. */
    static final String JVM_OPTION = "-Xmx200m";

    /** Starts a stack; returns its state (ports and pids). */
    static Map<String, String> up(Path project, String... options) throws Exception {
        requireNginx();
        List<String> args = new ArrayList<>(List.of("stack", "up", "--http-port", "0", "--https-port", "0"));
        args.addAll(List.of(options));
        Whale.Result r = Whale.run(project, Map.of(), List.of(JVM_OPTION), args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.out() + r.err());
        Map<String, String> state = Config.read(project.resolve(".whale/stack/state.json"));
        for (int i = 1; state.containsKey("WEB_" + i + "_PID"); i++) {
            List<String> cmdline = List.of(Files.readString(Path.of("/proc", state.get("WEB_" + i + "_PID"), "cmdline"))
                    .split("\0"));
            List<String> jvm = cmdline.subList(0, Math.max(0, cmdline.indexOf("-cp")));
            assertTrue(jvm.contains(JVM_OPTION), "web-" + i + " runs with the stack's JVM options: " + jvm);
        }
        return state;
    }

    static void down(Path project) throws Exception {
        Whale.Result r = Whale.run(project, Map.of(), "stack", "down");
        assertEquals(0, r.exit(), r.err());
        assertTrue(!Files.exists(project.resolve(".whale/stack")), "stack down removes .whale/stack");
    }

    static int get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    static Path upstreamLogFile(Path project) {
        return project.resolve(".whale/stack/nginx/upstream.log");
    }

    /** How many 503s to GET /users the instances logged, each in its own access log. */
    static long unavailableAnswers(Path project) throws IOException {
        long n = 0;
        for (int i = 1; Files.exists(project.resolve(".whale/stack/web-" + i + ".log")); i++) {
            n += Files.readAllLines(project.resolve(".whale/stack/web-" + i + ".log")).stream()
                    .filter(l -> l.contains("\"method\":\"GET\",\"path\":\"/users\",\"status\":503,")).count();
        }
        return n;
    }

    /** The upstream of each logged request: address by URI, in order. */
    static List<String[]> upstreamLog(Path project) throws Exception {
        List<String[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(upstreamLogFile(project))) {
            Matcher m = LOG.matcher(line);
            if (m.find()) {
                out.add(new String[] {m.group(1), m.group(2), m.group(3)});
            }
        }
        return out;
    }

    @Test
    void roundRobinOverEveryInstanceAndKillNineUnderLoad(@TempDir Path dir) throws Exception {
        Path project = Whale.project(dir);
        try {
            Map<String, String> s = up(project, "--instances", "3");
            String base = "http://127.0.0.1:" + s.get("HTTP_PORT");
            for (int i = 0; i < 300; i++) {
                assertEquals(200, get(base + "/"), "request " + i);
            }
            Set<String> seen = new TreeSet<>();
            upstreamLog(project).forEach(e -> seen.add(e[0]));
            assertEquals(new TreeSet<>(List.of("127.0.0.1:" + s.get("WEB_1_PORT"), "127.0.0.1:" + s.get("WEB_2_PORT"),
                    "127.0.0.1:" + s.get("WEB_3_PORT"))), seen, "every instance serves");
            Whale.Result status = Whale.run(project, Map.of(), "stack", "status");
            assertEquals(0, status.exit());
            assertTrue(status.out().matches("(?s)PART +PID +PORT +STATE\npostgres .* up\nweb-1 .* up\nweb-2 .* up\n"
                    + "web-3 .* up\nnginx .* up\n"),
                    status.out());

            // kill -9 one instance while 8 clients keep requesting: at most the requests in flight may fail.
            int clients = 8;
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger ok = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<?>> load = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                load.add(pool.submit(() -> {
                    while (running.get()) {
                        (get(base + "/users") == 200 ? ok : failed).incrementAndGet();
                    }
                }));
            }
            Await.until(Duration.ofSeconds(60), () -> ok.get() > 100, () -> "only " + ok.get() + " requests served");
            new ProcessBuilder("kill", "-9", s.get("WEB_2_PID")).start().waitFor();
            int beforeKill = ok.get();
            Await.until(Duration.ofSeconds(60), () -> ok.get() > beforeKill + 100,
                    () -> "only " + (ok.get() - beforeKill) + " requests served after the kill");
            running.set(false);
            for (Future<?> f : load) {
                f.get();
            }
            pool.shutdown();
            assertTrue(ok.get() > 100, "too few requests under load: " + ok.get());
            assertTrue(failed.get() <= clients,
                    failed.get() + " requests failed; at most " + clients + " were in flight");
            for (int i = 0; i < 30; i++) {
                assertEquals(200, get(base + "/"), "nginx keeps serving without web-2");
            }
            Whale.Result after = Whale.run(project, Map.of(), "stack", "status");
            assertEquals(1, after.exit(), "status reports a part down");
            assertTrue(after.out().matches("(?s).*\nweb-2 .* down\n.*"), after.out());

            // The database goes away: every instance would answer 503 alike, so nginx must not try each in turn.
            // The instances' access logs count the requests they answered: one each, not one per instance. (A
            // stale keep-alive connection may make nginx try a second instance, which then sees the request once.)
            EmbeddedPostgres.stop(project.resolve(".whale/stack/pgdata"));
            int logged = Files.readAllLines(upstreamLogFile(project)).size();
            long answered = unavailableAnswers(project);
            for (int i = 0; i < 3; i++) {
                assertEquals(503, get(base + "/users"));
            }
            Await.until(Duration.ofSeconds(10), () -> {
                List<String> lines = Files.readAllLines(upstreamLogFile(project));
                return lines.subList(logged, lines.size()).stream()
                        .filter(l -> l.endsWith(" GET /users HTTP/1.1 503")).count() == 3
                        && unavailableAnswers(project) >= answered + 3;
            }, () -> "nginx and the instances did not log the three 503s");
            assertEquals(answered + 3, unavailableAnswers(project), "instances that answered 503 for 3 requests");
        } finally {
            down(project);
        }
    }

    @Test
    void weightsSplitThreeToOneAndTlsVerifiesTheChain(@TempDir Path dir) throws Exception {
        Path project = Whale.project(dir);
        try {
            Map<String, String> s = up(project, "--instances", "2", "--weights", "3,1", "--tls");
            String https = "https://localhost:" + s.get("HTTPS_PORT");
            Path ca = project.resolve(".whale/stack/nginx/certs/ca.pem");
            for (int i = 0; i < 400; i++) {
                Process curl = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--cacert",
                        ca.toString(), https + "/").start();
                String code = new String(curl.getInputStream().readAllBytes());
                assertEquals(0, curl.waitFor(), "curl --cacert verifies the chain");
                assertEquals("200", code);
            }
            Map<String, Integer> counts = new HashMap<>();
            upstreamLog(project).forEach(e -> counts.merge(e[0], 1, Integer::sum));
            int heavy = counts.getOrDefault("127.0.0.1:" + s.get("WEB_1_PORT"), 0);
            int light = counts.getOrDefault("127.0.0.1:" + s.get("WEB_2_PORT"), 0);
            assertEquals(400, heavy + light, counts.toString());
            assertTrue(Math.abs(heavy - 300) <= 20, "3:1 within ±5%: " + counts);

            Process plain = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}",
                    "http://localhost:" + s.get("HTTP_PORT") + "/users").start();
            assertEquals("301 " + https + "/users", new String(plain.getInputStream().readAllBytes()));
            Process untrusted = new ProcessBuilder("curl", "-s", "-o", "/dev/null", https + "/").start();
            assertEquals(60, untrusted.waitFor(), "without the CA, curl refuses the certificate (exit 60)");
        } finally {
            down(project);
        }
    }

    @Test
    void consistentHashIsWhatRingLocatePredicts(@TempDir Path dir) throws Exception {
        Path project = Whale.project(dir);
        try {
            Map<String, String> s = up(project, "--instances", "3", "--hash", "consistent");
            String base = "http://127.0.0.1:" + s.get("HTTP_PORT");
            List<String> uris = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                uris.add("/recipes/" + i + "?page=" + (i % 7));
            }
            for (String u : uris) {
                get(base + u);
            }
            // nginx writes a request's log line after its response has gone out: wait for the last ones.
            Map<String, String> actual = new HashMap<>();
            Await.until(Duration.ofSeconds(10), () -> {
                upstreamLog(project).forEach(e -> actual.put(e[1], e[0]));
                return actual.size() == uris.size();
            }, () -> "nginx logged " + actual.size() + " of " + uris.size() + " requests");
            List<String> args = new ArrayList<>(List.of("ring", "locate", "--profile", "nginx", "--servers",
                    "127.0.0.1:" + s.get("WEB_1_PORT") + ",127.0.0.1:" + s.get("WEB_2_PORT") + ",127.0.0.1:"
                            + s.get("WEB_3_PORT")));
            args.addAll(uris);
            Whale.Result predicted = Whale.run(project, Map.of(), args.toArray(String[]::new));
            assertEquals(0, predicted.exit(), predicted.err());
            int matched = 0;
            Set<String> used = new TreeSet<>();
            for (String line : predicted.out().split("\n")) {
                String[] f = line.split("\t");
                assertEquals(actual.get(f[0]), f[1], "nginx and whale ring disagree on " + f[0]);
                used.add(f[1]);
                matched++;
            }
            assertEquals(1000, matched);
            assertEquals(3, used.size(), "all three instances take keys");
        } finally {
            down(project);
        }
    }
}
