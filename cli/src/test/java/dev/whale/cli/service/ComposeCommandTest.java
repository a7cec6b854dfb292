package dev.whale.cli.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** whale compose against a fake docker that records its arguments and environment. */
class ComposeCommandTest {
    /** An engine the fake docker never reaches; given, so that whale starts none of its own. */
    static final String ENGINE = "unix:///nonexistent/docker.sock";

    static Path fakeDocker(Path bin, String name, boolean hasPlugin) throws Exception {
        Files.createDirectories(bin);
        Path exe = bin.resolve(name);
        Files.writeString(exe, "#!/bin/sh\n"
                + (hasPlugin ? "" : "[ \"$1\" = compose ] && [ \"$2\" = version ] && exit 1\n")
                + "[ \"$1\" = compose ] && [ \"$2\" = version ] && exit 0\n"
                + "printf '%s\\n' \"$@\" > \"$RECORD.args\"\nenv > \"$RECORD.env\"\nexit 7\n");
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        return exe;
    }

    static Path project(Path dir) throws Exception {
        Path p = Whale.project(dir.resolve("project"));
        Files.createDirectories(p.resolve("docker"));
        Files.writeString(p.resolve("docker/development.yml"), "services: {}\n");
        Files.writeString(p.resolve("docker/production.yml"), "services: {}\n");
        return p;
    }

    @Test
    void runsDockerComposeWithTheConfigsVariables(@TempDir Path dir) throws Exception {
        Path project = project(dir);
        Path bin = dir.resolve("bin");
        fakeDocker(bin, "docker", true);
        Path record = dir.resolve("record");
        Whale.Result r = Whale.run(project, Map.of("PATH", bin + ":/usr/bin:/bin", "RECORD", record.toString(),
                "APPLICATION_CONFIG", "production", "POSTGRES_PASSWORD", "from-env", "DOCKER_HOST", ENGINE),
                "compose", "up", "-d", "--scale", "web=3");
        assertEquals(7, r.exit(), "the exit code is docker's: " + r.err());
        assertEquals(List.of("compose", "-p", "production", "-f", "docker/production.yml", "up", "-d", "--scale",
                "web=3"), Files.readAllLines(record.resolveSibling("record.args")));
        String env = Files.readString(record.resolveSibling("record.env"));
        assertTrue(env.contains("APPLICATION_CONFIG=production\n"), env);
        assertTrue(env.contains("WHALE_PORT=8000\n"), env);
        assertTrue(env.contains("POSTGRES_PASSWORD=from-env\n"), "the environment wins over the file: " + env);
        assertTrue(env.contains("PWD=" + project + "\n"), env);
    }

    @Test
    void fallsBackToDockerCompose(@TempDir Path dir) throws Exception {
        Path project = project(dir);
        Path bin = dir.resolve("bin");
        fakeDocker(bin, "docker", false);
        fakeDocker(bin, "docker-compose", true);
        Path record = dir.resolve("record");
        Whale.Result r = Whale.run(project, Map.of("PATH", bin + ":/usr/bin:/bin", "RECORD", record.toString(),
                "DOCKER_HOST", ENGINE), "compose", "--config", "development", "ps");
        assertEquals(7, r.exit(), r.err());
        assertEquals(List.of("-p", "development", "-f", "docker/development.yml", "ps"),
                Files.readAllLines(record.resolveSibling("record.args")));
    }

    @Test
    void withComposeButNoEngineItSaysWhatToInstallInOneLine(@TempDir Path dir) throws Exception {
        Path project = project(dir);
        Path bin = dir.resolve("bin");
        fakeDocker(bin, "docker-compose", true);
        assumeFalse(Files.exists(Path.of("/var/run/docker.sock")),
                "this machine has a Docker engine");
        Whale.Result r = Whale.run(project, Map.of("PATH", bin.toString(), "RECORD", dir.resolve("r").toString()),
                "compose", "up", "-d");
        assertEquals(2, r.exit(), r.err());
        assertEquals("whale compose: no container engine here: neither a Docker engine (/var/run/docker.sock,"
                + " DOCKER_HOST) nor podman; install one (apt-get install podman runc) or run the same without"
                + " containers: './whale serve', './whale stack up'\n", r.err());
        assertFalse(Files.exists(dir.resolve("r.args")), "docker-compose must not run without an engine");
    }

    @Test
    void withoutDockerItSaysWhatToRunInstead(@TempDir Path dir) throws Exception {
        Path project = project(dir);
        Whale.Result r = Whale.run(project, Map.of("PATH", dir.resolve("empty").toString()), "compose", "up");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("whale compose: no Docker Compose here"), r.err());
        assertTrue(r.err().contains("./whale serve"), r.err());
        assertEquals(1, r.err().lines().count());
        assertFalse(r.err().contains("\tat "));
    }
}
