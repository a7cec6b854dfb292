package dev.whale.pki.x509;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whale.pki.Passphrase;
import dev.whale.pki.PkiException;
import dev.whale.pki.internal.CertificateHolders;
import dev.whale.pki.key.KeyData;
import dev.whale.pki.key.Keys;
import dev.whale.pki.testing.Openssl;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificates issued by whale next to the ones openssl req -x509 and openssl x509 -req make from the same keys,
 * request and extension file: names and extensions are the same bytes, and openssl verifies whale's.
 */
class IssuerOpensslTest {
    @TempDir
    static Path dir;

    static final String EXTFILE = """
            # a server certificate
            basicConstraints = CA:FALSE
            keyUsage = critical, digitalSignature, keyEncipherment
            extendedKeyUsage = serverAuth, clientAuth
            subjectAltName = @alt_names
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid,issuer

            [ alt_names ]
            DNS.1 = localhost
            DNS.2 = www.example.com
            IP.1 = 127.0.0.1
            IP.2 = ::1
            email.1 = admin@example.com
            URI.1 = https://example.com/
            """;

    static Openssl.Out openssl(String... args) throws Exception {
        Openssl.Out o = Openssl.run(dir, args);
        assertEquals(0, o.exit(), "openssl " + String.join(" ", args) + ": " + o.err());
        return o;
    }

    static byte[] read(String name) throws Exception {
        return Files.readAllBytes(dir.resolve(name));
    }

    static KeyData key(String name) throws Exception {
        return Keys.read(read(name), name, Passphrase.none());
    }

    static Certificate cert(String name) throws Exception {
        return Certificate.read(read(name), name);
    }

    /** BouncyCastle's view, to compare fields. */
    static X509CertificateHolder h(Certificate c) {
        return CertificateHolders.of(c);
    }

    static void write(String name, String text) throws Exception {
        Files.writeString(dir.resolve(name), text);
    }

    static List<byte[]> extensions(Certificate c) throws Exception {
        List<byte[]> out = new ArrayList<>();
        for (Certificate.Ext e : c.extensions) {
            out.add(new Extension(e.oid(), e.critical(), e.value()).getEncoded(ASN1Encoding.DER));
        }
        return out;
    }

    static void assertSameExtensions(Certificate expected, Certificate actual) throws Exception {
        List<byte[]> e = extensions(expected);
        List<byte[]> a = extensions(actual);
        assertEquals(e.size(), a.size());
        for (int i = 0; i < e.size(); i++) {
            assertArrayEquals(e.get(i), a.get(i), "extension " + i);
        }
    }

    @BeforeAll
    static void keys() throws Exception {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ca.key");
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "server.key");
        openssl("req", "-x509", "-key", "ca.key", "-subj", "/O=Acme, Inc./CN=Test CA", "-days", "30",
                "-out", "ca.pem");
        openssl("req", "-new", "-key", "server.key", "-subj", "/C=US/CN=www.example.com", "-out", "server.csr");
        write("server.ext", EXTFILE);
    }

    @Test
    void signedBy_extfile_sameNamesAndExtensionsAsOpensslX509Req() throws Exception {
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "4096",
                "-days", "10", "-extfile", "server.ext", "-out", "o-server.pem");
        CertificateRequest csr = CertificateRequest.read(read("server.csr"), "server.csr");
        Certificate w = Issuer.signedBy(cert("ca.pem"), key("ca.key").privateKey()).request(csr)
                .serial(BigInteger.valueOf(4096)).days(10)
                .extensions(ExtensionConfig.parse(EXTFILE, "server.ext").section("default")).issue();
        Certificate o = cert("o-server.pem");
        assertArrayEquals(o.subject().der(), w.subject().der());
        assertArrayEquals(h(o).getIssuer().getEncoded(ASN1Encoding.DER), h(w).getIssuer().getEncoded(ASN1Encoding.DER));
        assertEquals(h(o).getVersionNumber(), h(w).getVersionNumber());
        assertEquals(h(o).getSignatureAlgorithm(), h(w).getSignatureAlgorithm());
        assertSameExtensions(o, w);
        write("w-server.pem", w.pem());
        assertEquals("w-server.pem: OK\n", openssl("verify", "-CAfile", "ca.pem", "w-server.pem").out());
    }

    @Test
    void signedBy_noExtensions_version1LikeOpensslX509Req() throws Exception {
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "7",
                "-days", "10", "-out", "o-v1.pem");
        Certificate w = Issuer.signedBy(cert("ca.pem"), key("ca.key").privateKey())
                .request(CertificateRequest.read(read("server.csr"), "server.csr")).days(10).issue();
        assertEquals(1, h(cert("o-v1.pem")).getVersionNumber());
        assertEquals(1, h(w).getVersionNumber());
    }

    @Test
    void selfSigned_v3ca_sameExtensionsAsOpensslReqX509() throws Exception {
        for (String alg : List.of("EC", "RSA", "ED25519")) {
            String k = "self-" + alg + ".key";
            if (alg.equals("RSA")) {
                openssl("genpkey", "-algorithm", alg, "-pkeyopt", "rsa_keygen_bits:2048", "-out", k);
            } else if (alg.equals("EC")) {
                openssl("genpkey", "-algorithm", alg, "-pkeyopt", "ec_paramgen_curve:P-256", "-out", k);
            } else {
                openssl("genpkey", "-algorithm", alg, "-out", k);
            }
            openssl("req", "-x509", "-key", k, "-subj", "/CN=localhost", "-days", "365", "-addext",
                    "subjectAltName=DNS:localhost,IP:127.0.0.1", "-out", "o-" + alg + ".pem");
            List<ExtensionSpec> exts = new ArrayList<>(ExtensionConfig.V3_CA);
            exts.add(ExtensionSpec.parse("subjectAltName=DNS:localhost,IP:127.0.0.1", "-addext"));
            Certificate w = Issuer.selfSigned(key(k).privateKey())
                    .subject(SubjectArgument.parse("/CN=localhost", false).name()).days(365).extensions(exts).issue();
            Certificate o = cert("o-" + alg + ".pem");
            assertArrayEquals(o.subject().der(), w.subject().der());
            assertEquals(h(o).getSignatureAlgorithm(), h(w).getSignatureAlgorithm(), alg);
            assertEquals(3, h(w).getVersionNumber());
            assertSameExtensions(o, w);
            assertTrue(h(w).getSerialNumber().signum() > 0 && h(w).getSerialNumber().bitLength() <= 159);
            assertEquals(365, (h(w).getNotAfter().getTime() - h(w).getNotBefore().getTime()) / 86_400_000L);
            write("w-" + alg + ".pem", w.pem());
            assertEquals("w-" + alg + ".pem: OK\n", openssl("verify", "-CAfile", "w-" + alg + ".pem",
                    "w-" + alg + ".pem").out());
        }
    }

    @Test
    void selfSigned_authorityKeyIdentifierKeyidIssuer_nameAndSerialAsOpenssl() throws Exception {
        // For a self-signed certificate "keyid" is left out, so "issuer" puts in the name and serial instead.
        openssl("req", "-x509", "-key", "ca.key", "-subj", "/CN=x", "-set_serial", "5", "-addext",
                "authorityKeyIdentifier=keyid,issuer", "-addext", "basicConstraints=CA:FALSE", "-out", "o-akid.pem");
        List<ExtensionSpec> exts = new ArrayList<>(ExtensionConfig.V3_CA);
        exts.add(ExtensionSpec.parse("authorityKeyIdentifier=keyid,issuer", "-addext"));
        exts.add(ExtensionSpec.parse("basicConstraints=CA:FALSE", "-addext"));
        Certificate w = Issuer.selfSigned(key("ca.key").privateKey())
                .subject(SubjectArgument.parse("/CN=x", false).name()).serial(BigInteger.valueOf(5)).extensions(exts)
                .issue();
        assertSameExtensions(cert("o-akid.pem"), w);
    }

    @Test
    void request_openssReqVerifyAcceptsIt() throws Exception {
        CertificateRequest csr = CertificateRequest.create(
                SubjectArgument.parse("/CN=server.example", false).name(), key("server.key").privateKey(),
                List.of(ExtensionSpec.parse("subjectAltName=DNS:server.example", "-addext")), "sha256");
        write("w.csr", csr.pem());
        Openssl.Out o = openssl("req", "-verify", "-in", "w.csr", "-noout");
        assertEquals("Certificate request self-signature verify OK\n", o.err());
        assertTrue(csr.signatureValid());
        assertTrue(CertificateRequest.read(read("server.csr"), "server.csr").signatureValid());
        assertEquals(Extension.subjectAlternativeName, csr.bc().getRequestedExtensions().getExtensionOIDs()[0]);
    }

    @Test
    void signedBy_wrongCaKey_namesTheCertificate() throws Exception {
        PkiException e = assertThrows(PkiException.class,
                () -> Issuer.signedBy(cert("ca.pem"), key("server.key").privateKey()));
        assertEquals("the CA private key does not match the CA certificate O = \"Acme, Inc.\", CN = Test CA",
                e.getMessage());
    }

    @Test
    void validity_backwards_refused() {
        assertEquals("invalid interval: 2030-01-01T00:00:00Z..2029-01-01T00:00:00Z", assertThrows(
                PkiException.class, () -> Issuer.selfSigned(key("ca.key").privateKey()).validity(
                        Instant.parse("2030-01-01T00:00:00Z"), Instant.parse("2029-01-01T00:00:00Z"))).getMessage());
    }

    @Test
    void extensions_unknownValue_namesTheFileAndLine() {
        ExtensionConfig c = ExtensionConfig.parse("keyUsage = critical, signEverything\n", "bad.ext");
        PkiException e = assertThrows(PkiException.class, () -> Issuer.selfSigned(key("ca.key").privateKey())
                .subject(SubjectArgument.parse("/CN=x", false).name()).extensions(c.section("default")).issue());
        assertEquals("bad.ext line 1: keyUsage=critical, signEverything: unknown key usage signEverything; expected "
                + "digitalSignature, nonRepudiation, keyEncipherment, dataEncipherment, keyAgreement, keyCertSign, "
                + "cRLSign, encipherOnly or decipherOnly", e.getMessage());
    }
}
