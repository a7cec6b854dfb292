package dev.whale.service;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code whale serve}: the embedded PostgreSQL when no server is configured, the application database created if
 * missing, the migrations applied, and the app serving. While the database is unreachable the app still serves,
 * {@code /health} answers 503, and a background thread retries until the database is ready.
 */
public final class Service implements AutoCloseable {
    private final WhaleApp app;
    private final EmbeddedPostgres embedded;
    private final Thread preparer;

    private Service(WhaleApp app, EmbeddedPostgres embedded, Thread preparer) {
        this.app = app;
        this.embedded = embedded;
        this.preparer = preparer;
    }

    /**
     * Starts everything that {@code settings} ask for, reporting each step on {@code progress}. The embedded
     * PostgreSQL starts while the app does; the call returns when both run. From then on, serve owns that
     * PostgreSQL: it starts it again when it dies, and stops it on {@link #close}; a second serve on the same
     * data refuses to start.
     */
    public static Service start(Settings settings, Consumer<String> progress, Consumer<String> accessLog) {
        Settings s = settings;
        EmbeddedPostgres pg = null;
        if (s.database().embedded()) {
            pg = EmbeddedPostgres.supervised(embeddedDir(s), s.database(), progress);
            s = s.withDatabase(s.database().at(DatabaseSettings.EMBEDDED, pg.port()));
        }
        Database db = Database.connect(s.database());
        WhaleApp app = WhaleApp.create(s, db, accessLog);
        try {
            app.start();
        } catch (RuntimeException e) {
            db.close();
            if (pg != null) {
                pg.close();
            }
            throw new ServiceException("cannot listen on " + s.host() + ":" + s.port() + ": "
                    + Databases.describe(e), e);
        }
        try {
            if (pg != null) {
                pg.awaitStarted();
            }
        } catch (RuntimeException e) {
            app.close();
            pg.close();
            throw e;
        }
        DatabaseSettings dbs = s.database();
        Thread preparer = Thread.ofVirtual().name("whale-db-prepare").start(() -> prepare(dbs, db, progress));
        return new Service(app, pg, preparer);
    }

    /** Where the embedded PostgreSQL of {@code settings}' configuration keeps its data. */
    static Path embeddedDir(Settings settings) {
        return settings.dataDir().resolve("postgres").resolve(settings.config());
    }

    /**
     * Runs {@code work} on the configured database server. For the embedded one: on the server that runs already
     * (a {@code whale serve}), or on one started for the call and stopped after it.
     */
    public static <T> T withServer(Settings settings, Consumer<String> progress,
            Function<DatabaseSettings, T> work) {
        if (!settings.database().embedded()) {
            return work.apply(settings.database());
        }
        Path dir = embeddedDir(settings);
        var running = EmbeddedPostgres.runningPort(dir);
        if (running.isPresent() && EmbeddedPostgres.owned(dir)) {
            return work.apply(settings.database().at(DatabaseSettings.EMBEDDED, running.get()));
        }
        try (EmbeddedPostgres pg = EmbeddedPostgres.supervised(dir, settings.database(), progress).awaitStarted()) {
            return work.apply(settings.database().at(DatabaseSettings.EMBEDDED, pg.port()));
        }
    }

    /** Creates the database if missing and migrates it, retrying every second while the server is unreachable. */
    private static void prepare(DatabaseSettings dbs, Database db, Consumer<String> progress) {
        String last = null;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (Databases.create(dbs)) {
                    progress.accept("created database " + dbs.database());
                }
                db.migrate(Database.unpooled(dbs), progress);
                if (last != null) {
                    progress.accept("the database is ready");
                }
                return;
            } catch (ServiceException e) {
                db.notReady(e.getMessage());
                if (!e.getMessage().equals(last)) {
                    progress.accept(e.getMessage() + "; retrying every second, /health answers 503 until then");
                    last = e.getMessage();
                }
                try {
                    Thread.sleep(Duration.ofSeconds(1));
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    public WhaleApp app() {
        return app;
    }

    public String url() {
        return app.url();
    }

    /** Stops the app (letting requests in flight finish), then the embedded PostgreSQL. */
    @Override
    public void close() {
        preparer.interrupt();
        try {
            app.close();
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
