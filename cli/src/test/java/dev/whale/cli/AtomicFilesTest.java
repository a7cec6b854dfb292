package dev.whale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @Test
    void aRegularFile_isReplacedWhole_secretOnesWithMode0600(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("key.pem");
        Files.writeString(f, "old");
        AtomicFiles.write(f, "new", true);
        assertEquals("new", Files.readString(f));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals(1, Files.list(dir).count(), "no temporary file is left");
    }

    @Test
    void aSymlink_staysALink_andItsTargetIsWritten(@TempDir Path dir) throws Exception {
        Path real = dir.resolve("real.pem");
        Files.writeString(real, "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.pem"), real);
        AtomicFiles.write(link, "new", false);
        assertTrue(Files.isSymbolicLink(link), "the link is not replaced by a file");
        assertEquals("new", Files.readString(real));
    }

    @Test
    void aDeviceOrPipe_isWrittenInPlace_neverReplaced(@TempDir Path dir) throws Exception {
        // As `-out /dev/stdout` names: a link to something that is not a regular file (here /dev/null).
        Path link = Files.createSymbolicLink(dir.resolve("out"), Path.of("/dev/null"));
        AtomicFiles.write(link, "bytes", false);
        assertTrue(Files.isSymbolicLink(link));
        assertTrue(Files.isSymbolicLink(Path.of("/dev/stdout")) || !Files.isRegularFile(Path.of("/dev/stdout")));
        assertEquals(1, Files.list(dir).count(), "no temporary file is left");
    }

    @Test
    void aDirectory_isRefused(@TempDir Path dir) throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Errors.FailureException e = assertThrows(Errors.FailureException.class,
                () -> AtomicFiles.write(sub, "x", false));
        assertEquals("cannot write " + sub + ": is a directory", e.getMessage());
        assertTrue(Files.isDirectory(sub));
    }
}
