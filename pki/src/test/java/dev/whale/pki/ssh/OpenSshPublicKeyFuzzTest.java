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
 * OpenSSH public keys on fuzzed input: a key line ({@link OpenSsh#readPublicKey}), an RFC 4716 block, the lines of
 * {@code ssh-keygen -l} ({@link SshKeyFiles#list}), and the bytes as a public key blob ({@link SshKeyBlob}).
 */
class OpenSshPublicKeyFuzzTest {
    private static final Fuzzing.Target TARGET = b -> {
        String text = Fuzzing.text(b);
        Fuzzing.check(b, x -> OpenSsh.readPublicKey(text, Fuzzing.SOURCE));
        Fuzzing.check(b, x -> OpenSsh.readRfc4716(text, Fuzzing.SOURCE));
        Fuzzing.check(b, x -> SshKeyFiles.list(text, Fuzzing.SOURCE, false));
        Fuzzing.check(b, x -> OpenSsh.parsePublicKeyBlob(x, Fuzzing.SOURCE));
    };

    /** The public key files, and the blobs of their key lines. */
    static Stream<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (byte[] s : Fuzzing.seeds(false, "ssh")) {
            String[] fields = Fuzzing.text(s).split(" ");
            if (OpenSsh.isPublicKeyLine(fields[0]) && fields.length > 1) {
                seeds.add(s);
                seeds.add(Base64.getDecoder().decode(fields[1].strip()));
            } else if (!Fuzzing.text(s).contains("PRIVATE KEY")) {
                seeds.add(s);
            }
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
