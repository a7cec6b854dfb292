package dev.whale.pki.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whale.pki.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.generators.BCrypt;
import org.junit.jupiter.api.Test;

class BcryptPbkdfTest {

    /** BouncyCastle's BCrypt.pbkdfGenerate is an independent implementation of the same OpenBSD function. */
    @Test
    void derive_matchesBouncyCastle_onRandomInputs() {
        SplittableRandom rnd = new SplittableRandom(4242);
        for (int trial = 0; trial < 24; trial++) {
            byte[] pass = bytes(rnd, 1 + rnd.nextInt(40));
            byte[] salt = bytes(rnd, 1 + rnd.nextInt(32));
            int rounds = 1 + rnd.nextInt(6);
            int keyLength = trial < 4 ? new int[] {32, 48, 64, 40}[trial] : 1 + rnd.nextInt(100);
            assertArrayEquals(BCrypt.pbkdfGenerate(pass, salt, rounds, keyLength),
                    BcryptPbkdf.derive(pass, salt, rounds, keyLength),
                    "pass " + HexFormat.of().formatHex(pass) + " salt " + HexFormat.of().formatHex(salt) + " rounds "
                            + rounds + " key length " + keyLength);
        }
    }

    /** Pins the function for good: aes256-ctr's 48 bytes for "whale" and a fixed salt, 16 rounds. */
    @Test
    void derive_golden() {
        byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        byte[] key = BcryptPbkdf.derive("whale".getBytes(StandardCharsets.UTF_8), salt, 16, 48);
        assertEquals(GOLDEN_WHALE_16, HexFormat.of().formatHex(key));
    }

    static final String GOLDEN_WHALE_16 = "b086985c02e7fc43e8296a18cf5eb433592eecad32d74fd68ae34385c49dab9b"
            + "42f55afea4a00bcbb412791786c08cd5";

    @Test
    void derive_reportsEveryRoundOfEveryBlock() {
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        BcryptPbkdf.derive("pass".getBytes(StandardCharsets.UTF_8), new byte[16], 5, 48, (done, total) -> {
            assertEquals(10, total);
            seen.add(done);
        });
        Collections.sort(seen);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), seen);
    }

    @Test
    void derive_refusesWhatOpenSshRefuses() {
        byte[] salt = new byte[16];
        assertTrue(assertThrows(InvalidInputException.class, () -> BcryptPbkdf.derive(new byte[0], salt, 16, 48))
                .getMessage().contains("non-empty passphrase"));
        assertEquals("bcrypt_pbkdf rounds must be at least 1: 0", assertThrows(InvalidInputException.class,
                () -> BcryptPbkdf.derive(new byte[1], salt, 0, 48)).getMessage());
        assertEquals("bcrypt_pbkdf key length must be 1..1024: 1025", assertThrows(InvalidInputException.class,
                () -> BcryptPbkdf.derive(new byte[1], salt, 1, 1025)).getMessage());
    }

    private static byte[] bytes(SplittableRandom rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }
}
