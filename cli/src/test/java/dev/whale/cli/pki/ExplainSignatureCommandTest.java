package dev.whale.cli.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whale.cli.Run;
import dev.whale.pki.testing.Openssl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code whale pki explain-signature}: the post's walk through Amazon Root CA 1, every system root, a forgery. */
class ExplainSignatureCommandTest {
    static final Path AMAZON = Path.of("/etc/ssl/certs/Amazon_Root_CA_1.pem");

    @TempDir
    Path dir;

    @Test
    void explain_amazonRootCa1_thePostsNumbers() {
        Run r = Run.of("pki", "explain-signature", AMAZON.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("  98f2375a4190a11ac57651282036230eaee628bbaaf894ae48a4307f1bfc248d\n"), r.out());
        assertTrue(r.out().contains("  ffffffffffffffffffffffff003031300d060960864801650304020105000420\n"
                + "  6fc4b8ac3d2b52c08baf56255e43d22c762962e4facab01ace16d48ec008be0a\n"
                + "  = 00 01 | ff x 202 | 00 | DigestInfo (51 bytes)\n"), r.out());
        assertTrue(r.out().contains("  algorithm: sha256 (2.16.840.1.101.3.4.2.1)\n"), r.out());
        assertTrue(r.out().contains("SHA-256 of the TBSCertificate (557 bytes at offset 4):\n"
                + "             6fc4b8ac3d2b52c08baf56255e43d22c762962e4facab01ace16d48ec008be0a\n"), r.out());
        assertTrue(r.out().endsWith("\nMATCH\n"), r.out());
    }

    @Test
    void explain_everyRsaRootInEtcSslCerts_match() throws Exception {
        List<Path> all;
        try (Stream<Path> s = Files.list(Path.of("/etc/ssl/certs"))) {
            all = s.filter(p -> p.toString().endsWith(".pem")).sorted().toList();
        }
        int rsa = 0;
        for (Path p : all) {
            Run r = Run.of("pki", "explain-signature", p.toString());
            if (r.out().contains("issuer key:  RSA") && r.out().contains("(self-signed)")) {
                rsa++;
                assertEquals(0, r.exit(), p + "\n" + r.out() + r.err());
                assertTrue(r.out().endsWith("\nMATCH\n"), p + "\n" + r.out());
            }
        }
        assertTrue(rsa > 50, "RSA roots: " + rsa);
    }

    @Test
    void explain_ecdsaAndEd25519_sayWhatDiffersAndStillCheck() throws Exception {
        Run ec = Run.of("pki", "explain-signature", "/etc/ssl/certs/Amazon_Root_CA_3.pem");
        assertEquals(0, ec.exit(), ec.err());
        assertTrue(ec.out().contains("ECDSA gives no digest back"), ec.out());
        assertTrue(ec.out().endsWith("\nMATCH\n"), ec.out());
        Path key = dir.resolve("ed.pem");
        Path cert = dir.resolve("ed-cert.pem");
        assertEquals(0, Run.of("pki", "req", "-x509", "-newkey", "ed25519", "-nodes", "-keyout", key.toString(),
                "-subj", "/CN=ed", "-out", cert.toString()).exit());
        Run ed = Run.of("pki", "explain-signature", cert.toString());
        assertEquals(0, ed.exit(), ed.err());
        assertTrue(ed.out().contains("Ed25519 signs the TBSCertificate itself"), ed.out());
    }

    @Test
    void explain_oneTbsByteFlipped_mismatchExit1() throws Exception {
        String pem = Files.readString(AMAZON);
        String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(b64);
        der[15] ^= 0x01; // in the serial number, inside the TBSCertificate
        Path flipped = dir.resolve("flipped.der");
        Files.write(flipped, der);
        Run r = Run.of("pki", "explain-signature", flipped.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().endsWith("\nMISMATCH: the digest in the signature is not the digest of the "
                + "TBSCertificate\n"), r.out());
    }

    @Test
    void explain_truncatedSignature_oneLineExit1() throws Exception {
        Path rsa = dir.resolve("rsa-short.pem");
        TruncatedSignature.write(AMAZON, 10, rsa);
        Run.of("pki", "explain-signature", rsa.toString()).assertOneLineError(1, "whale pki explain-signature: " + rsa
                + ": truncated signature: 246 bytes, where the issuer's 2048-bit RSA key makes 256");
        Path none = dir.resolve("rsa-none.pem");
        TruncatedSignature.write(AMAZON, 1000, none);
        Run.of("pki", "explain-signature", none.toString()).assertOneLineError(1, "whale pki explain-signature: "
                + none + ": truncated signature: 0 bytes, where the issuer's 2048-bit RSA key makes 256");

        Path ec = dir.resolve("ec-short.pem");
        TruncatedSignature.write(Path.of("/etc/ssl/certs/Amazon_Root_CA_3.pem"), 5, ec);
        Run r = Run.of("pki", "explain-signature", ec.toString());
        assertEquals(1, r.exit());
        assertTrue(r.oneLineError(), r.err());
        assertTrue(r.err().matches("whale pki explain-signature: " + ec + ": truncated signature: \\d+ bytes, where "
                + "its DER SEQUENCE of r and s says \\d+\n"), r.err());

        Path key = dir.resolve("ed.pem");
        Path cert = dir.resolve("ed-cert.pem");
        assertEquals(0, Run.of("pki", "req", "-x509", "-newkey", "ed25519", "-nodes", "-keyout", key.toString(),
                "-subj", "/CN=ed", "-out", cert.toString()).exit());
        Path ed = dir.resolve("ed-short.pem");
        TruncatedSignature.write(cert, 10, ed);
        Run.of("pki", "explain-signature", ed.toString()).assertOneLineError(1, "whale pki explain-signature: " + ed
                + ": truncated signature: 54 bytes, where Ed25519 signatures are 64");
        assertEquals("", r.out());
    }

    @Test
    void explain_issuerNotInTheSystemStore_oneLine() throws Exception {
        Path ca = dir.resolve("ca.pem");
        Path caKey = dir.resolve("ca.key");
        assertEquals(0, Run.of("pki", "req", "-x509", "-newkey", "ed25519", "-nodes", "-keyout", caKey.toString(),
                "-subj", "/CN=Nobody's CA", "-out", ca.toString()).exit());
        Openssl.textOk(dir, "req", "-new", "-newkey", "ed25519", "-nodes", "-keyout", "leaf.key", "-subj", "/CN=leaf",
                "-out", "leaf.csr");
        Openssl.textOk(dir, "x509", "-req", "-in", "leaf.csr", "-CA", ca.toString(), "-CAkey", caKey.toString(),
                "-set_serial", "1", "-out", "leaf.pem");
        String leaf = dir.resolve("leaf.pem").toString();
        Run.of("pki", "explain-signature", leaf).assertOneLineError(1, "whale pki explain-signature: the issuer "
                + "CN = Nobody's CA is not in " + System.getenv().getOrDefault("SSL_CERT_DIR", "/usr/lib/ssl/certs")
                + "; give its certificate with -issuer FILE");
        Run ok = Run.of("pki", "explain-signature", leaf, "-issuer", ca.toString());
        assertEquals(0, ok.exit(), ok.err());
    }

    @Test
    void help_showsAWhaleExample() {
        assertTrue(Run.of("pki", "explain-signature", "--help").out()
                .contains("./whale pki explain-signature /etc/ssl/certs/Amazon_Root_CA_1.pem"));
    }
}
