package dev.whale.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * docker/whale.yml, the compose post's system, for real: the database seeded on its first start by the files it
 * mounts into /docker-entrypoint-initdb.d, and the recipes app printing the three recipes every 3 seconds, carrying on
 * through a database that goes away and comes back.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class RecipesComposeTest {
    private static final String RECIPES = "[(1, 'Tacos'), (2, 'Tomato Soup'), (3, 'Grilled Cheese')]";

    @Test
    void theAppPrintsTheSeededRecipesAndRetriesWhileTheDatabaseIsDown() throws Exception {
        Podman podman = Podman.get();
        String project = "whalerecipes" + ProcessHandle.current().pid();
        String app = project + "_app_1";
        String db = project + "_db_1";
        try {
            Podman.Result up = podman.compose("development", "whale", project, Map.of(), "up", "-d");
            assertEquals(0, up.exit(), up.out());
            awaitLogs(podman, app, logs -> logs.contains(RECIPES), "the three recipes");

            Podman.Result stop = podman.podman("stop", db);
            assertEquals(0, stop.exit(), stop.out());
            String down = awaitLogs(podman, app, logs -> logs.contains("whale recipes: "),
                    "an error while the db is down");
            assertFalse(down.contains("whale_password"), "the password is never printed: " + down);
            assertEquals("running", podman.inspect(app).get("State").get("Status").asText(), "the app keeps trying");

            int before = count(podman.podman("logs", app).out(), RECIPES);
            Podman.Result start = podman.podman("start", db);
            assertEquals(0, start.exit(), start.out());
            awaitLogs(podman, app, logs -> count(logs, RECIPES) > before, "the recipes again once the db is back");
        } finally {
            Podman.Result gone = podman.compose("development", "whale", project, Map.of(), "down", "-v");
            assertEquals(0, gone.exit(), gone.out());
        }
        assertTrue(podman.podman("volume", "ls", "-q").out().lines().noneMatch(v -> v.startsWith(project)),
                "down -v removes the database's volume");
    }

    /** The container's whole log once {@code done} holds for it, within 90 s. */
    private static String awaitLogs(Podman podman, String container, Predicate<String> done, String what)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String logs = "";
        while (System.nanoTime() < deadline) {
            logs = podman.podman("logs", container).out();
            if (done.test(logs)) {
                return logs;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(container + " did not print " + what + " within 90 s:\n" + logs);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
