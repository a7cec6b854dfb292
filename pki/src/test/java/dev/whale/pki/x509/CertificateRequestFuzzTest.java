package dev.whale.pki.x509;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.whale.pki.testing.Fuzzing;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link CertificateRequest#read} on fuzzed PEM and DER, then its subject and {@code req -verify}'s check. */
class CertificateRequestFuzzTest {
    private static final Fuzzing.Target TARGET = b -> {
        CertificateRequest r = CertificateRequest.read(b, Fuzzing.SOURCE);
        r.subject().oneline();
        r.signatureValid();
    };

    static Stream<byte[]> seeds() {
        return Fuzzing.seeds(false, "csr").stream();
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
