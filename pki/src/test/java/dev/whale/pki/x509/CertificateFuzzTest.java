package dev.whale.pki.x509;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.whale.pki.testing.Fuzzing;
import dev.whale.pki.verify.SignatureExplanation;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Certificate#read} on fuzzed PEM and DER, then what is printed of it: {@link CertificateText} (x509 -text and
 * the one-field options) and the signature checked by hand against the certificate's own key (explain-signature).
 */
class CertificateFuzzTest {
    private static final Fuzzing.Target TARGET = b -> {
        Fuzzing.check(b, x -> Certificate.readAll(x, Fuzzing.SOURCE));
        Certificate c = Certificate.read(b, Fuzzing.SOURCE);
        CertificateText.of(c);
        CertificateText.fingerprint(c, "sha256");
        c.publicKeyPem();
        SignatureExplanation.of(c, c).text("fuzz.in", "fuzz.in");
    };

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
