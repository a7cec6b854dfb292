package dev.whale.pki;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.whale.pki.testing.Fuzzing;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Inspection#of} (whale pki inspect) on any fuzzed file: keys, OpenSSH files, certificates. */
class InspectionFuzzTest {
    private static final Fuzzing.Target TARGET = b -> {
        for (Inspection i : Inspection.of(b, Fuzzing.SOURCE)) {
            i.encryptionText();
        }
    };

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
