package dev.whale.pki.x509;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.whale.pki.Pem;
import dev.whale.pki.key.Keys;
import dev.whale.pki.testing.Fuzzing;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Pkcs12#read} on fuzzed DER with the seeds' password (the MAC checked, the safes and shrouded keys
 * decrypted), paying at most {@link Fuzzing#MAX_PBKDF2_ITERATIONS} per key derivation; then what {@code openssl
 * pkcs12 -info} prints of it.
 */
class Pkcs12FuzzTest {
    private static final Fuzzing.Target TARGET = b -> {
        Pkcs12 p = Pkcs12.read(b, Fuzzing.SOURCE, Fuzzing.PASSPHRASE.toCharArray(), Fuzzing.MAX_PBKDF2_ITERATIONS);
        p.info();
        p.certificates();
        p.text(Pkcs12.Selection.ALL, NameFormat.ONELINE, k -> Pem.write("PRIVATE KEY", Keys.pkcs8(k.privateKey())));
    };

    static Stream<byte[]> seeds() {
        return Fuzzing.seeds(false, "pkcs12").stream();
    }

    @MethodSource("seeds")
    @FuzzTest
    void fuzz(byte[] input) {
        Fuzzing.check(input, TARGET);
    }

    @Test
    void fuzz_mutantsOfSeeds() {
        Fuzzing.mutants(getClass(), seeds().toList(), TARGET);
    }
}
