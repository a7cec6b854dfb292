package dev.whale.pki.digest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.whale.pki.Passphrase;
import dev.whale.pki.key.Key;
import dev.whale.pki.key.Keys;
import dev.whale.pki.testing.Fuzzing;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code openssl dgst -verify KEY -signature FILE}: {@link DigestSignatures#verify} of fuzzed signature bytes over
 * the SHA-256 and SHA-1 digests of the seeds' message, against RSA 1024 and 2048, EC P-256 and P-521 keys, and an
 * Ed25519 key (refused: it signs messages, not digests); for the RSA keys also as PSS signatures of any salt length.
 */
class DigestSignaturesFuzzTest {
    private static final List<Key> KEYS = Stream.of("rsa1024.spki.pem", "rsa2048.pk8.pem", "ec256.spki.pem",
            "ec521.spki.pem", "ed25519.spki.pem")
            .map(f -> Keys.read(Fuzzing.seed("keys/" + f), f, Passphrase.none()).publicKey()).toList();
    private static final List<DigestAlgorithm> DIGESTS = List.of(DigestAlgorithm.of("sha256"),
            DigestAlgorithm.of("sha1"));

    private static final Fuzzing.Target TARGET = b -> {
        for (DigestAlgorithm d : DIGESTS) {
            Digester digester = d.start();
            digester.update(Fuzzing.MESSAGE, 0, Fuzzing.MESSAGE.length);
            byte[] digest = digester.digest();
            for (Key k : KEYS) {
                Fuzzing.check(b, x -> DigestSignatures.verify(k, d, digest, x, Fuzzing.SOURCE));
                // PSS with the salt length read from the signature itself (OpenSSL's "auto")
                Fuzzing.check(b, x -> DigestSignatures.verify(k, d, digest, Pss.DEFAULT, x, Fuzzing.SOURCE));
            }
        }
    };

    static Stream<byte[]> seeds() {
        return Fuzzing.seeds(false, "dgst").stream();
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
