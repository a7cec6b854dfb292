package dev.whale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ./whale launcher itself, run as a user would. */
class LauncherTest {

    private static final Path LAUNCHER = Path.of("..", "whale").toAbsolutePath().normalize();

    /** A fake JDK home: java and javac that only print the version, and a release file unless it is null. */
    private static Path fakeJdk(Path dir, String name, String release, String version) throws Exception {
        Path home = dir.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        if (release != null) {
            Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + release + "\"\n");
        }
        for (String tool : new String[] {"java", "javac"}) {
            Path p = home.resolve("bin").resolve(tool);
            Files.writeString(p, "#!/bin/sh\necho 'openjdk version \"" + version + "\" 2025-10-21' >&2\n");
            p.toFile().setExecutable(true);
        }
        return home;
    }

    /** Runs the launcher with a controlled environment: stdout, stderr and exit code in one string. */
    private static String launch(Path javaHome, Path path, Path jvmDir, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString());
        pb.command().addAll(List.of(args));
        pb.environment().remove("JAVA_HOME");
        if (javaHome != null) {
            pb.environment().put("JAVA_HOME", javaHome.toString());
        }
        pb.environment().put("PATH", (path == null ? "" : path + ":") + "/usr/bin:/bin");
        pb.environment().put("WHALE_JVM_DIR", jvmDir.toString());
        return result(pb);
    }

    /** Runs {@code pb}: stdout, stderr and exit code in one string. */
    private static String result(ProcessBuilder pb) throws Exception {
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out + "|" + err + "|" + p.exitValue();
    }

    @Test
    void launcher_withoutJdk21_refusesInOneLine(@TempDir Path dir) throws Exception {
        // A JDK that is too old on every path the launcher looks at.
        Path old = fakeJdk(dir, "jdk17", "17.0.15", "17.0.15");
        assertEquals("|whale: no JDK 21 or newer found (looked at JAVA_HOME, java on PATH, " + dir.resolve("none")
                + "); install one, e.g. apt-get install openjdk-21-jdk-headless\n|2",
                launch(old, old.resolve("bin"), dir.resolve("none"), "--version"));
    }

    @Test
    void launcher_picksJavaHome_thenJavaOnPath_thenTheNewestInstalled(@TempDir Path dir) throws Exception {
        Path jvms = dir.resolve("jvm");
        Path j17 = fakeJdk(jvms, "java-17-openjdk-amd64", "17.0.15", "17.0.15");
        Path j21 = fakeJdk(jvms, "java-21-openjdk-amd64", "21.0.9", "21.0.9");
        Path j25 = fakeJdk(jvms, "temurin-25-jdk-amd64", "25.0.1", "25.0.1");
        fakeJdk(jvms, "jre-8", "1.8.0_452", "1.8.0_452");
        Path noRelease = fakeJdk(dir, "custom-22", null, "22.0.2");
        Files.createSymbolicLink(jvms.resolve("default-java"), j17);

        assertEquals(j21 + "\n||0", launch(j21, null, jvms, "jdk"), "a usable JAVA_HOME wins");
        assertEquals(noRelease + "\n||0", launch(j17, noRelease.resolve("bin"), jvms, "jdk"),
                "java on the PATH when JAVA_HOME is too old; its version from java -version");
        assertEquals(j25 + "\n||0", launch(null, j17.resolve("bin"), jvms, "jdk"),
                "the newest JDK installed when neither will do");
        Files.delete(j25.resolve("bin").resolve("javac"));
        assertEquals(j21 + "\n||0", launch(null, null, jvms, "jdk"), "a JRE without javac cannot build whale");
    }

    @Test
    void launcher_servicesFamily_isEveryCommandOfTheServicePackage() throws Exception {
        // The launcher picks the AOT cache by the command's name; a service command missing from its list would
        // start on the tools' cache (slower, never wrong). This keeps the list and the command tree in step.
        Matcher m = Pattern.compile("\\n\\s*([a-z|-]+)\\) FAMILY=service")
                .matcher(Files.readString(LAUNCHER));
        assertTrue(m.find(), "no FAMILY=service line in " + LAUNCHER);
        Set<String> inLauncher = new TreeSet<>(List.of(m.group(1).split("\\|")));
        Set<String> inTree = new TreeSet<>();
        Main.commandLine(false).getSubcommands().forEach((name, sub) -> {
            if (sub.getCommand().getClass().getPackageName().equals("dev.whale.cli.service")) {
                inTree.add(name);
            }
        });
        assertEquals(inTree, inLauncher);
    }

    /**
     * A resource removed from the tree leaves the jar at the next launch: Maven never deletes what it copied into
     * target/classes, so a deleted migration would otherwise go on being applied. Runs the launcher's real build, in a
     * copy of the repository's tracked files; the built copy also runs a command with JVM options of its own.
     */
    @Test
    void launcher_rebuildsWithoutAResourceThatWasRemoved(@TempDir Path dir) throws Exception {
        Path repo = LAUNCHER.getParent();
        Path copy = dir.resolve("whale");
        Process ls = new ProcessBuilder("git", "-C", repo.toString(), "ls-files", "-z").start();
        String[] files = new String(ls.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\0");
        assertEquals(0, ls.waitFor(), "git ls-files in " + repo);
        for (String f : files) {
            Path from = repo.resolve(f);
            if (!f.isEmpty() && Files.isRegularFile(from)) {
                Files.createDirectories(copy.resolve(f).getParent());
                Files.copy(from, copy.resolve(f), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Path launcher = copy.resolve("whale");
        Path jar = copy.resolve("cli/target/whale.jar");
        String migration = "db/migration/V2__recipes.sql";
        build(launcher, "the first build");
        assertTrue(inJar(jar, migration), migration + " is in the first jar");
        // The JVM options the launcher gives some commands are accepted silently: nothing but the output.
        Path data = dir.resolve("data.txt");
        Files.writeString(data, "whale\n");
        assertEquals("SHA2-256(" + data + ")= f21eea0d467832cea90833b73ea395a077908b313074abdba4bd13e436db1c71\n||0",
                result(new ProcessBuilder(launcher.toString(), "pki", "dgst", "-sha256", data.toString())));

        Files.delete(copy.resolve("service/src/main/resources").resolve(migration));
        build(launcher, "the build after the removal");
        assertFalse(inJar(jar, migration), migration + " was removed from the tree but is still in the jar");
        assertTrue(inJar(jar, "db/migration/V1__users.sql"));
    }

    /** Runs {@code ./whale --version} in a copy, which builds it first; fails with its output unless it succeeds. */
    private static void build(Path launcher, String which) throws Exception {
        Path log = launcher.resolveSibling("build.log");
        Process p = new ProcessBuilder(launcher.toString(), "--version").redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(which + " took over 240 s");
        }
        assertEquals(0, p.exitValue(), which + " failed: " + Files.readString(log));
    }

    private static boolean inJar(Path jar, String entry) throws Exception {
        try (JarFile j = new JarFile(jar.toFile())) {
            return j.getEntry(entry) != null;
        }
    }
}
