package dev.whale.pki.x509;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.whale.pki.testing.Fuzzing;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Crl#read} on fuzzed PEM and DER, then what {@code openssl crl} prints of it ({@code -text}, the one-field
 * options, the fingerprint) and its signature checked against the seeds' two issuers (an RSA and an EC key).
 */
class CrlFuzzTest {
    private static final List<Certificate> ISSUERS = List.of(
            Certificate.read(Fuzzing.seed("certs/intermediate.pem"), "intermediate.pem"),
            Certificate.read(Fuzzing.seed("certs/root.pem"), "root.pem"));

    private static final Fuzzing.Target TARGET = b -> {
        Crl c = Crl.read(b, Fuzzing.SOURCE);
        c.text(NameFormat.ONELINE);
        c.lastUpdate();
        c.nextUpdate();
        c.crlNumber();
        c.fingerprint("sha256");
        c.issuerAmong(ISSUERS);
        for (Certificate issuer : ISSUERS) {
            Fuzzing.check(b, x -> c.signedBy(issuer));
        }
    };

    static Stream<byte[]> seeds() {
        return Fuzzing.seeds(false, "crl").stream();
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
