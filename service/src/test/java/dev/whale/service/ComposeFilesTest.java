package dev.whale.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker/*.yml and docker/Dockerfile. There is no Docker engine here, so every compose file is resolved by
 * {@code docker-compose config} (Debian's docker-compose; it needs no engine) with the variables of its
 * config/NAME.json, as {@code whale compose} passes them, and the resolved file is checked for what the posts ask.
 */
class ComposeFilesTest {
    static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** The recipes app's variables, none of them the defaults, so that the file must read each one. */
    static final Map<String, String> WHALEAPP = Map.of("WHALEAPP__DB_NAME", "recipes_db",
            "WHALEAPP__DB_USER", "chef", "WHALEAPP__DB_PASSWORD", "s3cret-pw");

    @Test
    void composeFile_everyConfig_hasOne() {
        for (String name : Config.names(PROJECT.resolve("config"))) {
            assertTrue(Files.isRegularFile(PROJECT.resolve("docker").resolve(name + ".yml")),
                    "config/" + name + ".json has no docker/" + name + ".yml for `whale compose`");
        }
    }

    @Test
    void development_dbHealthyBeforeWebOnAVolume() throws Exception {
        Config c = config("development");
        JsonNode root = resolve(c);
        assertEquals(Set.of("db", "web"), services(root), "development runs db and web");

        JsonNode db = root.path("services").path("db");
        checkDb(db, c);
        assertNamedVolume(root, db);
        assertEquals(List.of(c.get("POSTGRES_PORT", "?") + ":5432"), ports(db), "db on the config's POSTGRES_PORT");

        JsonNode web = root.path("services").path("web");
        checkWeb(web, c, "development");
        assertEquals("5000", c.get("WHALE_PORT", "?"), "config/development.json's WHALE_PORT");
        assertEquals(List.of("5000:5000"), ports(web), "web published on port 5000");
        assertEquals("5000", env(web, "WHALE_PORT"), "the app listens where it is published");
        assertHealthcheckUrl(web, "http://127.0.0.1:5000/health");
    }

    @Test
    void testing_runsOnlyAThrowawayDatabaseOnTheConfigsPort() throws Exception {
        Config c = config("testing");
        JsonNode root = resolve(c);
        assertEquals(Set.of("db"), services(root), "testing runs the database only");
        JsonNode db = root.path("services").path("db");
        checkDb(db, c);
        assertEquals("5433", c.get("POSTGRES_PORT", "?"), "config/testing.json's POSTGRES_PORT");
        assertEquals(List.of("5433:5432"), ports(db), "db on the config's POSTGRES_PORT");
        assertTrue(db.path("volumes").isMissingNode(), "testing's db keeps no volume: " + db.path("volumes"));
        assertTrue(root.path("volumes").isMissingNode() || root.path("volumes").isEmpty(),
                "testing declares no volume: " + root.path("volumes"));
    }

    @Test
    void scenario_publishesOnRandomHostPorts() throws Exception {
        Config c = config("scenario");
        JsonNode root = resolve(c);
        assertEquals(Set.of("db", "web"), services(root), "a scenario runs db and web");
        JsonNode db = root.path("services").path("db");
        checkDb(db, c);
        JsonNode web = root.path("services").path("web");
        checkWeb(web, c, "scenario");
        // A port without "published" gets a random host port: no clash with development or another scenario.
        assertEquals(List.of(":5432"), ports(db), "db on a random host port");
        assertEquals(List.of(":" + env(web, "WHALE_PORT")), ports(web), "web on a random host port");
        assertHealthcheckUrl(web, "http://127.0.0.1:" + env(web, "WHALE_PORT") + "/health");
        assertTrue(db.path("volumes").isMissingNode(), "a scenario's database is ephemeral: " + db.path("volumes"));
    }

    @Test
    void production_nginxInFrontOfAWebServiceThatScales() throws Exception {
        Config c = config("production");
        JsonNode root = resolve(c);
        assertEquals(Set.of("db", "web", "nginx"), services(root), "production runs db, web and nginx");
        JsonNode db = root.path("services").path("db");
        checkDb(db, c);
        assertNamedVolume(root, db);
        assertEquals(List.of(), ports(db), "production's db is reached on the Compose network only");

        JsonNode web = root.path("services").path("web");
        checkWeb(web, c, "production");
        // `--scale web=3` fails on a published host port: the second instance could not bind it.
        assertTrue(web.path("ports").isMissingNode(), "web must publish no port, to scale: " + web.path("ports"));
        assertEquals("8000", env(web, "WHALE_PORT"), "web listens on the port the image exposes");
        assertHealthcheckUrl(web, "http://127.0.0.1:8000/health");
        String nginxConf = Files.readString(PROJECT.resolve("docker/nginx/nginx.conf"));
        assertTrue(nginxConf.contains("server web:8000"), "docker/nginx/nginx.conf proxies to web:8000");

        JsonNode nginx = root.path("services").path("nginx");
        assertTrue(nginx.path("image").asText().startsWith("nginx"), "nginx's image: " + nginx.path("image"));
        assertEquals(List.of("8080:8080", "8443:8443"), ports(nginx), "nginx publishes 8080 and 8443");
        List<String> mounts = texts(nginx.path("volumes"));
        assertTrue(mounts.contains(PROJECT.resolve("docker/nginx/nginx.conf") + ":/etc/nginx/nginx.conf:ro"),
                "nginx mounts docker/nginx/nginx.conf: " + mounts);
        assertTrue(mounts.contains(PROJECT.resolve("docker/nginx/certs") + ":/etc/nginx/certs:ro"),
                "nginx mounts docker/nginx/certs: " + mounts);
        assertEquals("service_healthy", nginx.path("depends_on").path("web").path("condition").asText(),
                "nginx starts once web answers /health");
    }

    @Test
    void whale_runsTheRecipesAppUnderItsVariables() throws Exception {
        JsonNode root = resolve("whale", WHALEAPP);
        assertEquals(Set.of("db", "app"), services(root), "the compose post's app and db");
        JsonNode db = root.path("services").path("db");
        JsonNode app = root.path("services").path("app");
        assertTrue(db.path("image").asText().startsWith("postgres"), "db's image: " + db.path("image"));
        assertEquals("recipes_db", env(db, "POSTGRES_DB"));
        assertEquals("chef", env(db, "POSTGRES_USER"));
        assertEquals("s3cret-pw", env(db, "POSTGRES_PASSWORD"));
        assertNamedVolume(root, db);
        assertPgIsReady(db);
        assertEquals(Map.of("WHALEAPP__DB_HOST", "db", "WHALEAPP__DB_NAME", "recipes_db",
                "WHALEAPP__DB_USER", "chef", "WHALEAPP__DB_PASSWORD", "s3cret-pw"), envMap(app),
                "the app is configured by the WHALEAPP__ variables only");
        assertEquals("service_healthy", app.path("depends_on").path("db").path("condition").asText(),
                "the app waits for a healthy db");
        assertEquals("docker/Dockerfile", app.path("build").path("dockerfile").asText());
        assertEquals(PROJECT.toString(), app.path("build").path("context").asText(), "built from the project");
        String command = String.join(" ", texts(app.path("command")));
        assertTrue(command.endsWith("whale.jar recipes --watch"), "the app runs `whale recipes --watch`: " + command);

        // Without the variables, the post's own values.
        JsonNode plain = resolve("whale", Map.of());
        assertEquals("whale_db", env(plain.path("services").path("db"), "POSTGRES_DB"));
        assertEquals("whale_user", env(plain.path("services").path("db"), "POSTGRES_USER"));
        assertEquals("whale_user", env(plain.path("services").path("app"), "WHALEAPP__DB_USER"));
    }

    @Test
    void dockerfile_buildsInTwoStagesAndRunsAsAnotherUserThanRoot() throws Exception {
        List<String[]> all = instructions(Files.readString(PROJECT.resolve("docker/Dockerfile")));
        List<Integer> froms = indexes(all, "FROM");
        assertTrue(froms.size() >= 2, "a multi-stage build has two FROMs or more, not " + froms.size());
        // Every base image is a build argument whose default is Docker Hub's image (docker/local-images.sh makes
        // the local equivalents).
        Map<String, String> args = new HashMap<>();
        for (int i : indexes(all, "ARG")) {
            String[] kv = all.get(i)[1].split("=", 2);
            args.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        UnaryOperator<String> resolve = from -> {
            Matcher arg = Pattern.compile("\\$\\{(\\w+)}").matcher(from);
            assertTrue(arg.lookingAt(), "FROM names its image through a build argument: " + from);
            return args.get(arg.group(1)) + from.substring(arg.end());
        };
        assertTrue(resolve.apply(all.get(froms.get(0))[1]).matches("(?i)maven:\\S*temurin-21\\S*\\s+AS\\s+\\S+"),
                "the build stage: Maven on a Temurin JDK 21, named: " + all.get(froms.get(0))[1]);
        List<String[]> build = all.subList(froms.get(0), froms.get(1));
        List<String[]> runtime = all.subList(froms.get(froms.size() - 1), all.size());
        assertTrue(resolve.apply(runtime.get(0)[1]).matches("eclipse-temurin:21-jre\\S*"),
                "the runtime stage runs on a JRE: " + runtime.get(0)[1]);

        // The dependency layer: every module's pom, then Maven, then the sources.
        Set<String> poms = new TreeSet<>(List.of("pom.xml"));
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(PROJECT.resolve("pom.xml")));
        while (m.find()) {
            poms.add(m.group(1) + "/pom.xml");
        }
        int firstSource = -1;
        int dependencyRun = -1;
        int lastPom = -1;
        Set<String> copiedPoms = new TreeSet<>();
        for (int i = 0; i < build.size(); i++) {
            String[] in = build.get(i);
            if (in[0].equals("COPY")) {
                List<String> srcs = copySources(in[1]);
                if (!srcs.isEmpty() && srcs.stream().allMatch(s -> s.endsWith("pom.xml"))) {
                    copiedPoms.addAll(srcs);
                    lastPom = i;
                } else if (firstSource < 0) {
                    firstSource = i;
                }
            } else if (in[0].equals("RUN") && in[1].contains("mvn") && firstSource < 0 && lastPom >= 0) {
                dependencyRun = i;
            }
        }
        assertEquals(poms, copiedPoms, "the build stage copies every pom by itself");
        assertTrue(firstSource > 0, "the build stage copies the sources");
        assertTrue(lastPom < firstSource, "the poms are copied before the sources");
        assertTrue(dependencyRun > lastPom && dependencyRun < firstSource,
                "Maven resolves the dependencies between the poms and the sources, in a layer of its own");
        String packageRun = build.subList(firstSource, build.size()).stream().filter(in -> in[0].equals("RUN"))
                .map(in -> in[1]).filter(r -> r.contains("mvn")).findFirst().orElse("");
        assertTrue(packageRun.matches(".*\\s-o\\s.*") && packageRun.contains("package"),
                "the sources are built offline, from the dependency layer: " + packageRun);

        String user = last(runtime, "USER").orElse("");
        assertFalse(user.isEmpty(), "the runtime stage sets a USER");
        assertFalse(user.split(":")[0].matches("root|0"), "the runtime user is not root: " + user);
        assertEquals("8000", last(runtime, "EXPOSE").orElse(""), "the runtime stage exposes 8000");
        String health = words(last(runtime, "HEALTHCHECK").orElse(""));
        assertTrue(health.matches(
                ".*\\bCMD java -jar whale\\.jar health --url http://127\\.0\\.0\\.1:8000/health\\b.*"),
                "the HEALTHCHECK calls `whale.jar health` on port 8000: " + health);
        assertFalse(health.contains("curl"), "the runtime image has no curl: " + health);
        String cmd = words(last(runtime, "CMD").orElse(""));
        Matcher memory = Pattern.compile("MEMORY=\\((-[^)]*)\\)")
                .matcher(Files.readString(PROJECT.resolve("whale")));
        assertTrue(memory.find(), "the launcher sets MEMORY for the service commands");
        assertEquals("java " + memory.group(1) + " -jar whale.jar serve", cmd,
                "the container serves with the launcher's heap and collector");
        assertTrue(runtime.stream()
                .anyMatch(in -> in[0].equals("ENV") && in[1].matches("APPLICATION_CONFIG=production")),
                "the image defaults to the production config");
        assertTrue(runtime.stream()
                .anyMatch(in -> in[0].equals("COPY") && in[1].matches("--from=\\S+\\s+\\S*whale\\.jar\\s.*")),
                "the runtime stage takes whale.jar from the build stage");

        List<String> ignored = Files.readAllLines(PROJECT.resolve(".dockerignore"));
        for (String pattern : List.of("**/target/", ".whale/", ".git", "bench/results/")) {
            assertTrue(ignored.contains(pattern), ".dockerignore leaves out " + pattern + ": " + ignored);
        }
    }

    // ---- the compose files' common shape -------------------------------------------------------------------------

    /** db: the postgres image, the config's credentials, a pg_isready healthcheck. */
    static void checkDb(JsonNode db, Config c) {
        assertTrue(db.path("image").asText().startsWith("postgres"), "db's image: " + db.path("image"));
        for (String name : List.of("POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD")) {
            assertEquals(c.get(name, "?"), env(db, name), "db's " + name + " comes from config/" + c.name() + ".json");
        }
        assertPgIsReady(db);
    }

    /** web: built from docker/Dockerfile in the project, the config's variables, db by its service name. */
    static void checkWeb(JsonNode web, Config c, String name) {
        assertEquals(PROJECT.toString(), web.path("build").path("context").asText(),
                "web is built from the project directory (PWD)");
        assertEquals("docker/Dockerfile", web.path("build").path("dockerfile").asText());
        assertEquals(name, env(web, "APPLICATION_CONFIG"));
        for (String v : List.of("WHALE_PROFILE", "APPLICATION_DB", "POSTGRES_DB", "POSTGRES_USER",
                "POSTGRES_PASSWORD")) {
            assertEquals(c.get(v, "?"), env(web, v), "web's " + v + " comes from config/" + name + ".json");
        }
        assertEquals("db", env(web, "POSTGRES_HOSTNAME"), "web finds the database by its service name");
        assertEquals("5432", env(web, "POSTGRES_PORT"), "web connects to the database's port on the network");
        assertEquals("0.0.0.0", env(web, "WHALE_HOST"), "in a container the app listens on every interface");
        assertEquals("service_healthy", web.path("depends_on").path("db").path("condition").asText(),
                "web waits for a healthy db");
    }

    static void assertPgIsReady(JsonNode service) {
        String test = String.join(" ", texts(service.path("healthcheck").path("test")));
        assertTrue(test.contains("pg_isready"), "db's healthcheck runs pg_isready: " + test);
    }

    static void assertHealthcheckUrl(JsonNode web, String url) {
        String test = String.join(" ", texts(web.path("healthcheck").path("test")));
        assertTrue(test.contains("whale.jar health --url " + url), "web's healthcheck is `whale health` on " + url
                + ": " + test);
    }

    /** A volume that the file declares, mounted on PostgreSQL's data directory. */
    static void assertNamedVolume(JsonNode root, JsonNode db) {
        List<String> mounts = texts(db.path("volumes"));
        Optional<String> data = mounts.stream().filter(v -> v.contains(":/var/lib/postgresql/data")).findFirst();
        assertTrue(data.isPresent(), "db keeps its data in a volume: " + mounts);
        String source = data.get().substring(0, data.get().indexOf(':'));
        assertFalse(source.startsWith("/") || source.startsWith("."), "db's volume is a named one: " + data.get());
        assertTrue(root.path("volumes").has(source), "the file declares the volume " + source);
    }

    // ---- running docker-compose --------------------------------------------------------------------------------

    static Config config(String name) {
        return Config.load(Path.of("..", "config"), name, Map.of());
    }

    /** The file of {@code config}, resolved as {@code whale compose config} resolves it. */
    static JsonNode resolve(Config config) throws IOException, InterruptedException {
        Path exe = dockerCompose();
        Compose.Invocation run = Compose.of(config, PROJECT, List.of("config"), Map.of("PATH", path()),
                command -> false, name -> name.equals("docker-compose") ? Optional.of(exe) : Optional.empty());
        assertEquals(List.of(exe.toString(), "-p", config.name(), "-f", "docker/" + config.name() + ".yml", "config"),
                run.command(), "what `whale compose config` runs");
        return run(run.command(), run.environment(), "docker/" + config.name() + ".yml");
    }

    /** docker/NAME.yml resolved with {@code vars} and nothing else in the environment. */
    static JsonNode resolve(String name, Map<String, String> vars) throws IOException, InterruptedException {
        Path exe = dockerCompose();
        Map<String, String> env = new HashMap<>(vars);
        env.put("PATH", path());
        return run(List.of(exe.toString(), "-p", name, "-f", "docker/" + name + ".yml", "config"), env,
                "docker/" + name + ".yml");
    }

    static JsonNode run(List<String> command, Map<String, String> env, String file)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("compose-config", ".out");
        Path err = Files.createTempFile("compose-config", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(PROJECT.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("docker-compose config on " + file + " did not finish in 120 s");
            }
            String stderr = Files.readString(err);
            assertEquals(0, p.exitValue(), "docker-compose config rejects " + file + ":\n" + stderr);
            List<String> warnings = stderr.lines().filter(l -> l.contains("is not set") || l.contains("WARN")).toList();
            assertEquals(List.of(), warnings, file + " uses a variable that config does not set");
            return YAML.readTree(Files.readString(out));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static Path dockerCompose() {
        Optional<Path> exe = Compose.which("docker-compose", path());
        if (exe.isEmpty()) {
            fail("docker-compose is missing: apt-get install docker-compose");
        }
        return exe.get();
    }

    static String path() {
        return Optional.ofNullable(System.getenv("PATH")).orElse("/usr/local/bin:/usr/bin:/bin");
    }

    // ---- reading the resolved YAML ------------------------------------------------------------------------------

    static Set<String> services(JsonNode root) {
        Set<String> names = new TreeSet<>();
        root.path("services").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Each port as {@code PUBLISHED:TARGET}; {@code :TARGET} when the host port is random. */
    static List<String> ports(JsonNode service) {
        List<String> out = new ArrayList<>();
        for (JsonNode p : service.path("ports")) {
            if (p.isObject()) {
                out.add(p.path("published").asText("") + ":" + p.path("target").asText());
            } else {
                out.add(p.asText());
            }
        }
        return out;
    }

    static String env(JsonNode service, String name) {
        JsonNode v = service.path("environment").path(name);
        assertFalse(v.isMissingNode(), service.path("image").asText("a service") + " has no " + name);
        return v.asText();
    }

    static Map<String, String> envMap(JsonNode service) {
        Map<String, String> out = new HashMap<>();
        service.path("environment").properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else if (!node.isMissingNode()) {
            out.add(node.asText());
        }
        return out;
    }

    // ---- reading the Dockerfile --------------------------------------------------------------------------------

    /** Each instruction as {keyword, arguments}: comments dropped, continuation lines joined. */
    static List<String[]> instructions(String dockerfile) {
        List<String[]> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.lines().toList()) {
            String t = line.strip();
            if (t.startsWith("#") || (t.isEmpty() && current.isEmpty())) {
                continue;
            }
            boolean more = t.endsWith("\\");
            current.append(more ? t.substring(0, t.length() - 1) : t).append(' ');
            if (!more) {
                String s = current.toString().strip();
                current.setLength(0);
                String[] parts = s.split("\\s+", 2);
                out.add(new String[] {parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : ""});
            }
        }
        return out;
    }

    /** An instruction's words, exec form or shell form alike: {@code ["a", "b"]} reads {@code a b}. */
    static String words(String args) {
        return args.replaceAll("[\\[\\]\",]", " ").strip().replaceAll("\\s+", " ");
    }

    static List<Integer> indexes(List<String[]> instructions, String keyword) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i)[0].equals(keyword)) {
                out.add(i);
            }
        }
        return out;
    }

    static Optional<String> last(List<String[]> instructions, String keyword) {
        String found = null;
        for (String[] in : instructions) {
            if (in[0].equals(keyword)) {
                found = in[1];
            }
        }
        return Optional.ofNullable(found);
    }

    /** The sources of a COPY: every word but the last, the flags left out. */
    static List<String> copySources(String args) {
        List<String> words = new ArrayList<>(List.of(args.split("\\s+")));
        words.removeIf(w -> w.startsWith("--"));
        if (words.size() < 2) {
            return List.of();
        }
        return new ArrayList<>(new LinkedHashSet<>(words.subList(0, words.size() - 1)));
    }
}
