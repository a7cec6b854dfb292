package dev.whale.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Every route over real HTTP, on a fresh database. */
class RoutesTest {
    static final List<String> LOG = new CopyOnWriteArrayList<>();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static WhaleApp app;
    static Database db;

    @BeforeAll
    static void start() {
        db = Database.over(TestDb.fresh());
        db.migrate(m -> {});
        app = WhaleApp.create(settings(Map.of()), db, LOG::add).start();
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

    static HttpResponse<String> send(String method, String path, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(app.url() + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A request sent as raw bytes, so that no client normalises the path first. */
    static String raw(String requestLine) throws IOException {
        return rawRequest(requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    }

    /** {@code request} as it is, head and all, on a socket of its own; the whole response. */
    static String rawRequest(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", app.port())) {
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** The body of an error response, checked to have the shape every error has. */
    static JsonNode error(int status, String body) throws IOException {
        JsonNode node = JSON.readTree(body);
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("error", "status"), names, body);
        assertEquals(status, node.get("status").asInt(), body);
        assertTrue(node.get("error").isTextual(), body);
        return node;
    }

    /** {@code response}, an error with {@code status} whose message is {@code message}. */
    static void assertError(int status, String message, HttpResponse<String> response) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertEquals(message, error(status, response.body()).get("error").asText());
    }

    /** The settings of the test's app, with {@code overrides}. */
    static Settings settings(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(Map.of("WHALE_PROFILE", "testing",
                "WHALE_STATIC_DIR", "../service/static", "WHALE_MAX_REQUEST_BYTES", "1000"));
        values.putAll(overrides);
        return Settings.from(new Config("testing", values), Path.of("."));
    }

    @Test
    void get_root_isHelloWorld() throws Exception {
        assertEquals("Hello, World!", get("/").body());
        assertEquals("Hello, World!", get("/index").body());
        assertEquals(200, get("/").statusCode());
    }

    @Test
    void getUsers_countsTheTable() throws Exception {
        long before = new Users(db).count();
        assertEquals("Number of users: " + before, get("/users").body());
        assertEquals(201, post("/api/users", "{\"email\": \"count.me@server.com\"}").statusCode());
        assertEquals("Number of users: " + (before + 1), get("/users").body());
    }

    @Test
    void apiUsers_createListAndGet() throws Exception {
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
    void postApiUsers_badRequest_isAJsonError() throws Exception {
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
    void getRecipes_isJson() throws Exception {
        db.jdbi().useHandle(h -> h.execute("INSERT INTO recipes VALUES (1, 'Tacos'), (2, 'Tomato Soup')"
                + " ON CONFLICT DO NOTHING"));
        HttpResponse<String> r = get("/recipes");
        assertEquals(200, r.statusCode());
        assertEquals("[{\"recipe_id\":1,\"recipe_name\":\"Tacos\"},{\"recipe_id\":2,\"recipe_name\":\"Tomato Soup\"}]",
                r.body());
    }

    @Test
    void getHealth_databaseUp_is200() throws Exception {
        HttpResponse<String> r = get("/health");
        assertEquals(200, r.statusCode());
        assertEquals("{\"status\":\"ok\",\"database\":\"up\"}", r.body());
    }

    @Test
    void get_staticFile_isServed() throws Exception {
        HttpResponse<String> index = get("/index.html");
        assertEquals(200, index.statusCode());
        assertTrue(index.body().contains("main.css"));
        assertTrue(index.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertEquals(200, get("/main.css").statusCode());
        assertEquals(404, get("/missing.css").statusCode());
    }

    @Test
    void get_pathLeavingTheStaticDir_is404() throws Exception {
        for (String path : List.of("/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd",
                "/%252e%252e/%252e%252e/etc/passwd", "/main.css/../../../../etc/passwd", "//etc/passwd",
                "/..\\..\\etc\\passwd", "/%2e%2e%5c%2e%2e%5cetc%5cpasswd", "/main.css%00.html")) {
            String response = raw("GET " + path + " HTTP/1.1");
            assertFalse(response.contains("root:"), path + " left the directory:\n" + response);
            String status = response.substring(9, 12);
            assertTrue(status.equals("404") || status.equals("400"), path + " -> " + response.lines().findFirst());
            assertTrue(response.contains("\r\nContent-Type: application/json"), path + " -> " + response);
        }
    }

    @Test
    void accessLog_hasMethodPathStatusAndTime() throws Exception {
        get("/index?password=hunter2");
        String line = LOG.stream().filter(l -> l.contains(" GET /index ")).findFirst().orElseThrow();
        assertTrue(line.matches("\\S+Z 127\\.0\\.0\\.1 GET /index 200 \\d+\\.\\d\\dms"), line);
        assertFalse(String.join("\n", LOG).contains("hunter2"));
    }

    @Test
    void postApiUsers_nul_isRefusedBeforeTheDatabase() throws Exception {
        assertError(400, "the body has a NUL character (U+0000), which no field may hold",
                post("/api/users", "{\"email\": \"\\u0000x@y.com\"}"));
        assertError(400, "the body has a NUL character (U+0000), which no field may hold",
                post("/api/users", "{\"email\": \"x@y.com\", \"a\\u0000\": 1}"));
        assertError(400, "the query has a NUL character (%00), which no parameter may hold",
                get("/users?x=%00"));
        assertTrue(new Users(db).list().stream().noneMatch(u -> u.email().contains("x@y.com")));
        assertThrows(ConfigException.class, () -> new Users(db).create("\0x@y.com"));
    }

    @Test
    void postApiUsers_notUtf8_isRefused() throws Exception {
        byte[] body = "{\"email\": \"\u00c3(x@y.com\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertError(400, "the body is not valid UTF-8 (at byte 11)", send("POST", "/api/users", body));
        byte[] truncated = "{\"email\": \"x@y.com\u00e2\u0082\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertError(400, "the body is not valid UTF-8 (at byte 18)", send("POST", "/api/users", truncated));
        byte[] good = "{\"email\": \"\u00e9l\u00e8ve@\u00e9cole.fr\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals(201, send("POST", "/api/users", good).statusCode());
    }

    @Test
    void errors_echoedInput_isCut() throws Exception {
        String huge = "a".repeat(300_000) + "@x";
        try (WhaleApp roomy = WhaleApp.create(settings(Map.of("WHALE_MAX_REQUEST_BYTES", "1000000")), db,
                LOG::add).start()) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(roomy.url() + "/api/users"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\": \"" + huge + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertError(400, "invalid email: " + "a".repeat(64) + "\u2026 (300002 characters)", r);
        }
        String id = "7".repeat(1000);
        assertError(404, "no user " + "7".repeat(64) + "\u2026 (1000 characters)", get("/api/users/" + id));
        String path = "/" + "p".repeat(999);
        assertError(404, "no route for POST " + path.substring(0, 64) + "\u2026 (1000 characters)",
                post(path, "{}"));
        String email = "d".repeat(100) + "@server.com";
        assertEquals(201, post("/api/users", "{\"email\": \"" + email + "\"}").statusCode());
        assertError(409, "a user with email " + "d".repeat(64) + "\u2026 (111 characters) already exists",
                post("/api/users", "{\"email\": \"" + email + "\"}"));
        assertError(404, "no user 12345678", get("/api/users/12345678"));
    }

    @Test
    void errors_jettysOwn_areJson() throws Exception {
        String end = "Host: localhost\r\nConnection: close\r\n\r\n";
        Map<String, String> requests = new LinkedHashMap<>();
        requests.put("GET /%zz HTTP/1.1\r\n" + end, "400 bad request");
        requests.put("GET /api/users/1%00 HTTP/1.1\r\n" + end, "400 bad request");
        requests.put("GET / HTTP/1.1\r\nBad Header: x\r\n" + end, "400 bad request: Illegal character SPACE=' '");
        requests.put("GET / HTTP/1.1\r\nX-Bad: a\u0001b\r\n" + end, "400 bad request: Illegal character CNTL=0x1");
        requests.put("GET /a b HTTP/1.1\r\n" + end, "400 bad request: Illegal character SPACE=' '");
        requests.put("GET / HTTP/9.9\r\n" + end, "505 http version not supported: Unknown Version");
        for (var e : requests.entrySet()) {
            String response = rawRequest(e.getKey());
            int status = Integer.parseInt(e.getValue().substring(0, 3));
            assertTrue(response.startsWith("HTTP/1.1 " + status + " "), e.getKey() + " -> " + response);
            int headEnd = response.indexOf("\r\n\r\n");
            String head = response.substring(0, headEnd).toLowerCase(Locale.ROOT);
            assertTrue(head.contains("\r\ncontent-type: application/json"), e.getKey() + " -> " + response);
            String body = response.substring(headEnd + 4);
            assertEquals(e.getValue().substring(4), error(status, body).get("error").asText(), body);
        }
    }

    @Test
    void knownPath_otherMethod_is405() throws Exception {
        assertError(405, "method DELETE not allowed on /api/users/1", send("DELETE", "/api/users/1", new byte[0]));
        assertEquals("GET", send("DELETE", "/api/users/1", new byte[0]).headers().firstValue("Allow").orElse(""));
        assertError(405, "method PUT not allowed on /users", send("PUT", "/users", new byte[0]));
        HttpResponse<String> health = post("/health", "{}");
        assertError(405, "method POST not allowed on /health", health);
        assertEquals("GET", health.headers().firstValue("Allow").orElse(""));
        HttpResponse<String> users = send("PATCH", "/api/users", new byte[0]);
        assertError(405, "method PATCH not allowed on /api/users", users);
        assertEquals("GET, POST", users.headers().firstValue("Allow").orElse(""));
        assertError(404, "no route for DELETE /no/such/route", send("DELETE", "/no/such/route", new byte[0]));
        assertError(404, "no route for POST /main.css", post("/main.css", "{}"));
    }

    @Test
    void databaseFailure_is503WithoutClassNames() throws Exception {
        List<String> bodies = new ArrayList<>();
        Database broken = Database.over(TestDb.fresh());
        broken.jdbi().useHandle(h -> h.execute("DROP TABLE users"));
        try (WhaleApp a = WhaleApp.create(settings(Map.of()), broken, LOG::add).start()) {
            for (HttpRequest request : List.of(
                    HttpRequest.newBuilder(URI.create(a.url() + "/api/users"))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"email\": \"x@y.com\"}")).build(),
                    HttpRequest.newBuilder(URI.create(a.url() + "/api/users")).build(),
                    HttpRequest.newBuilder(URI.create(a.url() + "/users")).build())) {
                HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                bodies.add(r.body());
                assertError(503, "database unavailable: relation \"users\" does not exist", r);
            }
        }
        PGSimpleDataSource server = TestDb.fresh().unwrap(PGSimpleDataSource.class);
        Settings missing = settings(Map.of("POSTGRES_HOSTNAME", "127.0.0.1",
                "POSTGRES_PORT", Integer.toString(server.getPortNumbers()[0]), "POSTGRES_USER", server.getUser(),
                "APPLICATION_DB", "nosuchdb", "WHALE_DB_TIMEOUT_MS", "1000"));
        try (WhaleApp a = WhaleApp.create(missing, Database.connect(missing.database()), LOG::add).start()) {
            for (String path : List.of("/api/users", "/users")) {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(a.url() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                bodies.add(r.body());
                assertError(503, "database unavailable: database \"nosuchdb\" does not exist", r);
            }
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Settings down = settings(Map.of("POSTGRES_HOSTNAME", "127.0.0.1", "POSTGRES_PORT", Integer.toString(port),
                "POSTGRES_PASSWORD", "pw-never-printed", "WHALE_DB_TIMEOUT_MS", "1000"));
        try (WhaleApp a = WhaleApp.create(down, Database.connect(down.database()), LOG::add).start()) {
            for (String path : List.of("/api/users", "/users", "/api/users/1")) {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(a.url() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                bodies.add(r.body());
                assertError(503, "database unavailable: the server is unreachable (connection refused)", r);
            }
        }
        for (String leak : List.of("org.postgresql", "PSQLException", "java.", "com.zaxxer", "SQLException",
                "pw-never-printed")) {
            assertFalse(String.join("\n", bodies).contains(leak), leak);
        }
    }
}
