package dev.whale.cli;

import dev.whale.service.AtomicWrites;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** The CLI's side of {@link AtomicWrites}: files written whole or not at all, a failure as one line (exit 1). */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes {@code text} to {@code target}; {@code secret} files get mode 0600 before any byte is written. */
    public static void write(Path target, String text, boolean secret) {
        write(target, text.getBytes(StandardCharsets.UTF_8), secret);
    }

    /** Writes {@code bytes} to {@code target}; {@code secret} files get mode 0600 before any byte is written. */
    public static void write(Path target, byte[] bytes, boolean secret) {
        write(target, bytes, secret ? AtomicWrites.PRIVATE : AtomicWrites.PUBLIC);
    }

    /** Writes {@code bytes} to {@code target} with {@code mode}, set before any byte is written. */
    public static void write(Path target, byte[] bytes, Set<PosixFilePermission> mode) {
        try {
            AtomicWrites.write(target, bytes, mode);
        } catch (IOException e) {
            // A missing file here is a missing directory: the file itself is being made.
            String why = e instanceof NoSuchFileException ? "no such directory" : Errors.reason(e);
            throw new Errors.FailureException("cannot write " + target + ": " + why);
        }
    }
}
