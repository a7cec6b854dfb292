package dev.whale.service;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/** The schema's history: Flyway migrations kept in this module, under {@code db/migration}. */
public final class Migrations {
    /** Where the migrations live, in the service module's sources and on the class path. */
    public static final String SOURCE_DIR = "service/src/main/resources/db/migration";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Migrations() {}

    private static Flyway flyway(DataSource ds, Consumer<String> progress) {
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(ds)
                .locations("classpath:db/migration")
                .callbacks(new Reporter(progress))
                .loggers("slf4j")
                .load();
    }

    /** Applies the pending migrations; returns how many it applied. */
    public static int migrate(DataSource ds, Consumer<String> progress) {
        try {
            return flyway(ds, progress).migrate().migrationsExecuted;
        } catch (FlywayException e) {
            throw new ServiceException("migration failed: " + Databases.describe(e));
        }
    }

    /**
     * One migration's state.
     *
     * @param version its version
     * @param description its description
     * @param state Flyway's state: Success, Pending, …
     * @param installedOn when it was applied, or empty
     */
    public record Info(String version, String description, String state, String installedOn) {}

    /** Every migration, applied or pending. */
    public static List<Info> info(DataSource ds) {
        try {
            List<Info> out = new ArrayList<>();
            for (MigrationInfo m : flyway(ds, s -> {}).info().all()) {
                out.add(new Info(m.getVersion() == null ? "" : m.getVersion().toString(), m.getDescription(),
                        m.getState().getDisplayName(),
                        m.getInstalledOn() == null ? "" : m.getInstalledOn().toInstant().toString()));
            }
            return out;
        } catch (FlywayException e) {
            throw new ServiceException("reading the migrations failed: " + Databases.describe(e));
        }
    }

    /**
     * Writes an empty versioned migration, {@code V<UTC timestamp>__<message>.sql}, into {@code dir}; returns it.
     * Flyway has no autogenerate: the SQL is written by hand, then checked by the tests on a throwaway database.
     */
    public static Path newMigration(Path dir, String message, Clock clock) {
        String slug = message.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (slug.isEmpty()) {
            throw new ConfigException("the message '" + message + "' has no letters or digits to name the file with");
        }
        Path file = dir.resolve("V" + STAMP.format(clock.instant()) + "__" + slug + ".sql");
        try {
            Files.createDirectories(dir);
            Files.writeString(file, "-- " + message.trim() + "\n-- Write the SQL of this change here; "
                    + "Flyway applies it once, in version order.\n", StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            throw new ServiceException(file + " already exists; wait a second and run again");
        } catch (IOException e) {
            throw new ServiceException(file + ": cannot write: " + e.getMessage());
        }
        return file;
    }

    /** Reports each migration as Flyway applies it. */
    private record Reporter(Consumer<String> progress) implements Callback {
        @Override
        public boolean supports(Event event, Context context) {
            return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_MIGRATE;
        }

        @Override
        public boolean canHandleInTransaction(Event event, Context context) {
            return true;
        }

        @Override
        public void handle(Event event, Context context) {
            if (event == Event.BEFORE_EACH_MIGRATE) {
                MigrationInfo m = context.getMigrationInfo();
                progress.accept("migrating to V" + m.getVersion() + " (" + m.getDescription() + ")");
            }
        }

        @Override
        public String getCallbackName() {
            return "whale-progress";
        }
    }
}
