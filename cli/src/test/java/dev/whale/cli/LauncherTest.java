package dev.whale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ./whale launcher itself, run as a user would. */
class LauncherTest {

    @Test
    void launcher_withoutJdk21_refusesInOneLine(@TempDir Path dir) throws Exception {
        Path launcher = Path.of("..", "whale").toAbsolutePath().normalize();
        // A JDK that is too old on every path the launcher looks at.
        Path old = dir.resolve("jdk17");
        Files.createDirectories(old.resolve("bin"));
        Files.writeString(old.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
        for (String tool : new String[] {"java", "javac"}) {
            Path p = old.resolve("bin").resolve(tool);
            Files.writeString(p, "#!/bin/sh\necho 'openjdk version \"17.0.15\"' >&2\n");
            p.toFile().setExecutable(true);
        }
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "--version");
        pb.environment().put("JAVA_HOME", old.toString());
        pb.environment().put("PATH", old.resolve("bin") + ":/usr/bin:/bin");
        pb.environment().put("WHALE_JVM_DIR", dir.resolve("none").toString());
        pb.redirectErrorStream(false);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        assertEquals(2, p.exitValue());
        assertEquals("", out);
        assertEquals("whale: no JDK 21 or newer found (looked at JAVA_HOME, java on PATH, " + dir.resolve("none")
                + "); install one, e.g. apt-get install openjdk-21-jdk-headless\n", err);
    }
}
