package dev.whale.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every route over real HTTP, on a fresh database. */
class RoutesTest {
    static final List<String> LOG = new CopyOnWriteArrayList<>();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static WhaleApp app;
    static Database db;

    @BeforeAll
    static void start() {
        Settings s = Settings.from(new Config("testing", Map.of("WHALE_PROFILE", "testing",
                "WHALE_STATIC_DIR", "../service/static", "WHALE_MAX_REQUEST_BYTES", "1000")), Path.of("."));
        db = Database.over(TestDb.fresh());
        db.migrate(m -> {});
        app = WhaleApp.create(s, db, LOG::add).start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(app.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(app.url() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request sent as raw bytes, so that no client normalises the path first. */
    static String raw(String requestLine) throws IOException {
        try (Socket s = new Socket("127.0.0.1", app.port())) {
            OutputStream out = s.getOutputStream();
            out.write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void helloWorld() throws Exception {
        assertEquals("Hello, World!", get("/").body());
        assertEquals("Hello, World!", get("/index").body());
        assertEquals(200, get("/").statusCode());
    }

    @Test
    void usersCountTheTable() throws Exception {
        long before = new Users(db).count();
        assertEquals("Number of users: " + before, get("/users").body());
        assertEquals(201, post("/api/users", "{\"email\": \"count.me@server.com\"}").statusCode());
        assertEquals("Number of users: " + (before + 1), get("/users").body());
    }

    @Test
    void apiUsers() throws Exception {
        HttpResponse<String> created = post("/api/users", "{\"email\": \"api@server.com\"}");
        assertEquals(201, created.statusCode());
        assertTrue(created.body().matches("\\{\"id\":\\d+,\"email\":\"api@server.com\"}"), created.body());
        String id = created.body().replaceAll("\\D*(\\d+).*", "$1");
        assertEquals(created.body(), get("/api/users/" + id).body());
        assertTrue(get("/api/users").body().contains("\"email\":\"api@server.com\""));
        HttpResponse<String> dup = post("/api/users", "{\"email\": \"api@server.com\"}");
        assertEquals(409, dup.statusCode());
        assertTrue(dup.body().contains("already exists"), dup.body());
        HttpResponse<String> bad = post("/api/users", "{\"email\": \"not an email\"}");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("invalid email"), bad.body());
        assertEquals(400, post("/api/users", "{}").statusCode());
        assertEquals(404, get("/api/users/999999").statusCode());
        assertEquals(404, get("/api/users/abc").statusCode());
    }

    @Test
    void badRequestsGetJsonErrors() throws Exception {
        HttpResponse<String> invalid = post("/api/users", "{\"email\": ");
        assertEquals(400, invalid.statusCode());
        assertTrue(invalid.body().startsWith("{\"error\":\"invalid JSON"), invalid.body());
        HttpResponse<String> big = post("/api/users", "{\"email\": \"" + "a".repeat(2000) + "@x.com\"}");
        assertEquals(413, big.statusCode());
        assertTrue(big.body().contains("\"error\""), big.body());
        HttpResponse<String> unknown = post("/no/such/route", "{}");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("\"error\""), unknown.body());
        assertEquals("application/json", get("/nope").headers().firstValue("Content-Type").orElse("").split(";")[0]);
    }

    @Test
    void recipesAsJson() throws Exception {
        db.jdbi().useHandle(h -> h.execute("INSERT INTO recipes VALUES (1, 'Tacos'), (2, 'Tomato Soup')"
                + " ON CONFLICT DO NOTHING"));
        HttpResponse<String> r = get("/recipes");
        assertEquals(200, r.statusCode());
        assertEquals("[{\"recipe_id\":1,\"recipe_name\":\"Tacos\"},{\"recipe_id\":2,\"recipe_name\":\"Tomato Soup\"}]",
                r.body());
    }

    @Test
    void health() throws Exception {
        HttpResponse<String> r = get("/health");
        assertEquals(200, r.statusCode());
        assertEquals("{\"status\":\"ok\",\"database\":\"up\"}", r.body());
    }

    @Test
    void staticFiles() throws Exception {
        HttpResponse<String> index = get("/index.html");
        assertEquals(200, index.statusCode());
        assertTrue(index.body().contains("main.css"));
        assertTrue(index.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertEquals(200, get("/main.css").statusCode());
        assertEquals(404, get("/missing.css").statusCode());
    }

    @Test
    void noPathTraversal() throws Exception {
        for (String path : List.of("/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd",
                "/%252e%252e/%252e%252e/etc/passwd", "/main.css/../../../../etc/passwd", "//etc/passwd",
                "/..\\..\\etc\\passwd", "/%2e%2e%5c%2e%2e%5cetc%5cpasswd", "/main.css%00.html")) {
            String response = raw("GET " + path + " HTTP/1.1");
            assertFalse(response.contains("root:"), path + " left the directory:\n" + response);
            String status = response.substring(9, 12);
            assertTrue(status.equals("404") || status.equals("400"), path + " -> " + response.lines().findFirst());
        }
    }

    @Test
    void accessLogHasMethodPathStatusAndTime() throws Exception {
        get("/index?password=hunter2");
        String line = LOG.stream().filter(l -> l.contains(" GET /index ")).findFirst().orElseThrow();
        assertTrue(line.matches("\\S+Z 127\\.0\\.0\\.1 GET /index 200 \\d+\\.\\d\\dms"), line);
        assertFalse(String.join("\n", LOG).contains("hunter2"));
    }
}
