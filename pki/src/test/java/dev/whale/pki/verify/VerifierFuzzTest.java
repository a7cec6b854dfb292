package dev.whale.pki.verify;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.whale.pki.testing.Fuzzing;
import dev.whale.pki.x509.Certificate;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The verifier's chain building on fuzzed input: a trust store made of the input up to its last BEGIN line, the
 * leaf after it (a seed is a CAfile followed by the certificate to verify), checked as {@code openssl verify} and
 * as {@code -partial_chain}, with the text of the outcome.
 */
class VerifierFuzzTest {
    private static final byte[] BEGIN = "-----BEGIN".getBytes(StandardCharsets.US_ASCII);
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    private static final Fuzzing.Target TARGET = b -> {
        int split = lastIndexOf(b, BEGIN);
        byte[] store = Arrays.copyOf(b, Math.max(split, 0));
        byte[] leaf = split < 0 ? b : Arrays.copyOfRange(b, split, b.length);
        TrustStore trust = TrustStore.builder().file(store, "store.pem").build();
        Certificate cert = Certificate.read(leaf, Fuzzing.SOURCE);
        for (boolean partial : new boolean[] {false, true}) {
            Verification v = Verifier.builder().trustStore(trust).at(AT).partialChain(partial).build().verify(cert);
            if (v.ok()) {
                v.okText(Fuzzing.SOURCE, true);
            } else {
                v.errorText(Fuzzing.SOURCE);
            }
        }
    };

    private static int lastIndexOf(byte[] b, byte[] what) {
        for (int i = b.length - what.length; i >= 0; i--) {
            if (Arrays.equals(b, i, i + what.length, what, 0, what.length)) {
                return i;
            }
        }
        return -1;
    }

    static Stream<byte[]> seeds() {
        return Fuzzing.seeds(false, "certs").stream();
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
