package dev.whale.pki.ssh;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.whale.pki.testing.Fuzzing;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SSH signatures ({@code ssh-keygen -Y verify}, {@code -Y find-principals}) on fuzzed input: the text as an armored
 * signature, and the bytes as the blob inside the armour, each through {@link SshSignature#signer} and
 * {@link SshSignature#verify} of the seeds' message in the {@code file} namespace.
 */
class SshSignatureFuzzTest {
    private static final Fuzzing.Target TARGET = b -> {
        String text = Fuzzing.text(b);
        String armored = armored(b);
        Fuzzing.check(b, x -> SshSignature.signer(text, Fuzzing.SOURCE));
        Fuzzing.check(b, x -> SshSignature.verify(text, Fuzzing.SOURCE, Fuzzing.MESSAGE, "file"));
        Fuzzing.check(b, x -> SshSignature.signer(armored, Fuzzing.SOURCE));
        Fuzzing.check(b, x -> SshSignature.verify(armored, Fuzzing.SOURCE, Fuzzing.MESSAGE, "file"));
    };

    /** {@code blob} armored as ssh-keygen -Y sign writes it. */
    private static String armored(byte[] blob) {
        return "-----BEGIN SSH SIGNATURE-----\n" + Base64.getMimeEncoder(70, new byte[] {'\n'}).encodeToString(blob)
                + "\n-----END SSH SIGNATURE-----\n";
    }

    /** The armored signatures, and their blobs. */
    static Stream<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (byte[] s : Fuzzing.seeds(false, "sshsig")) {
            seeds.add(s);
            String body = Fuzzing.text(s).replaceAll("-----[A-Z ]+-----", "");
            seeds.add(Base64.getMimeDecoder().decode(body.strip()));
        }
        return seeds.stream();
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
