package dev.whale.cli.service;

import dev.whale.service.Config;
import dev.whale.service.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The project the service commands work on, as the posts' manage.py does from its directory: the current
 * directory when it has {@code config/}, otherwise whale's own checkout (the launcher names it).
 */
final class Project {
    private Project() {}

    static Path dir() {
        String forced = System.getProperty("whale.project");
        if (forced != null) {
            return Path.of(forced).toAbsolutePath();
        }
        Path cwd = Path.of("").toAbsolutePath();
        if (Files.isDirectory(cwd.resolve("config"))) {
            return cwd;
        }
        String root = System.getProperty("whale.root");
        return root != null ? Path.of(root) : cwd;
    }

    static Map<String, String> env() {
        return new HashMap<>(System.getenv());
    }

    /** The configuration named by {@code --config}, or by APPLICATION_CONFIG, or development. */
    static Config config(String name) {
        Path dir = dir().resolve("config");
        return name == null ? Config.load(dir, env()) : Config.load(dir, name, env());
    }

    /**
     * The command line that runs this same whale in another process, on this project: the same java, with the JVM
     * options this one got (the launcher's heap, collector and AOT cache, and WHALE_JAVA_OPTS), and the same class
     * path.
     */
    static java.util.List<String> whaleCommand() {
        java.util.List<String> cmd = new java.util.ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (String option : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-Dwhale.project=")) {
                cmd.add(option);
            }
        }
        cmd.addAll(java.util.List.of("-Dwhale.project=" + dir(), "-cp", System.getProperty("java.class.path"),
                "dev.whale.cli.Main"));
        return cmd;
    }

    static Settings settings(Config config) {
        return Settings.from(config, dir());
    }
}
