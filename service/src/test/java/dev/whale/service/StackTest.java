package dev.whale.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/**
 * {@link Stack}: real nginx (Debian's) in front of whale processes on the production config and a real PostgreSQL,
 * as production runs them. The instances are {@link ServeMain}, this module's stand-in for {@code whale serve}.
 */
class StackTest {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Pattern LOG = Pattern.compile("to: (\\S+): GET (\\S+) HTTP/1\\.1 (\\d+)$");

    /** A stack over a copy of the repository's project in {@code dir}. */
    static Stack stack(Path dir) throws IOException {
        Path project = TestDirs.project(dir);
        List<String> serve = List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), ServeMain.class.getName());
        return new Stack(project, project.resolve(".whale"), serve);
    }

    static Stack.Options options(int instances, List<Integer> weights, boolean tls) {
        return new Stack.Options(instances, weights, tls, false, 0, 0);
    }

    static void down(Stack stack) {
        stack.down();
        assertFalse(Files.exists(stack.dir()), "down removes .whale/stack");
    }

    static int get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    /** The upstream of each request that nginx logged: its address and URI. */
    static List<String[]> upstreamLog(Stack.Up up) throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(up.upstreamLog())) {
            Matcher m = LOG.matcher(line);
            if (m.find()) {
                out.add(new String[] {m.group(1), m.group(2), m.group(3)});
            }
        }
        return out;
    }

    /** The address of each instance, web-1 first. */
    static List<String> instances(Stack.Up up) {
        return up.parts().stream().filter(p -> p.name().startsWith("web-")).map(p -> "127.0.0.1:" + p.port())
                .toList();
    }

    /** How many 503s to GET /users the instances logged, each in its own access log. */
    static long unavailableAnswers(Stack stack) throws IOException {
        long n = 0;
        for (int i = 1; Files.exists(stack.dir().resolve("web-" + i + ".log")); i++) {
            n += Files.readAllLines(stack.dir().resolve("web-" + i + ".log")).stream()
                    .filter(l -> l.contains("\"method\":\"GET\",\"path\":\"/users\",\"status\":503,")).count();
        }
        return n;
    }

    @Test
    void up_threeInstances_roundRobinSurvivesKillNineAndAsksOneInstancePer503(@TempDir Path dir) throws Exception {
        Stack stack = stack(dir);
        try {
            Stack.Up up = stack.up(options(3, List.of(), false), m -> {});
            String base = up.http();
            assertEquals(List.of("postgres", "web-1", "web-2", "web-3", "nginx"),
                    up.parts().stream().map(Stack.Part::name).toList());
            assertTrue(stack.status().stream().allMatch(Stack.Part::up), stack.status().toString());
            for (int i = 0; i < 300; i++) {
                assertEquals(200, get(base + "/"), "request " + i);
            }
            Set<String> seen = new TreeSet<>();
            upstreamLog(up).forEach(e -> seen.add(e[0]));
            assertEquals(new TreeSet<>(instances(up)), seen, "every instance serves");

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
            long web2 = up.parts().get(2).pid();
            new ProcessBuilder("kill", "-9", Long.toString(web2)).start().waitFor();
            int beforeKill = ok.get();
            Await.until(Duration.ofSeconds(60), () -> ok.get() > beforeKill + 100,
                    () -> "only " + (ok.get() - beforeKill) + " requests served after the kill");
            running.set(false);
            for (Future<?> f : load) {
                f.get();
            }
            pool.shutdown();
            assertTrue(failed.get() <= clients,
                    failed.get() + " requests failed; at most " + clients + " were in flight");
            for (int i = 0; i < 30; i++) {
                assertEquals(200, get(base + "/"), "nginx keeps serving without web-2");
            }
            assertEquals(List.of(true, true, false, true, true), stack.status().stream().map(Stack.Part::up).toList(),
                    "status: web-2 is down, the rest up");

            // The database goes away: every instance would answer 503 alike, so nginx must not try each in turn.
            // The instances' access logs count the requests they answered: one each, not one per instance. (A
            // stale keep-alive connection may make nginx try a second instance, which then sees the request once.)
            EmbeddedPostgres.stop(stack.dir().resolve("pgdata"));
            int logged = Files.readAllLines(up.upstreamLog()).size();
            long answered = unavailableAnswers(stack);
            for (int i = 0; i < 3; i++) {
                assertEquals(503, get(base + "/users"));
            }
            Await.until(Duration.ofSeconds(10), () -> {
                List<String> lines = Files.readAllLines(up.upstreamLog());
                return lines.subList(logged, lines.size()).stream()
                        .filter(l -> l.endsWith(" GET /users HTTP/1.1 503")).count() == 3
                        && unavailableAnswers(stack) >= answered + 3;
            }, () -> "nginx and the instances did not log the three 503s");
            assertEquals(answered + 3, unavailableAnswers(stack), "instances that answered 503 for 3 requests");
        } finally {
            down(stack);
        }
    }

    @Test
    void up_weightsAndTls_splitThreeToOneAndRedirectToHttps(@TempDir Path dir) throws Exception {
        Stack stack = stack(dir);
        try {
            makeCertificates(stack.certDir());
            Stack.Up up = stack.up(options(2, List.of(3, 1), true), m -> {});
            String https = up.https();
            assertEquals(stack.certDir().resolve("ca.pem").toString(), up.caFile());
            for (int i = 0; i < 400; i++) {
                Process curl = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--cacert",
                        up.caFile(), https + "/").start();
                String code = new String(curl.getInputStream().readAllBytes());
                assertEquals(0, curl.waitFor(), "curl --cacert verifies the chain");
                assertEquals("200", code);
            }
            Map<String, Integer> counts = new HashMap<>();
            upstreamLog(up).forEach(e -> counts.merge(e[0], 1, Integer::sum));
            int heavy = counts.getOrDefault(instances(up).get(0), 0);
            int light = counts.getOrDefault(instances(up).get(1), 0);
            assertEquals(400, heavy + light, counts.toString());
            assertTrue(Math.abs(heavy - 300) <= 20, "3:1 within ±5%: " + counts);

            Process plain = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}",
                    up.http().replace("127.0.0.1", "localhost") + "/users").start();
            assertEquals("301 " + https + "/users", new String(plain.getInputStream().readAllBytes()));
            Process untrusted = new ProcessBuilder("curl", "-s", "-o", "/dev/null", https + "/").start();
            assertEquals(60, untrusted.waitFor(), "without the CA, curl refuses the certificate (exit 60)");
        } finally {
            down(stack);
        }
    }

    /** A local CA and a certificate for localhost that it signed, made by openssl, where Stack expects them. */
    static void makeCertificates(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                "-nodes", "-subj", "/CN=whale test CA");
        openssl(dir, "req", "-new", "-newkey", "rsa:2048", "-keyout", "server.key", "-out", "server.csr", "-nodes",
                "-subj", "/CN=localhost");
        openssl(dir, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-days", "2",
                "-extfile", "server.ext", "-out", "leaf.pem");
        Files.writeString(dir.resolve("server.pem"), Files.readString(dir.resolve("leaf.pem"))
                + Files.readString(dir.resolve("ca.pem")));
    }

    static void openssl(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "openssl " + String.join(" ", args) + ": " + out);
    }
}
