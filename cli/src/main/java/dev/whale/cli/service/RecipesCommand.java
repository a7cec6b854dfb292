package dev.whale.cli.service;

import dev.whale.service.Recipes;
import dev.whale.service.RecipesClient;
import dev.whale.service.ServiceException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "recipes", mixinStandardHelpOptions = true,
        description = {"The compose post's app: connect to PostgreSQL, print the recipes, disconnect.",
                "The connection comes from WHALEAPP__DB_HOST, _PORT, _NAME, _USER and _PASSWORD, each falling back"
                        + " to the config. Errors are printed, never the password.",
                "With --watch it repeats every interval and keeps retrying on errors; without it, an error exits 1."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale scenario up recipes && ./whale recipes --config scenario_recipes",
                "  WHALEAPP__DB_HOST=localhost WHALEAPP__DB_NAME=whale_db WHALEAPP__DB_USER=whale_user \\",
                "      WHALEAPP__DB_PASSWORD=... ./whale recipes --watch --interval 3s"})
public final class RecipesCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--watch", description = "Keep going: a round every interval, retrying on errors.")
    boolean watch;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "3s",
            description = "Time between rounds with --watch, such as 3s, 500ms or 1m (default: ${DEFAULT-VALUE}).")
    String interval;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Duration every = ServiceDurations.parse("--interval", interval);
        RecipesClient client = RecipesClient.from(Project.env(), config.load());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        while (true) {
            out.println("Connecting to the PostgreSQL database...");
            out.flush();
            try {
                out.println(Recipes.pythonRepr(client.fetch()));
                out.println("Database connection closed.");
                out.flush();
            } catch (ServiceException e) {
                err.println("whale recipes: " + client.target() + ": " + e.getMessage());
                err.flush();
                if (!watch) {
                    return 1;
                }
            }
            if (!watch) {
                return 0;
            }
            Thread.sleep(every);
        }
    }
}
