package dev.whale.cli.service;

import dev.whale.cli.Errors;
import dev.whale.service.Config;
import dev.whale.service.Database;
import dev.whale.service.DatabaseSettings;
import dev.whale.service.Databases;
import dev.whale.service.Migrations;
import dev.whale.service.Service;
import dev.whale.service.Settings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "db", mixinStandardHelpOptions = true,
        description = {"The application database: create it, migrate it, see its migrations, write a new one.",
                "With the embedded PostgreSQL these use the one 'whale serve' runs, or start it for the command."},
        subcommands = {DbCommand.Create.class, DbCommand.Migrate.class, DbCommand.Info.class, DbCommand.New.class},
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale db create", "  ./whale db migrate", "  ./whale db info --config production",
                "  ./whale db new \"add a name to users\""})
public final class DbCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The options every db command shares. */
    abstract static class Base implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Spec
        CommandSpec spec;

        Settings settings() {
            Config c = config.load();
            return Project.settings(c);
        }

        void progress(String message) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(spec.qualifiedName() + ": " + message);
            err.flush();
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        /**
         * Fails with the command to run when the application database has not been created (SQLState 3D000); other
         * failures are left to the work itself to report.
         */
        static void requireCreated(DatabaseSettings db) {
            try {
                Database.unpooled(db).getConnection().close();
            } catch (SQLException e) {
                if ("3D000".equals(e.getSQLState())) {
                    throw new Errors.FailureException("database " + db.database()
                            + " does not exist: run ./whale db create");
                }
            }
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create APPLICATION_DB, the posts' create-initial-db.",
                    "It connects to POSTGRES_DB on the configured server; an existing database is left as it is."},
            footerHeading = "%nExamples:%n",
            footer = {"  ./whale db create", "  APPLICATION_CONFIG=production ./whale db create"})
    static final class Create extends Base {
        @Override
        public Integer call() {
            Settings s = settings();
            boolean created = Service.withServer(s, this::progress, Databases::create);
            out().println(created ? "The database " + s.database().database() + " has been created"
                    : "The database " + s.database().database() + " already exists and will not be recreated");
            return 0;
        }
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = "Apply the pending migrations (Flyway, from " + Migrations.SOURCE_DIR + ").",
            footerHeading = "%nExamples:%n",
            footer = {"  ./whale db migrate", "  ./whale db migrate --config scenario_users"})
    static final class Migrate extends Base {
        @Override
        public Integer call() {
            Settings s = settings();
            int applied = Service.withServer(s, this::progress, db -> {
                requireCreated(db);
                try (Database d = Database.connect(db)) {
                    return Migrations.migrate(d.dataSource(), this::progress);
                }
            });
            out().println(applied == 0 ? "The database " + s.database().database() + " is up to date"
                    : "Applied " + applied + " migration" + (applied == 1 ? "" : "s") + " to "
                            + s.database().database());
            return 0;
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "List the migrations: version, description, state, and when each was applied.",
            footerHeading = "%nExamples:%n", footer = {"  ./whale db info"})
    static final class Info extends Base {
        @Override
        public Integer call() {
            List<Migrations.Info> all = Service.withServer(settings(), this::progress, db -> {
                requireCreated(db);
                try (Database d = Database.connect(db)) {
                    return Migrations.info(d.dataSource());
                }
            });
            String format = "%-16s %-28s %-9s %s%n";
            out().printf(format, "VERSION", "DESCRIPTION", "STATE", "INSTALLED ON");
            for (Migrations.Info m : all) {
                out().printf(format, m.version(), m.description(), m.state(), m.installedOn());
            }
            return 0;
        }
    }

    @Command(name = "new", mixinStandardHelpOptions = true,
            description = {"Write an empty versioned migration, V<UTC timestamp>__<message>.sql, into "
                    + Migrations.SOURCE_DIR + ".",
                    "Flyway has no autogenerate, unlike Alembic's 'flask db migrate': write the SQL of the change"
                            + " by hand, run './whale test' (which applies every migration to a throwaway"
                            + " database), then './whale db migrate'."},
            footerHeading = "%nExamples:%n",
            footer = {"  ./whale db new \"add a name to users\""})
    static final class New implements Callable<Integer> {
        @Parameters(paramLabel = "MESSAGE", description = "What the migration does; it names the file.")
        String message;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Path dir = Project.dir().resolve(Migrations.SOURCE_DIR);
            Path file = Migrations.newMigration(dir, message, Clock.systemUTC());
            spec.commandLine().getOut().println(Project.dir().relativize(file));
            return 0;
        }
    }
}
