package dev.whale.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.whale.service.Config;
import dev.whale.service.Settings;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * deploy/kubernetes/: checked field by field for what only a cluster runs, and played for real with podman 4.3's
 * {@code kube play} for what podman runs. podman plays Pods, Deployments and PersistentVolumeClaims; it refuses a
 * StatefulSet, ignores Services and readiness probes, and takes a Secret only as a podman secret that holds the
 * Secret's data as JSON. So the test creates that secret, plays the StatefulSet's pod template as a Pod with the claim
 * the StatefulSet would make, named after the Service so that whale finds it by the same name on a podman network with
 * DNS, and plays whale's Deployment with the local image, one replica, a host port and its liveness probe as a command
 * the image can run (podman turns an httpGet probe into curl). Nothing is pulled. docs/production.md lists what podman
 * did with each part.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class KubernetesTest {
    static final Path DIR = Podman.REPO.resolve("deploy/kubernetes");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();
    static final Http HTTP = Http.plain();

    /**
     * The manifests, one document of each kind.
     *
     * @param whale whale.yml's documents, as they are
     * @param deployment whale's Deployment
     * @param service whale's Service
     * @param statefulSet PostgreSQL's StatefulSet
     * @param dbService PostgreSQL's Service
     * @param configMap whale's settings
     * @param secret the template of the database password's Secret
     */
    record Manifests(List<ObjectNode> whale, ObjectNode deployment, ObjectNode service, ObjectNode statefulSet,
            ObjectNode dbService, ObjectNode configMap, ObjectNode secret) {
        static Manifests load() throws IOException {
            List<ObjectNode> whale = read(DIR.resolve("whale.yml"));
            List<ObjectNode> postgres = read(DIR.resolve("postgres.yml"));
            return new Manifests(whale, only(whale, "Deployment"), only(whale, "Service"),
                    only(postgres, "StatefulSet"), only(postgres, "Service"),
                    only(read(DIR.resolve("configmap.yml")), "ConfigMap"),
                    only(read(DIR.resolve("secret/whale-db.yml")), "Secret"));
        }

        String secretName() {
            return name(secret);
        }

        /** The ConfigMap's data: what whale finds in its environment besides the image's own. */
        Map<String, String> settings() {
            Map<String, String> out = new LinkedHashMap<>();
            configMap.path("data").properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        }
    }

    @Test
    void theManifestsDrainOnStopRunAsWhaleAndKeepThePasswordInTheSecret() throws Exception {
        Manifests m = Manifests.load();
        JsonNode pod = m.deployment.path("spec").path("template");
        JsonNode app = onlyContainer(pod);
        assertEquals("whale:latest", app.path("image").asText(), "whale.yml names whale's image by default");
        assertTrue(isSubset(m.deployment.path("spec").path("selector").path("matchLabels"), pod.path("metadata")
                .path("labels")), "the Deployment's selector matches its pods' labels");

        // The probes: traffic only while /health answers 200; a restart only when the server does not answer at all.
        JsonNode ready = app.path("readinessProbe").path("httpGet");
        assertEquals("/health", ready.path("path").asText(), "readiness: " + app.path("readinessProbe"));
        assertEquals(8000, ready.path("port").asInt(), "readiness probes whale's port: " + ready);
        JsonNode alive = app.path("livenessProbe").path("httpGet");
        assertEquals(8000, alive.path("port").asInt(), "liveness is an httpGet on whale's port: "
                + app.path("livenessProbe"));
        assertNotEquals("/health", alive.path("path").asText(), "liveness must not depend on the database: /health "
                + "answers 503 in every pod while PostgreSQL is down, and restarting them all would not help");
        assertTrue(containerPorts(app).contains(8000), "the container declares port 8000: " + app.path("ports"));

        // Draining: the preStop pause, then SIGTERM and whale's stop timeout, all inside the grace period.
        JsonNode preStop = app.path("lifecycle").path("preStop").path("exec").path("command");
        assertEquals("sleep", preStop.path(0).asText(), "preStop pauses before SIGTERM: " + preStop);
        int pause = preStop.path(1).asInt();
        assertTrue(pause >= 3, "the preStop pause gives the endpoints time to drop the pod: " + pause + " s");
        Duration stop = Settings.from(Config.load(Podman.REPO.resolve("config"), "production", m.settings()),
                Podman.REPO).stopTimeout();
        int grace = pod.path("spec").path("terminationGracePeriodSeconds").asInt();
        assertTrue(grace >= pause + stop.toSeconds() + 5, "terminationGracePeriodSeconds (" + grace + ") must outlast"
                + " the preStop pause (" + pause + " s), whale's stop timeout (" + stop.toSeconds() + " s, "
                + "WHALE_STOP_TIMEOUT_MS) and 5 s to close the pool and exit");

        // Not root, and the image's user.
        JsonNode podSecurity = pod.path("spec").path("securityContext");
        JsonNode security = app.path("securityContext");
        assertTrue(security.path("runAsNonRoot").asBoolean(podSecurity.path("runAsNonRoot").asBoolean()),
                "runAsNonRoot: " + podSecurity + " " + security);
        assertEquals(10001, security.path("runAsUser").asInt(podSecurity.path("runAsUser").asInt()),
                "runAsUser is the image's whale user");

        // Room for the image's heap.
        Matcher xmx = Pattern.compile("-Xmx(\\d+)m")
                .matcher(Files.readString(Podman.REPO.resolve("docker/Dockerfile")));
        assertTrue(xmx.find(), "docker/Dockerfile's CMD sets -Xmx");
        int heap = Integer.parseInt(xmx.group(1));
        JsonNode resources = app.path("resources");
        long limit = mebibytes(resources.path("limits").path("memory").asText());
        long request = mebibytes(resources.path("requests").path("memory").asText());
        assertTrue(limit >= heap + 128, "a memory limit of " + limit + " MiB leaves too little beside a heap of "
                + heap + " MiB (metaspace, code cache, threads)");
        assertTrue(request > heap && request <= limit, "memory request " + request
                + " MiB: above the heap, at most the limit");
        assertFalse(resources.path("requests").path("cpu").asText().isEmpty(), "a CPU request: " + resources);

        // Settings: the ConfigMap as the environment, the password from the Secret alone.
        assertEquals(name(m.configMap), app.path("envFrom").path(0).path("configMapRef").path("name").asText(),
                "whale's environment comes from the ConfigMap");
        assertSecretRef(m, app, "POSTGRES_PASSWORD");
        for (JsonNode env : app.path("env")) {
            assertFalse(Config.isSecret(env.path("name").asText()) && env.has("value"),
                    "a secret as a literal in whale.yml: " + env);
        }
        Map<String, String> file = Config.read(Podman.REPO.resolve("config/production.json"));
        Map<String, String> settings = m.settings();
        settings.keySet().forEach(k -> assertFalse(Config.isSecret(k), k + " is a secret; it belongs in the Secret"));
        file.forEach((k, v) -> {
            if (Config.isSecret(k)) {
                return;
            }
            assertTrue(settings.containsKey(k), "configmap.yml lacks " + k + " of config/production.json");
            String expected = k.equals("POSTGRES_HOSTNAME") ? name(m.dbService) : v;
            assertEquals(expected, settings.get(k), k + ": configmap.yml follows config/production.json, with the "
                    + "database's Service as its host");
        });
        assertEquals(m.dbService.path("spec").path("ports").path(0).path("port").asText(),
                settings.get("POSTGRES_PORT"), "POSTGRES_PORT is the database Service's port");
        // `kubectl apply -f deploy/kubernetes/` must never overwrite the real password with the template's.
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path f : files.filter(p -> p.toString().matches(".*\\.(yml|yaml|json)")).toList()) {
                assertTrue(read(f).stream().noneMatch(d -> d.path("kind").asText().equals("Secret")),
                        f + " holds a Secret; it belongs in secret/, which `kubectl apply -f` of the folder skips");
            }
        }
        m.secret.path("stringData").properties().forEach(e -> assertEquals("", e.getValue().asText(),
                "secret/whale-db.yml is a template: " + e.getKey() + " must stay empty in the repository"));
        assertFalse(m.secret.has("data"), "secret/whale-db.yml is a template without data");

        // whale's Service selects its pods and reaches port 8000.
        assertTrue(isSubset(m.service.path("spec").path("selector"), pod.path("metadata").path("labels")),
                "the Service selects whale's pods");
        JsonNode target = m.service.path("spec").path("ports").path(0).path("targetPort");
        assertTrue(target.asInt() == 8000 || portNamed(app, target.asText()) == 8000,
                "the Service forwards to port 8000: " + target);

        // PostgreSQL: one pod with its own claim, named by a headless Service.
        JsonNode sts = m.statefulSet.path("spec");
        assertEquals(name(m.dbService), sts.path("serviceName").asText(), "the StatefulSet's governing Service");
        assertEquals("None", m.dbService.path("spec").path("clusterIP").asText(), "the governing Service is headless");
        assertTrue(isSubset(m.dbService.path("spec").path("selector"), sts.path("template").path("metadata")
                .path("labels")), "the database Service selects the StatefulSet's pod");
        JsonNode pg = onlyContainer(sts.path("template"));
        assertEquals("postgres:17", pg.path("image").asText(), "postgres.yml names Docker Hub's image by default");
        assertSecretRef(m, pg, "POSTGRES_PASSWORD");
        for (String key : List.of("POSTGRES_USER", "POSTGRES_DB")) {
            JsonNode ref = env(pg, key).path("valueFrom").path("configMapKeyRef");
            assertEquals(name(m.configMap), ref.path("name").asText(), key + " comes from whale's ConfigMap");
            assertTrue(settings.containsKey(ref.path("key").asText()), key + ": the ConfigMap has " + ref);
        }
        String claim = sts.path("volumeClaimTemplates").path(0).path("metadata").path("name").asText();
        String dataDir = null;
        for (JsonNode mount : pg.path("volumeMounts")) {
            if (mount.path("name").asText().equals(claim)) {
                dataDir = mount.path("mountPath").asText();
            }
        }
        assertTrue(dataDir != null, "the container mounts the claim " + claim + ": " + pg.path("volumeMounts"));
        assertTrue(env(pg, "PGDATA").path("value").asText().startsWith(dataDir + "/"), "PGDATA lies below the "
                + "claim's mount " + dataDir + ", away from a lost+found at its root");
        assertTrue(pg.path("readinessProbe").path("exec").path("command").toString().contains("pg_isready"),
                "PostgreSQL is ready when pg_isready says so: " + pg.path("readinessProbe"));
    }

    @Test
    void podmanKubePlayRunsTheAppOnItsDatabaseAndLeavesNothingBehind() throws Exception {
        Podman podman = Podman.get();
        Manifests m = Manifests.load();
        String network = "whale-kube-" + ProcessHandle.current().pid();
        // podman's names: a Deployment's first pod is NAME-pod-0, a container is POD-CONTAINER, a claim a volume.
        String appPod = name(m.deployment) + "-pod-0";
        String app = appPod + "-" + onlyContainer(m.deployment.path("spec").path("template")).path("name").asText();
        String dbPod = name(m.dbService);
        String claim = claims(m.statefulSet).get(0).path("metadata").path("name").asText();
        List<String> emptyDirs = new ArrayList<>();
        for (JsonNode v : m.deployment.path("spec").path("template").path("spec").path("volumes")) {
            if (v.has("emptyDir")) {
                emptyDirs.add(v.path("name").asText());
            }
        }
        Path dir = Files.createTempDirectory("whale-kube");
        int webPort = Podman.freePort();
        String url = "http://127.0.0.1:" + webPort;
        String readiness = url + onlyContainer(m.deployment.path("spec").path("template")).path("readinessProbe")
                .path("httpGet").path("path").asText();
        List<String> volumes = new ArrayList<>(emptyDirs);
        volumes.add(claim);
        cleanUp(podman, List.of(appPod, dbPod), volumes, m.secretName(), network); // after a run that was killed
        try {
            // The Secret, in the one form podman 4.3 resolves a secretKeyRef from.
            Path secret = dir.resolve("secret.json");
            Files.writeString(secret, podmanSecret(m.secret, randomPassword()));
            Podman.Result created = podman.podman("secret", "create", m.secretName(), secret.toString());
            Files.delete(secret);
            assertEquals(0, created.exit(), "podman secret create: " + created.out());
            Podman.Result net = podman.podman("network", "create", network);
            assertEquals(0, net.exit(), "podman network create: " + net.out());

            String image = local(podman.env.get("POSTGRES_IMAGE"));
            Path claimsFile = write(dir.resolve("postgres-claims.yml"), claims(m.statefulSet));
            Path dbFile = write(dir.resolve("postgres-pod.yml"), List.of(podOf(m.statefulSet, dbPod, image)));
            Path appFile = write(dir.resolve("whale.yml"), forPodman(m.whale, webPort));
            String configMap = DIR.resolve("configmap.yml").toString();

            // whale first: it answers, but is not ready while its database is missing.
            play(podman, network, configMap, appFile);
            assertEquals(503, awaitAnswer(podman, app, readiness), "not ready without a database");
            // The liveness probe passes all the same: no restart for a database outage.
            podman.awaitHealthy(app);
            assertEquals(503, status(readiness), "still not ready without a database");
            assertEquals(0, restarts(podman, app), "podman restarted whale for a failed liveness probe");

            // What podman applied of the pod's spec.
            assertEquals("10001", podman.podman("exec", app, "id", "-u").out().strip(), "runAsUser");
            assertNotEquals(0, podman.podman("exec", app, "touch", "/opt/whale/written").exit(),
                    "the root file system is read-only");
            assertEquals(0, podman.podman("exec", app, "touch", "/tmp/written").exit(), "/tmp is writable");
            long limit = mebibytes(onlyContainer(m.deployment.path("spec").path("template")).path("resources")
                    .path("limits").path("memory").asText());
            assertEquals(limit << 20, podman.inspect(app).path("HostConfig").path("Memory").asLong(), "memory limit");
            assertEquals(name(m.dbService), podman.podman("exec", app, "printenv", "POSTGRES_HOSTNAME").out().strip(),
                    "the ConfigMap is whale's environment");

            play(podman, network, null, claimsFile);
            play(podman, network, configMap, dbFile);
            awaitStatus(podman, app, readiness, 200);
            assertEquals("Number of users: 0", HTTP.get(url + "/users").body(), "a new database has no users");
            HttpResponse<String> posted = HTTP.postUser(url, "kube@play.test");
            assertEquals(201, posted.statusCode(), "POST /api/users: " + posted.body());
            assertTrue(HTTP.get(url + "/api/users").body().contains("kube@play.test"), "the user is listed");

            // Stopped, whale drains and exits on SIGTERM by itself (143), well before podman's SIGKILL (137) after
            // 10 s: podman ignores the preStop hook and the grace period, so this is the part of a drain it runs.
            Podman.Result stopped = podman.podman("pod", "stop", appPod);
            assertEquals(0, stopped.exit(), "podman pod stop: " + stopped.out());
            assertEquals(143, podman.inspect(app).path("State").path("ExitCode").asInt(),
                    "whale's exit on SIGTERM:\n" + logs(podman, app));

            // Down and up again: the claim keeps the data, as a StatefulSet's claim outlives its pod.
            down(podman, appFile);
            down(podman, dbFile);
            assertTrue(names(podman, "volume", "ls").contains(claim), "the claim " + claim + " outlives its pod");
            play(podman, network, configMap, dbFile);
            play(podman, network, configMap, appFile);
            awaitStatus(podman, app, readiness, 200);
            assertTrue(HTTP.get(url + "/api/users").body().contains("kube@play.test"),
                    "the user survives in the claim");

            // Nothing left: no pod, no container; then the claim, the secret and the network, as on a cluster.
            List<String> containers = new ArrayList<>();
            for (String pod : List.of(appPod, dbPod)) {
                Podman.Result ids = podman.podman("pod", "inspect", "--format", "{{range .Containers}}{{.ID}} {{end}}",
                        pod);
                assertEquals(0, ids.exit(), "podman pod inspect " + pod + ": " + ids.out());
                containers.addAll(List.of(ids.out().strip().split("\\s+")));
            }
            down(podman, appFile);
            down(podman, dbFile);
            down(podman, claimsFile);
            List<String> pods = names(podman, "pod", "ps");
            assertTrue(pods.stream().noneMatch(List.of(appPod, dbPod)::contains), "pods left: " + pods);
            Podman.Result all = podman.podman("ps", "-a", "--no-trunc", "--format", "{{.ID}} {{.Names}}");
            assertEquals(0, all.exit(), "podman ps: " + all.out());
            assertTrue(containers.stream().noneMatch(all.out()::contains), "containers left of " + containers + ":\n"
                    + all.out());
            List<String> afterDown = names(podman, "volume", "ls");
            assertTrue(emptyDirs.stream().noneMatch(afterDown::contains), "emptyDir volumes left: " + afterDown);
            assertTrue(afterDown.contains(claim), "kube down keeps the claim " + claim);
            assertEquals(0, podman.podman("volume", "rm", claim).exit(), "podman volume rm " + claim);
            assertEquals(0, podman.podman("secret", "rm", m.secretName()).exit(), "podman secret rm");
            assertEquals(0, podman.podman("network", "rm", network).exit(), "podman network rm");
            List<String> volumesLeft = names(podman, "volume", "ls");
            assertTrue(volumes.stream().noneMatch(volumesLeft::contains), "volumes left: " + volumesLeft);
            assertFalse(names(podman, "secret", "ls").contains(m.secretName()), "the secret is left");
            assertFalse(names(podman, "network", "ls").contains(network), "the network is left");
        } finally {
            cleanUp(podman, List.of(appPod, dbPod), volumes, m.secretName(), network);
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    // ---- the copies podman plays ----------------------------------------------------------------------------------

    /**
     * whale.yml as podman 4.3 can run it: the local image, never pulled; one replica on a free host port (podman
     * publishes every containerPort on the host, so that two replicas would collide); and the liveness probe as the
     * command that the image's HEALTHCHECK runs, on the probe's path and port: podman runs an httpGet probe as
     * {@code curl} inside the container, and whale's image has no curl. That command starts a JVM, so it gets at least
     * the HEALTHCHECK's 10 s before podman counts it as failed (and, after the probe's failureThreshold, restarts the
     * container). The Service stays; podman ignores it.
     */
    static List<ObjectNode> forPodman(List<ObjectNode> whale, int hostPort) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode doc : whale) {
            ObjectNode copy = doc.deepCopy();
            if (kind(copy).equals("Deployment")) {
                ((ObjectNode) copy.get("spec")).put("replicas", 1);
                for (JsonNode c : copy.path("spec").path("template").path("spec").path("containers")) {
                    ObjectNode container = (ObjectNode) c;
                    container.put("image", Podman.WHALE_IMAGE).put("imagePullPolicy", "Never");
                    for (JsonNode port : container.path("ports")) {
                        ((ObjectNode) port).put("hostPort", hostPort);
                    }
                    JsonNode get = container.path("livenessProbe").path("httpGet");
                    if (!get.isMissingNode()) {
                        ObjectNode probe = (ObjectNode) container.get("livenessProbe");
                        probe.remove("httpGet");
                        probe.putObject("exec").putArray("command").add("java").add("-jar").add("whale.jar")
                                .add("health").add("--url").add("http://127.0.0.1:" + get.path("port").asInt()
                                        + get.path("path").asText("/"))
                                .add("--timeout").add(probe.path("timeoutSeconds").asInt(1) + "s");
                        probe.put("timeoutSeconds", Math.max(10, probe.path("timeoutSeconds").asInt(1)));
                    }
                }
            }
            out.add(copy);
        }
        return out;
    }

    /** The PersistentVolumeClaims that a StatefulSet of one replica makes: TEMPLATE-NAME-0. */
    static List<ObjectNode> claims(ObjectNode statefulSet) {
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode template : statefulSet.path("spec").path("volumeClaimTemplates")) {
            ObjectNode claim = YAML.createObjectNode().put("apiVersion", "v1").put("kind", "PersistentVolumeClaim");
            claim.putObject("metadata").put("name", claimName(statefulSet, template));
            claim.set("spec", template.path("spec").deepCopy());
            out.add(claim);
        }
        return out;
    }

    static String claimName(ObjectNode statefulSet, JsonNode template) {
        return name(template) + "-" + name(statefulSet) + "-0";
    }

    /**
     * The StatefulSet's pod as a Pod: its template with its claims as volumes, the local image (never pulled), and no
     * published port. podman has no Services; the pod takes the name of the Service, which podman's DNS resolves on
     * the test's network, so that whale's ConfigMap stays as it is.
     */
    static ObjectNode podOf(ObjectNode statefulSet, String name, String image) {
        JsonNode template = statefulSet.path("spec").path("template");
        ObjectNode pod = YAML.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
        ObjectNode meta = pod.putObject("metadata").put("name", name);
        meta.set("labels", template.path("metadata").path("labels").deepCopy());
        ObjectNode spec = template.path("spec").deepCopy();
        pod.set("spec", spec);
        ArrayNode volumes = spec.has("volumes") ? (ArrayNode) spec.get("volumes") : spec.putArray("volumes");
        for (JsonNode claim : statefulSet.path("spec").path("volumeClaimTemplates")) {
            volumes.addObject().put("name", name(claim)).putObject("persistentVolumeClaim")
                    .put("claimName", claimName(statefulSet, claim));
        }
        for (JsonNode c : spec.path("containers")) {
            ((ObjectNode) c).put("image", image).put("imagePullPolicy", "Never").remove("ports");
        }
        return pod;
    }

    /**
     * A Secret as podman 4.3 resolves a {@code secretKeyRef}: a podman secret whose content is the Secret's data as
     * JSON, every value base64 as in {@code data}. (A Secret document played by {@code kube play} is stored as YAML,
     * and a pod that refers to it then fails with "secret … is not valid JSON".) The template's empty values become
     * {@code password}.
     */
    static String podmanSecret(ObjectNode secret, String password) throws IOException {
        ObjectNode data = JSON.createObjectNode();
        Base64.Encoder b64 = Base64.getEncoder();
        secret.path("stringData").properties().forEach(e -> {
            String value = e.getValue().asText().isEmpty() ? password : e.getValue().asText();
            data.put(e.getKey(), b64.encodeToString(value.getBytes(StandardCharsets.UTF_8)));
        });
        secret.path("data").properties().forEach(e -> data.put(e.getKey(), e.getValue().asText()));
        return JSON.writeValueAsString(data);
    }

    /** An image name as podman's local store has it: a name without a registry lives under localhost/. */
    static String local(String image) {
        String first = image.split("/", 2)[0];
        return image.contains("/") && (first.contains(".") || first.contains(":") || first.equals("localhost"))
                ? image : "localhost/" + image;
    }

    static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    // ---- podman -----------------------------------------------------------------------------------------------------

    static void play(Podman podman, String network, String configMap, Path file) throws Exception {
        // podman 4.3 looks for a folder named after each image (whale, for localhost/whale:test) to build it from, in
        // the working directory even with --build=false; the project's whale is the launcher, a file, which fails the
        // play. The copies' folder holds no such folder: nothing is built, and the local image runs.
        List<String> args = new ArrayList<>(List.of("kube", "play", "--build", "--context-dir",
                file.getParent().toString(), "--network", network));
        if (configMap != null) {
            args.addAll(List.of("--configmap", configMap));
        }
        args.add(file.toString());
        Podman.Result r = podman.podman(args.toArray(String[]::new));
        assertEquals(0, r.exit(), "podman kube play " + file.getFileName() + ":\n" + r.out() + "\n"
                + Files.readString(file));
    }

    static void down(Podman podman, Path file) throws Exception {
        Podman.Result r = podman.podman("kube", "down", file.toString());
        assertEquals(0, r.exit(), "podman kube down " + file.getFileName() + ":\n" + r.out());
    }

    /** Removes what the test makes, by its names; whatever is not there is no failure. */
    static void cleanUp(Podman podman, List<String> pods, List<String> volumes, String secret, String network)
            throws Exception {
        for (String pod : pods) {
            podman.podman("pod", "rm", "-f", "-t", "5", pod);
        }
        for (String volume : volumes) {
            podman.podman("volume", "rm", "-f", volume);
        }
        podman.podman("secret", "rm", secret);
        podman.podman("network", "rm", network);
    }

    /** The names that {@code podman pod ps}, {@code podman volume ls} and the like list. */
    static List<String> names(Podman podman, String... ls) throws Exception {
        List<String> args = new ArrayList<>(List.of(ls));
        args.addAll(List.of("--format", "{{.Name}}"));
        Podman.Result r = podman.podman(args.toArray(String[]::new));
        assertEquals(0, r.exit(), "podman " + String.join(" ", ls) + ": " + r.out());
        return r.out().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    static int restarts(Podman podman, String container) throws Exception {
        return podman.inspect(container).path("RestartCount").asInt();
    }

    /** Waits until {@code url} answers at all; its status. */
    static int awaitAnswer(Podman podman, String container, String url) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            int status = status(url);
            if (status > 0) {
                return status;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(url + " did not answer within 120 s:\n" + logs(podman, container));
    }

    static void awaitStatus(Podman podman, String container, String url, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline) {
            status = status(url);
            if (status == expected) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(url + " answered " + status + ", not " + expected + ", after 120 s:\n"
                + logs(podman, container));
    }

    static String logs(Podman podman, String container) throws Exception {
        return podman.podman("logs", "--tail", "30", container).out();
    }

    // ---- HTTP -------------------------------------------------------------------------------------------------------

    /** The status of a GET, or 0 while nothing answers. */
    static int status(String url) throws InterruptedException {
        try {
            return HTTP.get(url).statusCode();
        } catch (IOException e) {
            return 0;
        }
    }

    // ---- the manifests --------------------------------------------------------------------------------------------

    /** The documents of one YAML file; each has an apiVersion, a kind and a name. */
    static List<ObjectNode> read(Path file) throws IOException {
        List<ObjectNode> docs;
        try (MappingIterator<ObjectNode> it = YAML.readerFor(ObjectNode.class).readValues(file.toFile())) {
            docs = it.readAll().stream().filter(Objects::nonNull).toList();
        }
        for (ObjectNode d : docs) {
            for (String field : List.of("apiVersion", "kind")) {
                assertFalse(d.path(field).asText().isEmpty(), file + ": a document without " + field + ": " + d);
            }
            assertFalse(name(d).isEmpty(), file + ": a document without metadata.name: " + d);
        }
        return docs;
    }

    static Path write(Path file, List<ObjectNode> docs) throws IOException {
        StringBuilder out = new StringBuilder();
        for (ObjectNode d : docs) {
            out.append(YAML.writeValueAsString(d));
        }
        return Files.writeString(file, out);
    }

    static ObjectNode only(List<ObjectNode> docs, String kind) {
        List<ObjectNode> found = docs.stream().filter(d -> kind(d).equals(kind)).toList();
        assertEquals(1, found.size(), "one " + kind + " expected among " + docs.stream().map(KubernetesTest::kind)
                .toList());
        return found.get(0);
    }

    static String kind(JsonNode doc) {
        return doc.path("kind").asText();
    }

    static String name(JsonNode doc) {
        return doc.path("metadata").path("name").asText();
    }

    static JsonNode onlyContainer(JsonNode podTemplate) {
        JsonNode containers = podTemplate.path("spec").path("containers");
        assertEquals(1, containers.size(), "one container expected: " + containers);
        return containers.get(0);
    }

    static JsonNode env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e;
            }
        }
        throw new AssertionError(container.path("name").asText() + " has no " + name + " in its env");
    }

    static void assertSecretRef(Manifests m, JsonNode container, String variable) {
        JsonNode ref = env(container, variable).path("valueFrom").path("secretKeyRef");
        assertEquals(m.secretName(), ref.path("name").asText(), variable + " comes from the Secret: " + ref);
        assertTrue(m.secret.path("stringData").has(ref.path("key").asText()), variable + ": the Secret has the key "
                + ref.path("key"));
    }

    static Set<Integer> containerPorts(JsonNode container) {
        Set<Integer> ports = new HashSet<>();
        container.path("ports").forEach(p -> ports.add(p.path("containerPort").asInt()));
        return ports;
    }

    static int portNamed(JsonNode container, String name) {
        for (JsonNode p : container.path("ports")) {
            if (p.path("name").asText().equals(name)) {
                return p.path("containerPort").asInt();
            }
        }
        return -1;
    }

    static boolean isSubset(JsonNode labels, JsonNode of) {
        if (labels.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> e : labels.properties()) {
            if (!e.getValue().equals(of.path(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** A Kubernetes memory quantity (Mi or Gi) in MiB. */
    static long mebibytes(String quantity) {
        Matcher q = Pattern.compile("(\\d+)(Mi|Gi)").matcher(quantity);
        assertTrue(q.matches(), "a memory quantity in Mi or Gi expected: '" + quantity + "'");
        return Long.parseLong(q.group(1)) << (q.group(2).equals("Gi") ? 10 : 0);
    }
}
