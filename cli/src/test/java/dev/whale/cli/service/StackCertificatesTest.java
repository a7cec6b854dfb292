package dev.whale.cli.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS files of {@code whale stack up --tls}: what docker/nginx/make-certs.sh makes, checked with the JDK. */
class StackCertificatesTest {
    @Test
    void makeCertificates_caAndLeafForLocalhost(@TempDir Path dir) throws Exception {
        Path certs = dir.resolve("certs");
        StackCommand.Up.makeCertificates(certs);

        try (var files = Files.list(certs)) {
            assertEquals(List.of("ca.key", "ca.pem", "server.key", "server.pem"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        for (String key : List.of("ca.key", "server.key")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(certs.resolve(key))));
            assertTrue(Files.readString(certs.resolve(key)).startsWith("-----BEGIN PRIVATE KEY-----\n"), key);
        }
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        X509Certificate ca = (X509Certificate) cf.generateCertificate(Files.newInputStream(certs.resolve("ca.pem")));
        List<X509Certificate> chain = cf.generateCertificates(new ByteArrayInputStream(
                Files.readAllBytes(certs.resolve("server.pem")))).stream().map(c -> (X509Certificate) c).toList();
        assertEquals(2, chain.size());
        assertEquals(ca, chain.get(1));
        X509Certificate leaf = chain.get(0);
        assertEquals("CN=whale local CA", ca.getSubjectX500Principal().getName());
        assertEquals(Integer.MAX_VALUE, ca.getBasicConstraints());
        ca.verify(ca.getPublicKey());
        assertEquals("CN=localhost", leaf.getSubjectX500Principal().getName());
        assertEquals("CN=whale local CA", leaf.getIssuerX500Principal().getName());
        leaf.verify(ca.getPublicKey());
        assertEquals(List.of(List.of(2, "localhost"), List.of(7, "127.0.0.1")),
                List.copyOf(leaf.getSubjectAlternativeNames()));
        assertEquals(2048, ((RSAPublicKey) leaf.getPublicKey()).getModulus().bitLength());
        long days = (leaf.getNotAfter().getTime() - leaf.getNotBefore().getTime()) / 86_400_000L;
        assertEquals(90, days);
    }
}
