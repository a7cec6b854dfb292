package dev.whale.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** JUnit's temporary folders are 0700; the user that runs the embedded PostgreSQL must be able to enter them. */
final class TestDirs {
    private TestDirs() {}

    /** {@code dir}, made enterable (0755) by the unprivileged user that runs PostgreSQL. */
    static Path enterable(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    /** The settings an embedded PostgreSQL takes: role postgres, {@code password}, {@code port} (0: any). */
    static DatabaseSettings embedded(int port, String password) {
        return new DatabaseSettings(DatabaseSettings.EMBEDDED, port, "postgres", password, "postgres",
                "application", 4, java.time.Duration.ofSeconds(1));
    }
}
