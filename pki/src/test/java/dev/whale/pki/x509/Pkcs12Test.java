package dev.whale.pki.x509;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.whale.pki.InvalidInputException;
import dev.whale.pki.testing.Fuzzing;
import org.junit.jupiter.api.Test;

class Pkcs12Test {
    /** openssl pkcs12 -export -iter 16 (bench/fuzz-seeds.sh): 16 iterations for the MAC and each PBES2. */
    private static final byte[] P12 = Fuzzing.seed("pkcs12/rsa-chain.p12");
    private static final char[] PASSWORD = Fuzzing.PASSPHRASE.toCharArray();

    @Test
    void read_iterationsWithinTheCap_readsTheFile() {
        assertEquals(2, Pkcs12.read(P12, "a.p12", PASSWORD, 16).certificates().size());
    }

    @Test
    void read_moreIterationsThanTheCap_refusedNamingTheInput() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Pkcs12.read(P12, "a.p12", PASSWORD, 15));
        assertEquals("a.p12: the MAC asks for 16 iterations, more than the 15 allowed", e.getMessage());
    }

    @Test
    void read_noMacAndMoreIterationsThanTheCap_refusedBeforeDecrypting() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Pkcs12.read(Fuzzing.seed("pkcs12/ec-nomac.p12"), "b.p12", PASSWORD, 8));
        assertEquals("b.p12: the shrouded key bag asks for 16 PBKDF2 iterations, more than the 8 allowed",
                e.getMessage());
    }
}
