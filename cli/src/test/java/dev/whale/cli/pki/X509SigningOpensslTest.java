package dev.whale.cli.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whale.cli.Run;
import dev.whale.pki.testing.Openssl;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local CA in three whale commands, trusted by the real openssl. */
class X509SigningOpensslTest {
    @TempDir
    Path dir;

    String f(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void localCa_signsAServerCertificate_thatOpensslVerifies() throws Exception {
        Run ca = Run.of("pki", "req", "-x509", "-newkey", "rsa:2048", "-keyout", f("ca.key"), "-out", f("ca.pem"),
                "-days", "30", "-nodes", "-subj", "/CN=whale test CA");
        assertEquals(0, ca.exit(), ca.err());
        Run csr = Run.of("pki", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-keyout",
                f("server.key"), "-out", f("server.csr"), "-nodes", "-subj", "/CN=localhost");
        assertEquals(0, csr.exit(), csr.err());
        Files.writeString(dir.resolve("ext.cnf"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n"
                + "extendedKeyUsage=serverAuth\n");
        Run sign = Run.of("pki", "x509", "-req", "-in", f("server.csr"), "-CA", f("ca.pem"), "-CAkey", f("ca.key"),
                "-days", "10", "-extfile", f("ext.cnf"), "-out", f("server.pem"));
        assertEquals(0, sign.exit(), sign.err());
        Openssl.Out o = Openssl.text(dir, "x509", "-req", "-in", f("server.csr"), "-CA", f("ca.pem"), "-CAkey",
                f("ca.key"), "-days", "10", "-extfile", f("ext.cnf"), "-out", f("openssl-server.pem"));
        assertEquals(o.err(), sign.err(), "the same lines on stderr");
        Openssl.Out verify = Openssl.text(dir, "verify", "-CAfile", f("ca.pem"), f("server.pem"));
        assertEquals(f("server.pem") + ": OK\n", verify.out(), verify.err());
        Openssl.Out text = Openssl.text(dir, "x509", "-in", f("server.pem"), "-noout", "-ext",
                "subjectAltName,extendedKeyUsage");
        assertTrue(text.out().contains("DNS:localhost, IP Address:127.0.0.1"), text.out());
        assertTrue(text.out().contains("TLS Web Server Authentication"), text.out());

        // -outform DER, as openssl x509 -req writes it; a bad -outform writes neither the certificate nor a serial.
        Run der = Run.of("pki", "x509", "-req", "-in", f("server.csr"), "-CA", f("ca.pem"), "-CAkey", f("ca.key"),
                "-days", "10", "-outform", "DER", "-out", f("server.der"));
        assertEquals(0, der.exit(), der.err());
        Openssl.Out derVerify = Openssl.text(dir, "x509", "-inform", "DER", "-in", f("server.der"), "-noout",
                "-subject");
        assertEquals("subject=CN = localhost\n", derVerify.out(), derVerify.err());
        Run bad = Run.of("pki", "x509", "-req", "-in", f("server.csr"), "-CA", f("ca.pem"), "-CAkey", f("ca.key"),
                "-CAcreateserial", "-outform", "XYZ", "-out", f("never.pem"));
        bad.assertOneLineError(2, "whale pki x509: -outform must be PEM or DER: XYZ");
        assertTrue(!Files.exists(dir.resolve("never.pem")) && !Files.exists(dir.resolve("ca.srl")),
                "nothing written");
    }

    @Test
    void req_withoutCa_isAUsageError() {
        Run r = Run.of("pki", "x509", "-req", "-in", f("none.csr"));
        r.assertOneLineError(2, "whale pki x509: -req needs -CA and -CAkey, the certificate and key of the CA that "
                + "signs the request, or -signkey KEY to self-sign it");
    }
}
