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

    /** The command line that runs this same whale in another process, on this project. */
    static java.util.List<String> whaleCommand() {
        return java.util.List.of(ProcessHandle.current().info().command().orElse("java"), "-Dwhale.project=" + dir(),
                "-cp", System.getProperty("java.class.path"), "dev.whale.cli.Main");
    }

    static Settings settings(Config config) {
        return Settings.from(config, dir());
    }
}
