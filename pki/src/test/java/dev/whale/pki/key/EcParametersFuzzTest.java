package dev.whale.pki.key;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.whale.pki.Passphrase;
import dev.whale.pki.Pem;
import dev.whale.pki.PemBlock;
import dev.whale.pki.testing.Fuzzing;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * EC parameters as {@code ecparam -in} and {@code ec} read them: the first PEM block when it is {@code EC
 * PARAMETERS} (or the bytes as DER) through {@link Curves#readParameters}, then {@code -text} of the curve; and
 * {@link Keys#read} of a file that puts the parameters before the key, as {@code ecparam -genkey} writes it.
 */
class EcParametersFuzzTest {
    private static final Fuzzing.Target TARGET = b -> {
        byte[] der = b;
        if (Pem.looksLikePem(b)) {
            PemBlock first = Pem.read(Fuzzing.text(b), Fuzzing.SOURCE).get(0);
            Fuzzing.check(b, x -> Keys.read(x, Fuzzing.SOURCE, Passphrase.none()));
            if (!first.label().equals("EC PARAMETERS")) {
                return;
            }
            der = first.der();
        }
        Curves.parametersText(Curves.readParameters(der, Fuzzing.SOURCE));
    };

    static Stream<byte[]> seeds() {
        return Stream.concat(Fuzzing.seeds(false, "ecparam").stream(), Fuzzing.seeds(true, "ecparam").stream());
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
