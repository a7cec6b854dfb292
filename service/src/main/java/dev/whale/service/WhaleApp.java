package dev.whale.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jdbi.v3.core.JdbiException;

/**
 * The web application: Javalin 7 on Jetty 12. Requests run on virtual threads; the database pool bounds how many
 * reach PostgreSQL at once. Jetty's stop timeout is set, so that SIGTERM lets the requests in flight finish.
 */
public final class WhaleApp implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

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
        config.jetty.modifyServer(server -> server.setStopTimeout(settings.stopTimeout().toMillis()));
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
        });
        r.get("/", ctx -> ctx.result("Hello, World!"));
        r.get("/index", ctx -> ctx.result("Hello, World!"));
        r.get("/users", ctx -> ctx.result("Number of users: " + users.count()));
        r.post("/api/users", ctx -> {
            JsonNode body = jsonBody(ctx);
            JsonNode email = body.get("email");
            if (email == null || !email.isTextual()) {
                throw new HttpResponseException(400, "the body needs \"email\", a string");
            }
            if (!Users.valid(email.asText())) {
                throw new HttpResponseException(400, "invalid email: " + email.asText());
            }
            ctx.status(201).json(users.create(email.asText()));
        });
        r.get("/api/users", ctx -> ctx.json(users.list()));
        r.get("/api/users/{id}", ctx -> {
            long id;
            try {
                id = Long.parseLong(ctx.pathParam("id"));
            } catch (NumberFormatException e) {
                throw new HttpResponseException(404, "no user " + ctx.pathParam("id"));
            }
            ctx.json(users.find(id).orElseThrow(() -> new HttpResponseException(404, "no user " + id)));
        });
        r.get("/recipes", ctx -> {
            List<Map<String, Object>> out = recipes.list().stream().map(x -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("recipe_id", x.id());
                m.put("recipe_name", x.name());
                return m;
            }).toList();
            ctx.json(out);
        });
        r.get("/health", ctx -> {
            Database.Health h = database.health();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("status", h.up() ? "ok" : "unavailable");
            out.put("database", h.up() ? "up" : "down");
            if (!h.up()) {
                out.put("problem", h.problem());
            }
            ctx.status(h.up() ? 200 : 503).json(out);
        });
        r.get("/<path>", files::serve);

        r.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
        r.exception(Users.DuplicateEmail.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
        r.exception(JdbiException.class, (e, ctx) -> error(ctx, 503, "database unavailable: "
                + Databases.describe(e)));
        r.exception(ServiceException.class, (e, ctx) -> error(ctx, 503, e.getMessage()));
        r.exception(Exception.class, (e, ctx) -> {
            org.slf4j.LoggerFactory.getLogger(WhaleApp.class).error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error");
        });
        r.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                error(ctx, 404, "no route for " + ctx.method() + " " + ctx.path());
            }
        });
        r.error(405, ctx -> error(ctx, 405, "method " + ctx.method() + " not allowed on " + ctx.path()));
    }

    private static JsonNode jsonBody(Context ctx) {
        String body = ctx.body();
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw new HttpResponseException(400, "the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new HttpResponseException(400, "invalid JSON: " + e.getOriginalMessage());
        }
    }

    private static void error(Context ctx, int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("status", status);
        ctx.status(status).json(body);
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

    /** Stops accepting, lets the requests in flight finish within the stop timeout, then closes the pool. */
    @Override
    public void close() {
        javalin.stop();
        database.close();
    }
}
