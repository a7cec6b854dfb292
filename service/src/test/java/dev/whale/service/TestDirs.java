package dev.whale.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** JUnit's temporary folders are 0700; the user that runs the embedded PostgreSQL must be able to enter them. */
final class TestDirs {
    private TestDirs() {}

    /** {@code dir}, made enterable (0755) by the unprivileged user that runs PostgreSQL. */
    static Path enterable(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    /**
     * A project in {@code dir} (made enterable) with the repository's config/, the nginx template of docker/nginx/
     * and the static files copied in, as the processes of a stack run it.
     */
    static Path project(Path dir) throws IOException {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        for (String sub : List.of("config", "service/static")) {
            Files.createDirectories(enterable(dir).resolve(sub));
            try (Stream<Path> files = Files.list(repo.resolve(sub))) {
                for (Path f : files.filter(p -> !p.getFileName().toString().startsWith("scenario_")).toList()) {
                    Files.copy(f, dir.resolve(sub).resolve(f.getFileName()));
                }
            }
        }
        Path template = Path.of("docker/nginx/nginx.conf.template");
        Files.createDirectories(dir.resolve(template).getParent());
        Files.copy(repo.resolve(template), dir.resolve(template));
        return dir;
    }

    /** The settings an embedded PostgreSQL takes: role postgres, {@code password}, {@code port} (0: any). */
    static DatabaseSettings embedded(int port, String password) {
        return new DatabaseSettings(DatabaseSettings.EMBEDDED, port, "postgres", password, "postgres",
                "application", 4, Duration.ofSeconds(1));
    }
}
