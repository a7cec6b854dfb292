package dev.whale.pki;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.whale.pki.testing.Fuzzing;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Pem#read} on fuzzed text: blocks, or a PemException naming the line. */
class PemFuzzTest {
    private static final Fuzzing.Target TARGET = b -> Pem.read(Fuzzing.text(b), Fuzzing.SOURCE);

    static Stream<byte[]> seeds() {
        return Fuzzing.seeds(false, "keys", "ssh", "certs", "csr").stream();
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
