package dev.whale.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.router.EndpointNotFound;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.Graceful;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.LoggerFactory;

/**
 * The web application: Javalin 7 on Jetty 12. Requests run on virtual threads; the database pool bounds how many
 * reach PostgreSQL at once. Jetty's stop timeout is set, so that SIGTERM lets the requests in flight finish.
 */
public final class WhaleApp implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** How much of a piece of input a message repeats: enough to recognise it, too little to flood a log. */
    static final int ECHO_LIMIT = 64;

    private final Settings settings;
    private final Database database;
    private final Javalin javalin;

    private WhaleApp(Settings settings, Database database, Javalin javalin) {
        this.settings = settings;
        this.database = database;
        this.javalin = javalin;
    }

    /** The application over the database that {@code settings} name, with the access log on standard output. */
    public static WhaleApp create(Settings settings) {
        return create(settings, Database.connect(settings.database()), System.out::println);
    }

    /** The application over {@code database}, writing one line per request to {@code accessLog}. */
    public static WhaleApp create(Settings settings, Database database, Consumer<String> accessLog) {
        Users users = new Users(database, settings.coalesceReads());
        Recipes recipes = new Recipes(database.jdbi());
        StaticFiles files = new StaticFiles(settings.staticDir());
        AccessLog log = new AccessLog(settings.profile().jsonAccessLog, accessLog);
        Javalin app = Javalin.create(config -> {
            configureServer(config, settings);
            config.requestLogger.http(log::log);
            routes(config, settings, database, users, recipes, files);
        });
        return new WhaleApp(settings, database, app);
    }

    private static void configureServer(JavalinConfig config, Settings settings) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.jetty.host = settings.host();
        config.jetty.port = settings.port();
        QueuedThreadPool pool = new QueuedThreadPool(16, 4);
        pool.setName("whale-http");
        pool.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        config.jetty.threadPool = pool;
        config.http.maxRequestSize = settings.maxRequestBytes();
        // Compression is the proxy's job (nginx, the load balancer); Javalin's wrapper costs a tenth of a request.
        config.http.compressionStrategy = io.javalin.compression.CompressionStrategy.NONE;
        config.jetty.modifyServer(server -> {
            server.setStopTimeout(settings.stopTimeout().toMillis());
            server.setErrorHandler(new JsonErrors());
        });
    }

    private static void routes(JavalinConfig config, Settings settings, Database database, Users users,
            Recipes recipes, StaticFiles files) {
        var r = config.routes;
        r.before(ctx -> {
            long length = ctx.req().getContentLengthLong();
            if (length > settings.maxRequestBytes()) {
                throw new HttpResponseException(413, "the body has " + length + " bytes; the limit is "
                        + settings.maxRequestBytes());
            }
            // PostgreSQL text cannot hold U+0000: refuse it here rather than let the driver fail with a 503. Jetty
            // refuses it in a path already.
            String query = ctx.queryString();
            if (query != null && query.contains("%00")) {
                throw new HttpResponseException(400,
                        "the query has a NUL character (%00), which no parameter may hold");
            }
        });
        Map<String, List<HandlerType>> known = new LinkedHashMap<>();
        route(r, known, HandlerType.GET, "/", ctx -> ctx.result("Hello, World!"));
        route(r, known, HandlerType.GET, "/index", ctx -> ctx.result("Hello, World!"));
        route(r, known, HandlerType.GET, "/users", ctx -> ctx.result("Number of users: " + users.count()));
        route(r, known, HandlerType.POST, "/api/users", ctx -> {
            JsonNode body = jsonBody(ctx);
            JsonNode email = body.get("email");
            if (email == null || !email.isTextual()) {
                throw new HttpResponseException(400, "the body needs \"email\", a string");
            }
            if (!Users.valid(email.asText())) {
                throw new HttpResponseException(400, "invalid email: " + echo(email.asText()));
            }
            ctx.status(201).json(users.create(email.asText()));
        });
        route(r, known, HandlerType.GET, "/api/users", ctx -> ctx.json(users.list()));
        route(r, known, HandlerType.GET, "/api/users/{id}", ctx -> {
            long id;
            try {
                id = Long.parseLong(ctx.pathParam("id"));
            } catch (NumberFormatException e) {
                throw new HttpResponseException(404, "no user " + echo(ctx.pathParam("id")));
            }
            ctx.json(users.find(id).orElseThrow(() -> new HttpResponseException(404, "no user " + id)));
        });
        route(r, known, HandlerType.GET, "/recipes", ctx -> {
            List<Map<String, Object>> out = recipes.list().stream().map(x -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("recipe_id", x.id());
                m.put("recipe_name", x.name());
                return m;
            }).toList();
            ctx.json(out);
        });
        route(r, known, HandlerType.GET, "/health", ctx -> {
            Database.Health h = database.health();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("status", h.up() ? "ok" : "unavailable");
            out.put("database", h.up() ? "up" : "down");
            if (!h.up()) {
                out.put("problem", h.problem());
            }
            ctx.status(h.up() ? 200 : 503).json(out);
        });
        refuseOtherMethods(r, known);
        // After the 405s, and never among the known paths: a file that is missing, or posted to, stays a 404.
        r.get("/<path>", files::serve);

        r.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
        r.exception(EndpointNotFound.class, (e, ctx) -> error(ctx, 404, noRoute(ctx)));
        r.exception(Users.DuplicateEmail.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
        r.exception(JdbiException.class, (e, ctx) -> error(ctx, 503, "database unavailable: "
                + Databases.describe(e)));
        r.exception(ServiceException.class, (e, ctx) -> error(ctx, 503, e.getMessage()));
        r.exception(Exception.class, (e, ctx) -> {
            LoggerFactory.getLogger(WhaleApp.class).error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error");
        });
        r.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                error(ctx, 404, noRoute(ctx));
            }
        });
        r.error(405, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                error(ctx, 405, notAllowed(ctx));
            }
        });
    }

    /** Adds a route, and notes its method under its path for {@link #refuseOtherMethods}. */
    private static void route(RoutesConfig r, Map<String, List<HandlerType>> known, HandlerType method, String path,
            Handler handler) {
        r.addHttpHandler(method, path, handler);
        known.computeIfAbsent(path, p -> new ArrayList<>()).add(method);
    }

    /**
     * Answers 405, with an {@code Allow} header (RFC 9110, section 15.5.6), to the methods that a known path does not
     * serve. HEAD follows GET in Javalin, and OPTIONS is left alone.
     */
    private static void refuseOtherMethods(RoutesConfig r, Map<String, List<HandlerType>> known) {
        List<HandlerType> refusable = List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
                HandlerType.DELETE);
        known.forEach((path, methods) -> {
            String allow = String.join(", ", refusable.stream().filter(methods::contains).map(HandlerType::name)
                    .toList());
            for (HandlerType method : refusable) {
                if (!methods.contains(method)) {
                    r.addHttpHandler(method, path, ctx -> {
                        ctx.header("Allow", allow);
                        throw new HttpResponseException(405, notAllowed(ctx));
                    });
                }
            }
        });
    }

    private static String noRoute(Context ctx) {
        return "no route for " + ctx.method() + " " + echo(ctx.path());
    }

    private static String notAllowed(Context ctx) {
        return "method " + ctx.method() + " not allowed on " + echo(ctx.path());
    }

    /**
     * {@code input} as a message repeats it: whole up to {@value #ECHO_LIMIT} characters, otherwise cut there and
     * followed by an ellipsis and its full length, so that a 300 kB field does not come back in its own error.
     */
    static String echo(String input) {
        if (input == null || input.length() <= ECHO_LIMIT) {
            return String.valueOf(input);
        }
        int end = Character.isHighSurrogate(input.charAt(ECHO_LIMIT - 1)) ? ECHO_LIMIT - 1 : ECHO_LIMIT;
        return input.substring(0, end) + "\u2026 (" + input.length() + " characters)";
    }

    private static JsonNode jsonBody(Context ctx) {
        String body = utf8(ctx.bodyAsBytes());
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw new HttpResponseException(400, "the body must be a JSON object");
            }
            if (hasNul(node)) {
                throw new HttpResponseException(400, "the body has a NUL character (U+0000), which no field may hold");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new HttpResponseException(400, "invalid JSON: " + e.getOriginalMessage());
        }
    }

    /** {@code bytes} as UTF-8, strictly: a malformed sequence is a 400, not a replacement character. */
    private static String utf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            throw new HttpResponseException(400, "the body is not valid UTF-8 (at byte " + in.position() + ")");
        }
    }

    /** Whether a name or a string anywhere in {@code node} holds U+0000. */
    private static boolean hasNul(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().indexOf('\0') >= 0;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().indexOf('\0') >= 0 || hasNul(field.getValue())) {
                    return true;
                }
            }
            return false;
        }
        for (JsonNode element : node) {
            if (hasNul(element)) {
                return true;
            }
        }
        return false;
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status).json(errorBody(status, message));
    }

    private static Map<String, Object> errorBody(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("status", status);
        return body;
    }

    /**
     * Jetty's own error pages, for requests that never reach a route (a bad request line, header or URI), in the
     * shape of every other error rather than Jetty's HTML.
     */
    private static final class JsonErrors extends ErrorHandler {
        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message,
                Throwable cause, Callback callback) throws IOException {
            String reason = HttpStatus.getMessage(code).toLowerCase(Locale.ROOT);
            // Without a reason of its own, Jetty's message is the cause's toString(): a class name.
            String detail = cause instanceof HttpException h ? h.getReason() : cause == null ? message : null;
            String text = detail == null || detail.equalsIgnoreCase(reason) ? reason : reason + ": " + echo(detail);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(MAPPER.writeValueAsBytes(errorBody(code, text))), callback);
        }
    }

    /** Starts serving; the port is known after this returns. */
    public WhaleApp start() {
        javalin.start();
        return this;
    }

    /** The port the server listens on. */
    public int port() {
        return javalin.port();
    }

    /** The URL a person opens. */
    public String url() {
        String host = settings.host().equals("0.0.0.0") ? "127.0.0.1" : settings.host();
        return "http://" + host + ":" + port();
    }

    public Database database() {
        return database;
    }

    /**
     * Stops accepting, lets the requests in flight finish within the stop timeout, then stops the server and closes
     * the pool. When requests outlast the timeout they are cut off, and then, after everything is closed, a
     * {@link ServiceException} says so.
     */
    @Override
    public void close() {
        Server server = javalin.jettyServer().server();
        boolean cutOff = false;
        try {
            // The graceful part is done here rather than by Jetty's stop(), which reports a timeout as a logged stack
            // trace and an exception that skips the rest of the shutdown.
            Graceful.shutdown(server).get(settings.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            cutOff = true;
        } catch (ExecutionException e) {
            // a component failed to shut down gracefully: stopped below all the same
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.setStopTimeout(0);
        try {
            javalin.stop();
        } finally {
            database.close();
        }
        if (cutOff) {
            throw new ServiceException("requests still running after the stop timeout ("
                    + settings.stopTimeout().toMillis() + " ms, WHALE_STOP_TIMEOUT_MS) were cut off");
        }
    }
}
