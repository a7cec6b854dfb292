package dev.whale.pki.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.whale.pki.testing.Fuzzing;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.MethodSource;

/** The DER walker on fuzzed bytes: strict ({@link Der#check}) and BER ({@link Der#walk} with indefinite lengths). */
class DerFuzzTest {
    private static final Fuzzing.Target TARGET = b -> {
        Fuzzing.check(b, x -> Der.check(x, Fuzzing.SOURCE));
        Fuzzing.check(b, x -> Der.walk(x, 0, x.length, 0, Fuzzing.SOURCE, true, (t, depth) -> {
            if (t.contentOffset() > x.length || t.length() != Der.INDEFINITE && t.end() > x.length) {
                throw new AssertionError("element past the end: " + t);
            }
        }));
    };

    static Stream<byte[]> seeds() {
        return Fuzzing.seeds(true, "keys", "ssh", "certs", "csr").stream();
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
