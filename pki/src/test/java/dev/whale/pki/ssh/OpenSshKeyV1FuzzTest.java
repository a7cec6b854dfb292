package dev.whale.pki.ssh;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.whale.pki.key.KeyData;
import dev.whale.pki.testing.Fuzzing;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The openssh-key-v1 reader ({@link OpenSshKeyV1}) on fuzzed blobs, the bytes inside OPENSSH PRIVATE KEY armour:
 * its clear header, then the key, decrypted with the seeds' passphrase when the file is encrypted.
 */
class OpenSshKeyV1FuzzTest {
    private static final Fuzzing.Target TARGET = b -> {
        KeyData header = OpenSsh.readPrivateKeyHeader(b, Fuzzing.SOURCE);
        OpenSsh.readPrivateKey(b, Fuzzing.SOURCE, Fuzzing.passphrase(header.encryption()));
    };

    static Stream<byte[]> seeds() {
        return Fuzzing.seeds(true, "ssh").stream();
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
