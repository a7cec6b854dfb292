package dev.whale.pki.ssh;

import com.code_intelligence.jazzer.junit.FuzzTest;
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
 * keys and certificate, at a time inside the seeds' validity windows.
 */
class AllowedSignersFuzzTest {
    /** The seeds' plain keys, and the Ed25519 key in the certificate of a seed signature (its CA: the ECDSA key). */
    private static final List<SshSignature.Signer> SIGNERS = Stream.concat(Stream.of("id_ed25519.pub",
            "id_ecdsa256.pub", "id_rsa.pub").map(f -> new SshSignature.Signer(OpenSsh.readPublicKey(Fuzzing.text(
                    Fuzzing.seed("ssh/" + f)), f).publicKey(), null)),
            Stream.of(SshSignature.signer(Fuzzing.text(Fuzzing.seed("sshsig/id_ed25519-cert.sig")), "cert.sig")))
            .toList();
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final long TIME = 1_800_000_000L;

    private static final Fuzzing.Target TARGET = b -> {
        String text = Fuzzing.text(b);
        AllowedSigners signers = AllowedSigners.parse(text, Fuzzing.SOURCE, ZONE, AllowedSignersFuzzTest::error);
        for (SshSignature.Signer k : SIGNERS) {
            signers.allows(k, "bob@whale.test", "file", TIME, AllowedSignersFuzzTest::error);
            signers.allows(k, "alice", "file", TIME, AllowedSignersFuzzTest::error);
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
