package dev.whale.pki.key;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.whale.pki.testing.Fuzzing;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Keys#read} on fuzzed PEM and DER (PKCS#1, PKCS#8 plain and encrypted with the seeds' passphrase, SEC 1,
 * SPKI, OpenSSH), then {@link KeyText} of the key it gives.
 */
class KeysFuzzTest {
    private static final Fuzzing.Target TARGET = b -> {
        KeyData k = Keys.read(b, Fuzzing.SOURCE, Fuzzing.passphrase(b));
        KeyText.of(k, k.isPrivate());
    };

    static Stream<byte[]> seeds() {
        return Fuzzing.seeds(false, "keys", "ssh").stream();
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
