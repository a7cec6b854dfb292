package dev.whale.cli.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * whale as a separate process, on this module's class path, in a project directory of the test's own: the
 * environment and the working directory are the process's, as a user's shell gives them.
 */
final class Whale {
    private Whale() {}

    /**
     * A project with the repository's config/ and scenarios/ copied in, and its own .whale/ data. JUnit's 0700
     * folders above it are opened (0755), so that the unprivileged user that runs the embedded PostgreSQL reaches it.
     */
    static Path project(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Path d = dir.toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.getPosixFilePermissions(d).equals(PosixFilePermissions.fromString("rwx------"))) {
                Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        Path repo = Path.of("..").toAbsolutePath().normalize();
        for (String sub : List.of("config", "scenarios", "service/static")) {
            Path from = repo.resolve(sub);
            Path to = dir.resolve(sub);
            Files.createDirectories(to);
            try (var files = Files.list(from)) {
                for (Path f : files.filter(p -> !p.getFileName().toString().startsWith("scenario_")).toList()) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
        Files.createDirectories(dir.resolve("docker/nginx"));
        Files.copy(repo.resolve("docker/nginx/nginx.conf.template"), dir.resolve("docker/nginx/nginx.conf.template"));
        return dir;
    }

    static ProcessBuilder builder(Path project, Map<String, String> env, String... args) {
        return builder(project, env, List.of(), args);
    }

    /** whale in a JVM started with {@code jvmOptions}, as the launcher passes its own. */
    static ProcessBuilder builder(Path project, Map<String, String> env, List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.whale.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(project.toFile());
        pb.environment().remove("APPLICATION_CONFIG");
        pb.environment().putAll(env);
        return pb;
    }

    /**
     * The result of a finished run.
     *
     * @param exit its exit code
     * @param out its standard output
     * @param err its standard error
     */
    record Result(int exit, String out, String err) {}

    static Result run(Path project, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(project, env, List.of(), args);
    }

    static Result run(Path project, Map<String, String> env, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("whale-out", ".txt");
        Path err = Files.createTempFile("whale-err", ".txt");
        try {
            Process p = builder(project, env, jvmOptions, args).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("whale " + String.join(" ", args) + " hung");
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
