package dev.whale.cli.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
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
        Process p = Whale.builder(project, Map.of("POSTGRES_PORT", Integer.toString(pgPort), "POSTGRES_PASSWORD", password),
                "serve", "--port", "0")
                .redirectError(dir.resolve("serve.err").toFile()).redirectOutput(dir.resolve("serve.out").toFile())
                .start();
        try {
            // Process.destroy() closes the streams it gives, so the output goes to files.
            long started = System.nanoTime();
            while (Files.readString(dir.resolve("serve.out")).indexOf('\n') < 0 && p.isAlive()
                    && System.nanoTime() - started < Duration.ofSeconds(90).toNanos()) {
                Thread.sleep(100);
            }
            String first = Files.readString(dir.resolve("serve.out")).lines().findFirst().orElse(null);
            assertTrue(first != null, "whale serve printed nothing; stderr: " + Files.readString(dir.resolve("serve.err")));
            Matcher m = Pattern.compile("on (http://127\\.0\\.0\\.1:(\\d+)),").matcher(first);
            assertTrue(m.find(), first);
            String url = m.group(1);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int health = 0;
            while (System.nanoTime() < deadline && (health = get(url + "/health").statusCode()) != 200) {
                Thread.sleep(200);
            }
            assertEquals(200, health);
            assertEquals("Hello, World!", get(url + "/").body());
            assertEquals("Number of users: 0", get(url + "/users").body());
            assertTrue(Files.exists(project.resolve(".whale/postgres/development/PG_VERSION")),
                    "the data lives under .whale/");

            // A request in flight: headers and half its body sent, the rest after SIGTERM.
            String body = "{\"email\": \"drain@server.com\"}";
            try (Socket s = new Socket("127.0.0.1", Integer.parseInt(m.group(2)))) {
                OutputStream o = s.getOutputStream();
                o.write(("POST /api/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length() + "\r\nConnection: close\r\n\r\n" + body.substring(0, 10)).getBytes(StandardCharsets.UTF_8));
                o.flush();
                Thread.sleep(300);
                p.destroy(); // SIGTERM
                Thread.sleep(500);
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
            long stopDeadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (Files.exists(project.resolve(".whale/postgres/development/postmaster.pid"))
                    && System.nanoTime() < stopDeadline) {
                Thread.sleep(100);
            }
            assertFalse(Files.exists(project.resolve(".whale/postgres/development/postmaster.pid")),
                    "the embedded PostgreSQL stops with whale serve");
        } finally {
            p.destroyForcibly();
        }
    }

    static HttpResponse<String> get(String url) throws Exception {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            throw new AssertionError("cannot connect to " + url, e);
        }
    }
}
