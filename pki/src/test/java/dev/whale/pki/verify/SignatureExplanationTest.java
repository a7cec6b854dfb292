package dev.whale.pki.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.whale.pki.x509.Certificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SignatureExplanationTest {
    static List<Certificate> roots() throws Exception {
        Path certs = Path.of("/etc/ssl/certs");
        if (!Files.isDirectory(certs)) {
            fail("/etc/ssl/certs is missing; install the ca-certificates package");
        }
        try (Stream<Path> s = Files.list(certs)) {
            return s.filter(p -> p.toString().endsWith(".pem")).sorted().map(p -> {
                try {
                    return Certificate.read(Files.readAllBytes(p), p.toString());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).filter(c -> c.subject().equals(c.issuer())).toList();
        }
    }

    @Test
    void of_everySelfSignedRootInEtcSslCerts_match() throws Exception {
        int rsa = 0;
        int ec = 0;
        for (Certificate c : roots()) {
            SignatureExplanation x = SignatureExplanation.of(c, c);
            assertTrue(x.match(), c.subject().oneline() + " " + x.algorithm());
            if (x.rsa().isPresent()) {
                rsa++;
                SignatureExplanation.Rsa r = x.rsa().get();
                assertEquals(0, r.decrypted()[0]);
                assertEquals(1, r.decrypted()[1]);
                assertEquals(0, r.decrypted()[r.separator()]);
                assertEquals(HexFormat.of().formatHex(x.computedDigest()),
                        HexFormat.of().formatHex(r.recoveredDigest()));
            } else if (x.ecdsa().isPresent()) {
                ec++;
            }
        }
        assertTrue(rsa > 50, "RSA roots: " + rsa);
        assertTrue(ec > 5, "EC roots: " + ec);
    }

    @Test
    void of_amazonRootCa1_thePostsDigest() throws Exception {
        Path p = Path.of("/etc/ssl/certs/Amazon_Root_CA_1.pem");
        Certificate c = Certificate.read(Files.readAllBytes(p), p.toString());
        SignatureExplanation x = SignatureExplanation.of(c, c);
        assertEquals("sha256WithRSAEncryption", x.algorithm());
        assertEquals("6fc4b8ac3d2b52c08baf56255e43d22c762962e4facab01ace16d48ec008be0a",
                HexFormat.of().formatHex(x.rsa().orElseThrow().recoveredDigest()));
        assertEquals(202, x.rsa().orElseThrow().separator() - 2);
        assertEquals("sha256", x.rsa().orElseThrow().digestInfoAlgorithm());
        assertEquals(557, x.tbsLength());
    }

    @Test
    void of_oneTbsByteFlipped_mismatch() throws Exception {
        Path p = Path.of("/etc/ssl/certs/Amazon_Root_CA_1.pem");
        byte[] der = Certificate.read(Files.readAllBytes(p), p.toString()).der();
        der[15] ^= 0x01; // inside the serial number, at the start of the TBSCertificate
        Certificate flipped = Certificate.read(der, "flipped.der");
        SignatureExplanation x = SignatureExplanation.of(flipped, flipped);
        assertFalse(x.match());
        assertTrue(x.rsa().orElseThrow().problem() == null, "the padding and DigestInfo are still fine");
    }
}
