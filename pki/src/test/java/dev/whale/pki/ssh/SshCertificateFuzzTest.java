package dev.whale.pki.ssh;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.whale.pki.PkiException;
import dev.whale.pki.testing.Fuzzing;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OpenSSH certificates on fuzzed input: a certificate line ({@link SshCertificate#parseLine}) and the bytes as a
 * certificate blob ({@link SshCertificate#parse}), then {@code ssh-keygen -L} of it ({@link SshCertificate#text}).
 * A fuzzed blob's CA signature hardly ever holds, so the blob is also signed again: what precedes its signature key
 * is kept, and a fixed Ed25519 CA key and its signature are put after it, so that the fields reach the printer.
 */
class SshCertificateFuzzTest {
    private static final Ed25519PrivateKeyParameters CA = new Ed25519PrivateKeyParameters(new byte[32], 0);

    private static final Fuzzing.Target TARGET = b -> {
        Fuzzing.check(b, x -> print(SshCertificate.parseLine(Fuzzing.text(x), Fuzzing.SOURCE)));
        Fuzzing.check(b, x -> print(SshCertificate.parse(x, Fuzzing.SOURCE)));
        byte[] resigned = resigned(b);
        if (resigned != null) {
            print(SshCertificate.parse(resigned, Fuzzing.SOURCE));
        }
    };

    private static void print(SshCertificate c) {
        c.text(FingerprintHash.SHA256, ZoneOffset.UTC);
        c.text(FingerprintHash.MD5, ZoneOffset.ofHours(14));
        c.publicKeyLine("comment");
    }

    /** The part of {@code blob} that a CA signs, up to its signature key, signed by {@link #CA}; null if none. */
    private static byte[] resigned(byte[] blob) {
        SshWire.Reader r = new SshWire.Reader(blob, Fuzzing.SOURCE);
        try {
            String type = r.text("key type");
            if (!SshCertificate.isCertificateType(type)) {
                return null;
            }
            r.string("nonce");
            SshKeyBlob.readPublic(r, type.substring(0, type.length() - SshCertificate.SUFFIX.length()));
            r.uint64("serial");
            r.uint32("type");
            for (String field : List.of("key id", "principals")) {
                r.string(field);
            }
            r.uint64("valid after");
            r.uint64("valid before");
            for (String field : List.of("critical options", "extensions", "reserved")) {
                r.string(field);
            }
        } catch (PkiException | IllegalArgumentException e) {
            return null;
        }
        byte[] signed = new SshWire.Writer().raw(Arrays.copyOf(blob, r.position()))
                .string(SshKeyBlob.encode(CA.generatePublicKey())).toByteArray();
        byte[] signature = SshSignatures.sign(CA, SshKeyBlob.ED25519, signed, null);
        return new SshWire.Writer().raw(signed).string(signature).toByteArray();
    }

    /** The certificate lines, and their blobs. */
    static Stream<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (byte[] s : Fuzzing.seeds(false, "sshcert")) {
            seeds.add(s);
            seeds.add(Base64.getDecoder().decode(Fuzzing.text(s).split(" ")[1].strip()));
        }
        return seeds.stream();
    }

    @MethodSource("seeds")
    @FuzzTest
    void fuzz(byte[] input) {
        Fuzzing.check(input, TARGET);
    }

    /** The harness's own check: every seed blob, signed again by the fixed CA, parses and prints. */
    @Test
    void resigned_seedBlobs_parseWithTheFixedCa() {
        for (byte[] s : seeds().filter(b -> b[0] == 0).toList()) {
            SshCertificate c = SshCertificate.parse(resigned(s), Fuzzing.SOURCE);
            assertTrue(c.text(FingerprintHash.SHA256, ZoneOffset.UTC).contains("Signing CA: ED25519 "));
        }
    }

    @Test
    void fuzz_mutantsOfSeeds() {
        Fuzzing.mutants(getClass(), seeds().toList(), TARGET);
    }
}
