package dev.whale.service;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files whole or not at all: a temporary file beside the target, given its mode before any byte is written,
 * then a rename. A symbolic link stays a link (its target is replaced); a target that is not a regular file, such as
 * /dev/stdout or a pipe, is written in place, since a rename would put a file where the device was. The one atomic
 * writer of whale: configurations, state files, keys and certificates all go through it.
 */
public final class AtomicWrites {
    /** Mode 0600, for anything that may hold a secret. */
    public static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");
    /** Mode 0644. */
    public static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

    private AtomicWrites() {}

    /**
     * Writes {@code bytes} to {@code target} with {@code mode}. A directory is refused ("Is a directory"); a
     * missing parent directory is a {@link NoSuchFileException}. Nothing is left behind on failure.
     */
    public static void write(Path target, byte[] bytes, Set<PosixFilePermission> mode) throws IOException {
        Path abs = target.toAbsolutePath();
        // One lstat for the usual target, a regular file or none; a link is followed to what it names.
        BasicFileAttributes attributes = attributes(abs, LinkOption.NOFOLLOW_LINKS);
        if (attributes != null && attributes.isSymbolicLink()) {
            attributes = attributes(abs);
            if (attributes != null) {
                abs = abs.toRealPath();
            }
        }
        if (attributes != null && attributes.isDirectory()) {
            throw new FileSystemException(target.toString(), null, "Is a directory");
        }
        if (attributes != null && !attributes.isRegularFile()) {
            Files.write(abs, bytes);
            return;
        }
        Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, mode);
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } finally {
            if (tmp != null) {
                deleteQuietly(tmp);
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

    private static void deleteQuietly(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // The write already failed; that error is the one to report.
        }
    }
}
