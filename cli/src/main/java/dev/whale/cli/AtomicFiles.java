package dev.whale.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files whole or not at all: a temporary file beside the target, then a rename. A symbolic link stays a link
 * (its target is replaced); a target that is not a regular file, such as /dev/stdout, /dev/null or a pipe, is
 * written in place, since a rename would put a file where the device was.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes {@code text} to {@code target}; {@code secret} files get mode 0600 before any byte is written. */
    public static void write(Path target, String text, boolean secret) {
        write(target, text.getBytes(StandardCharsets.UTF_8), secret);
    }

    /** Writes {@code bytes} to {@code target}; {@code secret} files get mode 0600 before any byte is written. */
    public static void write(Path target, byte[] bytes, boolean secret) {
        Path abs = target.toAbsolutePath();
        Path tmp = null;
        try {
            // One lstat for the usual target, a regular file or none; a link is followed to what it names.
            BasicFileAttributes attributes = attributes(abs, LinkOption.NOFOLLOW_LINKS);
            if (attributes != null && attributes.isSymbolicLink()) {
                attributes = attributes(abs);
                if (attributes != null) {
                    abs = abs.toRealPath();
                }
            }
            if (attributes != null && attributes.isDirectory()) {
                throw new Errors.FailureException("cannot write " + target + ": is a directory");
            }
            if (attributes != null && !attributes.isRegularFile()) {
                Files.write(abs, bytes);
                return;
            }
            Path dir = abs.getParent();
            tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
            // Temporary files start as 0600; a file that is not secret gets the usual 0644.
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            // A missing file here is a missing directory: the file itself is being made.
            String why = e instanceof NoSuchFileException ? "no such directory" : Errors.reason(e);
            throw new Errors.FailureException("cannot write " + target + ": " + why);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // The write already failed; that error is the one to report.
                }
            }
        }
    }

    /** The attributes of {@code path}, null when there is nothing there (or a link to nothing). */
    private static BasicFileAttributes attributes(Path path, LinkOption... options) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, options);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
