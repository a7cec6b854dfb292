package dev.whale.service;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/** {@code whale compose}: Docker Compose on {@code docker/CONFIG.yml}, with the configuration's variables. */
public final class Compose {
    private Compose() {}

    /**
     * What to run.
     *
     * @param command the command line
     * @param environment the whole environment of the process: the caller's, then the configuration's
     */
    public record Invocation(List<String> command, Map<String, String> environment) {}

    /**
     * {@code docker compose -p CONFIG -f docker/CONFIG.yml ARGS}, or {@code docker-compose} with the same
     * arguments when the {@code docker} client has no compose plugin.
     *
     * @param works whether a command line runs successfully, such as {@code docker compose version}
     * @param onPath where an executable is on {@code PATH}
     */
    public static Invocation of(Config config, Path projectDir, List<String> args, Map<String, String> env,
            Predicate<List<String>> works, Function<String, Optional<Path>> onPath) {
        return of(config, config.name(), config.name(), projectDir, args, env, works, onPath);
    }

    /** The same, with the project name and the compose file ({@code docker/FILE.yml}) given apart from the config. */
    public static Invocation of(Config config, String project, String file, Path projectDir, List<String> args,
            Map<String, String> env, Predicate<List<String>> works,
            Function<String, Optional<Path>> onPath) {
        if (!Files.isRegularFile(projectDir.resolve("docker").resolve(file + ".yml"))) {
            throw new ConfigException("no docker/" + file + ".yml for config " + config.name());
        }
        List<String> cmd = new ArrayList<>();
        Optional<Path> docker = onPath.apply("docker");
        if (docker.isPresent() && works.test(List.of(docker.get().toString(), "compose", "version"))) {
            cmd.add(docker.get().toString());
            cmd.add("compose");
        } else {
            Optional<Path> legacy = onPath.apply("docker-compose");
            if (legacy.isEmpty()) {
                throw new ConfigException("no Docker Compose here (neither 'docker compose' nor 'docker-compose');"
                        + " run the same stack without containers: './whale serve' for development, './whale"
                        + " scenario up NAME' for a scenario");
            }
            cmd.add(legacy.get().toString());
        }
        cmd.addAll(List.of("-p", project, "-f", "docker/" + file + ".yml"));
        cmd.addAll(args);
        LinkedHashMap<String, String> environment = new LinkedHashMap<>(config.environment(env));
        environment.put("PWD", projectDir.toAbsolutePath().toString());
        return new Invocation(List.copyOf(cmd), environment);
    }

    /** Where {@code name} is on {@code path} (a PATH value), if anywhere. */
    public static Optional<Path> which(String name, String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
