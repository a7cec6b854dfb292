package dev.whale.cli.service;

import dev.whale.service.Config;
import dev.whale.service.Settings;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

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
     * The command line that runs this same whale in another process, on this project: the same java and class path,
     * and those of this JVM's options that shape memory, the collector, the compiler, the class-data cache and
     * logging to the console ({@link #PASSED_ON}). Others are not passed on: an agent, a debug or JMX port, a file
     * to write would clash between processes, and JAVA_TOOL_OPTIONS reach the child through its environment anyway.
     */
    static List<String> whaleCommand() {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (PASSED_ON.matcher(option).matches()) {
                cmd.add(option);
            }
        }
        cmd.addAll(List.of("-Dwhale.project=" + dir(), "-cp", System.getProperty("java.class.path"),
                "dev.whale.cli.Main"));
        return cmd;
    }

    /** The JVM options that {@link #whaleCommand} passes on. */
    static final Pattern PASSED_ON = Pattern.compile(
            "-Xm[sx]\\S+|-Xss\\S+|-XX:[+-]Use\\w+GC|-XX:(Max|Min|Initial)RAMPercentage=\\S+|-XX:TieredStopAtLevel=\\d"
            + "|-XX:AOTCache=\\S+|-Xshare:\\w+|-XX:SharedArchiveFile=\\S+|-XX:[+-]AutoCreateSharedArchive"
            + "|-Xlog:(disable|[^=]*=\\w+:std(out|err))|-Dwhale\\.root=.*");

    static Settings settings(Config config) {
        return Settings.from(config, dir());
    }
}
