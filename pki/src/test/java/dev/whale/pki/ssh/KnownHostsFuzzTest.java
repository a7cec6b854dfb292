package dev.whale.pki.ssh;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.whale.pki.testing.Fuzzing;
import java.security.SecureRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A known_hosts file on fuzzed text: {@link KnownHosts#parse} looking for a host ({@code ssh-keygen -F}, {@code -R})
 * and for none, then each line hashed ({@code -H}) and its key read ({@code -F -l}).
 */
class KnownHostsFuzzTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Fuzzing.Target TARGET = b -> {
        String text = Fuzzing.text(b);
        for (KnownHosts.Line line : KnownHosts.parse(text, "host.whale.test")) {
            KnownHosts.hashed(line, RANDOM);
            KnownHosts.key(line);
        }
        KnownHosts.parse(text, null);
    };

    static Stream<byte[]> seeds() {
        return Fuzzing.seeds(false, "ssh-lists").stream();
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
