package dev.whale.pki.digest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.whale.pki.PkiIOException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A file or stream read on one thread and digested on another gives the digest of its bytes, in order. */
class DigesterTest {
    private static final int BLOCK = Digester.BLOCK;

    @TempDir
    Path dir;

    /** The sizes around the handover points: empty, one byte, a block either side, all buffers, and more. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 63, 64, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK, Digester.BLOCKS * BLOCK,
        Digester.BLOCKS * BLOCK + 7, 5 * Digester.BLOCKS * BLOCK - 1})
    void fileDigestIsTheDigestOfItsBytes(int size) throws Exception {
        byte[] data = random(size, size);
        Path f = dir.resolve("data.bin");
        Files.write(f, data);
        for (String name : new String[] {"sha256", "sha512", "md5-sha1", "sha3-256", "shake128"}) {
            DigestAlgorithm a = DigestAlgorithm.of(name);
            byte[] expected = a.start().update(data, 0, data.length).digest();
            assertArrayEquals(expected, a.start().update(f).digest(), name + " of " + size + " bytes");
        }
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data),
                DigestAlgorithm.of("sha256").start().update(f).digest());
    }

    /** A pipe hands over a few bytes at a time: the pieces still go in whole and in order. */
    @Test
    void streamReadInShortPiecesGivesTheSameDigest() throws Exception {
        byte[] data = random(3 * BLOCK + 12_345, 7);
        InputStream trickle = new ByteArrayInputStream(data) {
            private final Random r = new Random(1);

            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + r.nextInt(5000)));
            }
        };
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data),
                DigestAlgorithm.of("sha256").start().update(trickle, "stdin").digest());
    }

    /** A read that fails half-way names the source and the reason, and does not wait for bytes that never come. */
    @Test
    void failedReadNamesTheSourceAndReturns() {
        InputStream failing = new InputStream() {
            private int left = 2 * BLOCK + 5;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    throw new IOException("Input/output error");
                }
                int n = Math.min(len, left);
                left -= n;
                return n;
            }
        };
        PkiIOException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(PkiIOException.class,
                () -> DigestAlgorithm.of("sha256").start().update(failing, "disk.img")));
        assertEquals("disk.img: Input/output error", e.getMessage());
    }

    /** Files in /proc say they are empty; they are read to their end all the same. */
    @Test
    void fileThatSaysItIsEmptyIsReadToItsEnd() throws Exception {
        Path cmdline = Path.of("/proc/self/cmdline");
        byte[] data = Files.readAllBytes(cmdline);
        assertEquals(0, Files.size(cmdline));
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data),
                DigestAlgorithm.of("sha256").start().update(cmdline).digest());
    }

    @Test
    void missingFileAndDirectoryAreNamed() {
        Path missing = dir.resolve("missing.bin");
        assertEquals(missing + ": No such file or directory", assertThrows(PkiIOException.class,
                () -> DigestAlgorithm.of("sha256").start().update(missing)).getMessage());
        assertEquals(dir + ": Is a directory", assertThrows(PkiIOException.class,
                () -> DigestAlgorithm.of("sha256").start().update(dir)).getMessage());
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}
