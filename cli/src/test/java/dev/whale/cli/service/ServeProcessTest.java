package dev.whale.cli.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whale.cli.Await;
import dev.whale.service.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code whale serve} as a user starts it: a process on the development config and its embedded PostgreSQL. */
class ServeProcessTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void servesProbesAndDrainsOnSigterm(@TempDir Path dir) throws Exception {
        Path project = Whale.project(dir);
        int pgPort = freePort();
        String password = "pw-" + Long.toHexString(System.nanoTime());
        Process p = Whale.builder(project,
                Map.of("POSTGRES_PORT", Integer.toString(pgPort), "POSTGRES_PASSWORD", password),
                "serve", "--port", "0")
                .redirectError(dir.resolve("serve.err").toFile()).redirectOutput(dir.resolve("serve.out").toFile())
                .start();
        try {
            // Process.destroy() closes the streams it gives, so the output goes to files.
            Await.until(Duration.ofSeconds(90), () -> Files.readString(dir.resolve("serve.out")).indexOf('\n') >= 0
                    || !p.isAlive(), () -> "whale serve printed no line");
            String first = Files.readString(dir.resolve("serve.out")).lines().findFirst().orElse(null);
            assertTrue(first != null,
                    "whale serve printed nothing; stderr: " + Files.readString(dir.resolve("serve.err")));
            Matcher m = Pattern.compile("on (http://127\\.0\\.0\\.1:(\\d+)),").matcher(first);
            assertTrue(m.find(), first);
            String url = m.group(1);
            awaitHealthy(url);
            assertEquals("Hello, World!", get(url + "/").body());
            assertEquals("Number of users: 0", get(url + "/users").body());
            assertTrue(Files.exists(project.resolve(".whale/postgres/development/PG_VERSION")),
                    "the data lives under .whale/");

            // A request in flight: headers and half its body sent, the rest after SIGTERM. The server's 100 Continue
            // says that the handler reads the body, so SIGTERM cannot come before the request is in flight.
            String body = "{\"email\": \"drain@server.com\"}";
            int port = Integer.parseInt(m.group(2));
            try (Socket s = new Socket("127.0.0.1", port)) {
                OutputStream o = s.getOutputStream();
                o.write(("POST /api/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length() + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                o.flush();
                String interim = interimResponse(s);
                assertTrue(interim.startsWith("HTTP/1.1 100 "), interim);
                o.write(body.substring(0, 10).getBytes(StandardCharsets.UTF_8));
                o.flush();
                p.destroy(); // SIGTERM
                // Once serve refuses new connections it is stopping; it must still wait for the request in flight.
                Await.until(Duration.ofSeconds(30), () -> !accepts(port) || !p.isAlive(),
                        () -> "whale serve still accepts connections after SIGTERM");
                assertTrue(p.isAlive(), "whale serve must wait for the request in flight");
                o.write(body.substring(10).getBytes(StandardCharsets.UTF_8));
                o.flush();
                String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(response.startsWith("HTTP/1.1 201"), response);
            }
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "whale serve did not stop after SIGTERM");
            String access = Files.readString(dir.resolve("serve.out"));
            assertTrue(access.contains(" POST /api/users 201 "), access);
            String log = Files.readString(dir.resolve("serve.err")) + access;
            assertTrue(log.contains("migrating to V1 (users)"), log);
            assertFalse(log.contains("\tat "), "no stack trace: " + log);
            assertFalse(log.contains(password), "a log line holds the password: " + log);
            Await.until(Duration.ofSeconds(20),
                    () -> !Files.exists(project.resolve(".whale/postgres/development/postmaster.pid")),
                    () -> "the embedded PostgreSQL stops with whale serve");
        } finally {
            p.destroyForcibly();
        }
    }

    /** serve's process with its output in files under {@code dir}, named after {@code name}. */
    static Process serve(Path project, Path dir, String name, Map<String, String> env) throws Exception {
        return Whale.builder(project, env, "serve", "--port", "0")
                .redirectError(dir.resolve(name + ".err").toFile()).redirectOutput(dir.resolve(name + ".out").toFile())
                .start();
    }

    /** The URL that serve printed, once it has printed it; fails with its stderr when it exits first. */
    static String url(Path dir, String name, Process p) throws Exception {
        Pattern printed = Pattern.compile("on (http://127\\.0\\.0\\.1:\\d+),");
        String[] url = {null};
        Await.until(Duration.ofSeconds(90), () -> {
            Matcher m = printed.matcher(Files.readString(dir.resolve(name + ".out")));
            if (m.find()) {
                url[0] = m.group(1);
            }
            return url[0] != null || !p.isAlive();
        }, () -> "whale serve printed no URL");
        if (url[0] == null) {
            throw new AssertionError("whale serve printed no URL; stderr: "
                    + Files.readString(dir.resolve(name + ".err")));
        }
        return url[0];
    }

    static void awaitHealthy(String url) throws Exception {
        Await.until(Duration.ofSeconds(60), () -> {
            try {
                return get(url + "/health").statusCode() == 200;
            } catch (AssertionError e) {
                return false; // not listening yet
            }
        }, () -> url + " did not turn healthy");
    }

    /** The interim response (such as 100 Continue) that the server sent on {@code s}, up to its empty line. */
    static String interimResponse(Socket s) throws Exception {
        StringBuilder head = new StringBuilder();
        InputStream in = s.getInputStream();
        while (head.indexOf("\r\n\r\n") < 0) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** Whether something accepts connections on {@code port} of the loopback interface. */
    static boolean accepts(int port) {
        try {
            new Socket("127.0.0.1", port).close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static HttpResponse<String> post(String url, String email) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/users"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** SIGTERM to serve, which must exit within 30 s and stop its PostgreSQL on {@code data}. */
    static void stopLeavingNoPostgres(Process serve, Path data) throws Exception {
        serve.destroy();
        assertTrue(serve.waitFor(30, TimeUnit.SECONDS), "serve did not stop within 30 s of SIGTERM");
        awaitNoPostgres(data, Duration.ofSeconds(5));
    }

    /** Waits until no postmaster runs on {@code data}; fails naming the one that still does. */
    static void awaitNoPostgres(Path data, Duration within) throws Exception {
        Await.until(within, () -> !EmbeddedPostgres.running(data),
                () -> "a PostgreSQL of whale's still runs: pid " + EmbeddedPostgres.pid(data).orElse(0L));
    }

    @Test
    void killNineOfServeTakesItsPostgresAlongAndLosesNothing(@TempDir Path dir) throws Exception {
        Path project = Whale.project(dir.resolve("project"));
        Path data = project.resolve(".whale/postgres/development");
        Map<String, String> env = Map.of("POSTGRES_PORT", Integer.toString(freePort()));
        Process first = serve(project, dir, "first", env);
        try {
            String url = url(dir, "first", first);
            awaitHealthy(url);
            for (int i = 0; i < 10; i++) {
                assertEquals(201, post(url, "kept" + i + "@crash.test").statusCode());
            }
            first.destroyForcibly().waitFor(); // kill -9: no shutdown hook runs
            awaitNoPostgres(data, Duration.ofSeconds(15));
        } finally {
            first.destroyForcibly();
        }
        Process again = serve(project, dir, "again", env);
        try {
            String url = url(dir, "again", again);
            awaitHealthy(url);
            String users = get(url + "/api/users").body();
            for (int i = 0; i < 10; i++) {
                assertTrue(users.contains("kept" + i + "@crash.test"), users);
            }
            stopLeavingNoPostgres(again, data);
        } finally {
            again.destroyForcibly();
        }
    }

    @Test
    void twoServesStartedTogetherOneRefusesInOneLine(@TempDir Path dir) throws Exception {
        Path project = Whale.project(dir.resolve("project"));
        Path data = project.resolve(".whale/postgres/development");
        int pgPort = freePort();
        Map<String, String> env = Map.of("POSTGRES_PORT", Integer.toString(pgPort));
        Process a = serve(project, dir, "a", env);
        Process b = serve(project, dir, "b", env);
        try {
            Await.until(Duration.ofSeconds(60), () -> !a.isAlive() || !b.isAlive(),
                    () -> "neither of two serves gave way");
            assertTrue(a.isAlive() != b.isAlive(), "exactly one of two serves must give way");
            Process loser = a.isAlive() ? b : a;
            Process winner = a.isAlive() ? a : b;
            String err = Files.readString(dir.resolve((loser == a ? "a" : "b") + ".err"));
            assertEquals(1, loser.exitValue(), err);
            assertTrue(err.endsWith("belongs to another whale (pid " + winner.pid() + ", port " + pgPort
                    + "); stop that one first, or point this one at its server with POSTGRES_HOSTNAME=localhost and"
                    + " POSTGRES_PORT\n"), err);
            assertFalse(err.contains("\tat "), err);
            String url = url(dir, winner == a ? "a" : "b", winner);
            awaitHealthy(url);
            stopLeavingNoPostgres(winner, data);
            assertTrue(Files.exists(data.resolve("PG_VERSION")), "one initdb, complete");
        } finally {
            a.destroyForcibly();
            b.destroyForcibly();
        }
    }

    @Test
    void aRequestThatOutlastsTheStopTimeoutStillStopsPostgres(@TempDir Path dir) throws Exception {
        Path project = Whale.project(dir.resolve("project"));
        Path data = project.resolve(".whale/postgres/development");
        int pgPort = freePort();
        Process p = serve(project, dir, "serve", Map.of("POSTGRES_PORT", Integer.toString(pgPort),
                "WHALE_STOP_TIMEOUT_MS", "1000"));
        Process locker = null;
        try {
            String url = url(dir, "serve", p);
            awaitHealthy(url);
            // A transaction that holds the users table keeps the next POST waiting for as long as it runs.
            ProcessBuilder psql = new ProcessBuilder("psql", "-w", "-h", "localhost", "-p", Integer.toString(pgPort),
                    "-U", "postgres", "-d", "application", "-c", "BEGIN; LOCK TABLE users; SELECT pg_sleep(60);")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            psql.environment().put("PGPASSWORD", "postgres");
            locker = psql.start();
            awaitLock(pgPort, true);
            var slow = HTTP.sendAsync(HttpRequest.newBuilder(URI.create(url + "/api/users"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"slow@stop.test\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            awaitLock(pgPort, false);
            assertFalse(slow.isDone(), "the POST must wait for the lock");
            p.destroy(); // SIGTERM while the POST waits
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "serve must give up on the request after its stop timeout");
            String err = Files.readString(dir.resolve("serve.err"));
            assertFalse(err.contains("\tat "), "no stack trace: " + err);
            assertTrue(err.endsWith("whale serve: requests still running after the stop timeout (1000 ms,"
                    + " WHALE_STOP_TIMEOUT_MS) were cut off\n"), err);
            awaitNoPostgres(data, Duration.ofSeconds(5));
        } finally {
            p.destroyForcibly();
            if (locker != null) {
                locker.destroyForcibly();
            }
        }
    }

    /** Waits until some session holds an exclusive lock on the users table ({@code granted}), or waits for one. */
    static void awaitLock(int pgPort, boolean granted) throws Exception {
        Await.until(Duration.ofSeconds(10), () -> {
            ProcessBuilder q = new ProcessBuilder("psql", "-w", "-h", "localhost", "-p", Integer.toString(pgPort),
                    "-U", "postgres", "-d", "application", "-Atc", "SELECT count(*) FROM pg_locks l JOIN pg_class c"
                    + " ON c.oid = l.relation WHERE c.relname = 'users' AND "
                    + (granted ? "l.mode = 'AccessExclusiveLock' AND l.granted" : "NOT l.granted"))
                    .redirectErrorStream(true);
            q.environment().put("PGPASSWORD", "postgres");
            Process pr = q.start();
            String out = new String(pr.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            pr.waitFor();
            return !out.equals("0") && out.matches("\\d+");
        }, () -> granted ? "psql never locked the users table" : "no session waits for the users table");
    }

    static HttpResponse<String> get(String url) throws Exception {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new AssertionError("cannot connect to " + url, e);
        }
    }
}
