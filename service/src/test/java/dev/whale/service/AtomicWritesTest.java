package dev.whale.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicWritesTest {
    private static long entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void write_regularFile_replacedWholeWithTheMode(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("a.json");
        Files.writeString(f, "old");
        AtomicWrites.write(f, "new".getBytes(StandardCharsets.UTF_8), AtomicWrites.PRIVATE);
        assertEquals("new", Files.readString(f));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        AtomicWrites.write(f, "newer".getBytes(StandardCharsets.UTF_8), AtomicWrites.PUBLIC);
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals(1, entries(dir), "no temporary file is left");
    }

    @Test
    void write_symlink_staysALinkAndItsTargetIsWritten(@TempDir Path dir) throws Exception {
        Path real = Files.writeString(dir.resolve("real"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        AtomicWrites.write(link, "new".getBytes(StandardCharsets.UTF_8), AtomicWrites.PUBLIC);
        assertTrue(Files.isSymbolicLink(link), "the link is not replaced by a file");
        assertEquals("new", Files.readString(real));
    }

    @Test
    void write_directory_refusedAndLeftAlone(@TempDir Path dir) throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        FileSystemException e = assertThrows(FileSystemException.class,
                () -> AtomicWrites.write(sub, new byte[1], AtomicWrites.PUBLIC));
        assertEquals("Is a directory", e.getReason());
        assertTrue(Files.isDirectory(sub));
        assertEquals(1, entries(dir));
    }

    @Test
    void write_missingDirectory_noSuchFile(@TempDir Path dir) {
        assertThrows(NoSuchFileException.class,
                () -> AtomicWrites.write(dir.resolve("no/such/f"), new byte[1], AtomicWrites.PUBLIC));
    }
}
