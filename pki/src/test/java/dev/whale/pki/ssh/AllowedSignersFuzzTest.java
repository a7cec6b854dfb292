package dev.whale.pki.ssh;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.whale.pki.key.Key;
import dev.whale.pki.testing.Fuzzing;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An allowed_signers file on fuzzed text ({@link AllowedSigners#parse}, local times in a zone with a daylight saving
 * change), then the questions {@code ssh-keygen -Y verify} and {@code -Y find-principals} ask of it for the seeds'
 * keys, at a time inside the seeds' validity windows.
 */
class AllowedSignersFuzzTest {
    private static final List<Key> KEYS = Stream.of("id_ed25519.pub", "id_ecdsa256.pub", "id_rsa.pub")
            .map(f -> OpenSsh.readPublicKey(Fuzzing.text(Fuzzing.seed("ssh/" + f)), f).publicKey()).toList();
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final long TIME = 1_800_000_000L;

    private static final Fuzzing.Target TARGET = b -> {
        String text = Fuzzing.text(b);
        AllowedSigners signers = AllowedSigners.parse(text, Fuzzing.SOURCE, ZONE, AllowedSignersFuzzTest::error);
        for (Key k : KEYS) {
            signers.allows(k, "bob@whale.test", "file", TIME, AllowedSignersFuzzTest::error);
            signers.principals(k, TIME, AllowedSignersFuzzTest::error);
        }
        AllowedSigners.parse(text, Fuzzing.SOURCE, ZoneOffset.UTC, AllowedSignersFuzzTest::error);
    };

    private static void error(String message) {
        if (message == null || message.isBlank()) {
            throw new AssertionError("an empty error line");
        }
    }

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
