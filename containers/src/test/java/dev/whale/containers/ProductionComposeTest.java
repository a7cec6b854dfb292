package dev.whale.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * docker/production.yml for real with {@code --scale web=3}: nginx in front of three replicas, TLS on 8443 with the
 * certificates docker/nginx/make-certs.sh makes with whale's own image, 301 from http to https, and a replica stopped
 * under load without a failed request (every request is a GET, which nginx may retry on another replica).
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class ProductionComposeTest {
    /** A line of nginx's upstream log: {@code [time] host to: ADDRESS[, ADDRESS]: REQUEST STATUS}. */
    private static final Pattern UPSTREAM = Pattern.compile("to: (\\S+?):8000(?:, \\S+)?: GET /users\\S* HTTP/1.1 200");

    @Test
    void threeReplicasBehindTlsAndOneStoppedUnderLoad() throws Exception {
        Podman podman = Podman.get();
        Path certs = Files.createTempDirectory("whale-certs");
        String project = "whaleprod" + ProcessHandle.current().pid();
        int http = Podman.freePort();
        int https = Podman.freePort();
        Map<String, String> env = Map.of("NGINX_CERTS", certs.toString(), "NGINX_HTTP_PORT", Integer.toString(http),
                "NGINX_HTTPS_PORT", Integer.toString(https));
        try {
            makeCerts(podman, certs);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    certs.resolve("server.key"))), "the server's private key is for its owner only");

            Podman.Result up = podman.compose("production", project, env, "up", "-d", "--scale", "web=3");
            assertEquals(0, up.exit(), up.out());
            Http tls = Http.trusting(certs.resolve("ca.pem"));
            String base = "https://127.0.0.1:" + https;
            tls.awaitOk(base + "/health", Duration.ofSeconds(120), () -> podman.logs("production", project, env));

            // Plain http is only a redirect to https, on the port the file publishes.
            HttpResponse<String> plain = Http.plain().get("http://127.0.0.1:" + http + "/users?page=2");
            assertEquals(301, plain.statusCode(), plain.body());
            assertEquals("https://127.0.0.1:8443/users?page=2", plain.headers().firstValue("Location").orElse(""));

            HttpResponse<String> created = tls.postUser(base, "three@replicas.test");
            assertEquals(201, created.statusCode(), created.body());
            for (int i = 0; i < 30; i++) {
                assertEquals("Number of users: 1", tls.get(base + "/users").body(), "request " + i);
            }

            // Round robin over the three replicas: the upstream log names each one's address.
            Set<String> replicas = new TreeSet<>();
            for (int i = 1; i <= 3; i++) {
                replicas.add(address(podman, project + "_web_" + i));
            }
            Map<String, Integer> served = servedBy(podman, project);
            assertEquals(replicas, served.keySet(), "every replica serves, and only they do: " + served);

            // docker stop of one replica while four clients keep asking.
            List<String> failures = Collections.synchronizedList(new ArrayList<>());
            Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                clients.add(Thread.ofPlatform().start(() -> {
                    while (running.get()) {
                        try {
                            statuses.merge(tls.get(base + "/users").statusCode(), 1, Integer::sum);
                        } catch (Exception e) {
                            failures.add(e.toString());
                        }
                    }
                }));
            }
            Thread.sleep(1500);
            Podman.Result stop = podman.podman("stop", project + "_web_2");
            assertEquals(0, stop.exit(), stop.out());
            // Longer than nginx's fail_timeout (5 s), so that it tries the stopped replica again meanwhile.
            Thread.sleep(7000);
            running.set(false);
            for (Thread t : clients) {
                t.join();
            }
            assertEquals(List.of(), failures, "requests failed while a replica stopped");
            assertEquals(Set.of(200), statuses.keySet(), "every answer under load: " + statuses);
            assertTrue(statuses.get(200) > 100, "the load was real: " + statuses);
            assertEquals("exited", podman.inspect(project + "_web_2").get("State").get("Status").asText());
        } finally {
            podman.compose("production", project, env, "down", "-v");
            try (var files = Files.list(certs)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(certs);
        }
    }

    /** docker/nginx/make-certs.sh, with whale's image as the whale that runs {@code pki}. */
    private static void makeCerts(Podman podman, Path dir) throws Exception {
        Map<String, String> env = new HashMap<>(podman.env);
        env.put("WHALE", "podman run --rm -u 0 -v " + dir + ":" + dir + " -w " + dir + " " + Podman.WHALE_IMAGE
                + " java -jar /opt/whale/whale.jar");
        Podman.Result made = Podman.run(List.of("docker/nginx/make-certs.sh", dir.toString()), env,
                Duration.ofMinutes(2));
        assertEquals(0, made.exit(), "make-certs.sh: " + made.out());
    }

    /** The container's address on its Compose network. */
    private static String address(Podman podman, String container) throws Exception {
        var networks = podman.inspect(container).get("NetworkSettings").get("Networks");
        assertEquals(1, networks.size(), container + " is on one network: " + networks);
        return networks.elements().next().get("IPAddress").asText();
    }

    /** How many successful GET /users each upstream address served, from nginx's log. */
    private static Map<String, Integer> servedBy(Podman podman, String project) throws Exception {
        Podman.Result logs = podman.podman("logs", project + "_nginx_1");
        assertEquals(0, logs.exit(), logs.out());
        Map<String, Integer> served = new TreeMap<>();
        Matcher m = UPSTREAM.matcher(logs.out());
        while (m.find()) {
            served.merge(m.group(1), 1, Integer::sum);
        }
        return served;
    }
}
