package dev.whale.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * docker/development.yml for real: PostgreSQL with its named volume and pg_isready healthcheck, whale's image started
 * only once the database is healthy, the app creating and migrating its database, and the data's life with the
 * volume. The first test of a run also builds the local base images and whale's image: minutes, not seconds.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class DevelopmentComposeTest {
    private static final Http HTTP = Http.plain();

    @Test
    void theAppStartsAfterTheHealthyDatabaseAndItsDataLivesWithTheVolume() throws Exception {
        Podman podman = Podman.get();
        String project = "whaletest" + ProcessHandle.current().pid();
        int web = Podman.freePort();
        Map<String, String> ports = Map.of("WHALE_PORT", Integer.toString(web), "POSTGRES_PORT",
                Integer.toString(Podman.freePort()));
        String url = "http://127.0.0.1:" + web;
        try {
            up(podman, project, ports);
            String db = project + "_db_1";
            String app = project + "_web_1";

            // The order that depends_on: condition: service_healthy promises.
            JsonNode dbState = podman.inspect(db).get("State");
            Instant firstHealthy = null;
            for (JsonNode check : dbState.get("Health").get("Log")) {
                if (check.get("ExitCode").asInt() == 0) {
                    firstHealthy = Instant.parse(check.get("End").asText());
                    break;
                }
            }
            assertTrue(firstHealthy != null, "the db's healthcheck never passed: " + dbState);
            Instant webStarted = Instant.parse(podman.inspect(app).get("State").get("StartedAt").asText());
            assertTrue(webStarted.isAfter(firstHealthy), "web started at " + webStarted
                    + ", before the db was healthy at " + firstHealthy);

            // The image: a user other than root, and a HEALTHCHECK of its own that turns healthy.
            assertEquals("10001", podman.podman("exec", app, "id", "-u").out().strip());
            JsonNode image = podman.inspect(Podman.WHALE_IMAGE);
            assertEquals("10001:10001", image.path("User").asText(), image.path("User").toString());
            assertTrue(image.path("Healthcheck").path("Test").toString().contains("health"),
                    "the image's HEALTHCHECK runs whale health: " + image.path("Healthcheck"));
            podman.awaitHealthy(app);

            // From inside the Compose network, by service name.
            Podman.Result inside = podman.podman("exec", app, "java", "-jar", "whale.jar", "health", "--url",
                    "http://web:" + web + "/users");
            assertEquals(0, inside.exit(), inside.out());
            assertEquals("Number of users: 0", inside.out().strip());

            HttpResponse<String> created = HTTP.postUser(url, "kept@volume.test");
            assertEquals(201, created.statusCode(), created.body());

            Podman.Result down = podman.compose("development", project, ports, "down");
            assertEquals(0, down.exit(), down.out());
            up(podman, project, ports);
            assertTrue(HTTP.get(url + "/api/users").body().contains("kept@volume.test"),
                    "the named volume keeps the user");

            Podman.Result downV = podman.compose("development", project, ports, "down", "-v");
            assertEquals(0, downV.exit(), downV.out());
            up(podman, project, ports);
            assertEquals("Number of users: 0", HTTP.get(url + "/users").body(),
                    "down -v removed the volume and its data");
        } finally {
            podman.compose("development", project, ports, "down", "-v");
        }
    }

    /** up -d, then waits until the app answers /health with 200. */
    static void up(Podman podman, String project, Map<String, String> ports) throws Exception {
        Podman.Result up = podman.compose("development", project, ports, "up", "-d");
        assertEquals(0, up.exit(), up.out());
        HTTP.awaitOk("http://127.0.0.1:" + ports.get("WHALE_PORT") + "/health", Duration.ofSeconds(120),
                () -> podman.logs("development", project, ports));
    }
}
