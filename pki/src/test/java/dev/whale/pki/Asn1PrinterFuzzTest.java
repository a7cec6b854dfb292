package dev.whale.pki;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.whale.pki.testing.Fuzzing;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Asn1Printer} (asn1parse) on fuzzed DER and BER: with OpenSSL's defaults, with {@code -i -dlimit}, and with
 * {@code -strparse} at an offset the input's last byte picks.
 */
class Asn1PrinterFuzzTest {
    private static final Fuzzing.Target TARGET = b -> {
        Fuzzing.check(b, x -> Asn1Printer.openssl().print(x, Fuzzing.SOURCE));
        Fuzzing.check(b, x -> Asn1Printer.builder().indent(true).dumpLimit(8).build().print(x, Fuzzing.SOURCE));
        if (b.length > 2) {
            int at = 1 + (b[b.length - 1] & 0xff) % (b.length - 1);
            Fuzzing.check(b, x -> Asn1Printer.builder().dumpAll().strparse(at).build().print(x, Fuzzing.SOURCE));
        }
    };

    static Stream<byte[]> seeds() {
        return Fuzzing.seeds(true, "keys", "certs", "csr").stream();
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
