package dev.whale.pki.x509;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.whale.pki.Pem;
import dev.whale.pki.PkiException;
import dev.whale.pki.internal.OpenSslText;
import dev.whale.pki.testing.Golden;
import dev.whale.pki.verify.TrustStoreStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link CertificateText} pinned to golden files that openssl 3.0.19 printed once: the post's Amazon root, a leaf
 * with most extensions a CA writes, a certificate whose names use every string type and escape, and CRL
 * distribution points with reasons and a CRL issuer, which OpenSSL 3.0 prints on one line with the last name.
 */
class CertificateTextTest {
    static byte[] golden(String name) {
        return Golden.bytes(name);
    }

    static Certificate cert(String name) throws IOException {
        return Certificate.read(golden(name + ".pem"), name + ".pem");
    }

    @Test
    void of_goldenCertificates_asOpensslPrintedThem() throws IOException {
        for (String name : List.of("amazon-root-ca-1", "x509-leaf-extensions", "x509-names", "x509-crl-issuer")) {
            assertEquals(new String(golden(name + ".x509-text.txt"), StandardCharsets.UTF_8),
                    CertificateText.of(cert(name)), name);
        }
    }

    @Test
    void fields_amazonRoot() throws IOException {
        Certificate c = cert("amazon-root-ca-1");
        assertEquals("C = US, O = Amazon, CN = Amazon Root CA 1", CertificateText.subject(c));
        assertEquals("C = US, O = Amazon, CN = Amazon Root CA 1", CertificateText.issuer(c));
        assertEquals("066C9FCF99BF8C0A39E2F0788A43E696365BCA", CertificateText.serial(c));
        assertEquals("May 26 00:00:00 2015 GMT", CertificateText.notBefore(c));
        assertEquals("Jan 17 00:00:00 2038 GMT", CertificateText.notAfter(c));
        assertEquals("8D:A7:F9:65:EC:5E:FC:37:91:0F:1C:6E:59:FD:C1:CC:6A:6E:DE:16",
                CertificateText.fingerprint(c, "sha1"));
        assertEquals("rsaEncryption", c.publicKeyAlgorithm());
        assertEquals("sha256WithRSAEncryption", c.signatureAlgorithm());
    }

    @Test
    void fingerprint_unknownDigest_namesTheChoices() throws IOException {
        Certificate c = cert("amazon-root-ca-1");
        assertEquals("unknown digest whirlpool; use one of md5, sha1, sha224, sha256, sha3-224, sha3-256, sha3-384, "
                + "sha3-512, sha384, sha512, sha512-224, sha512-256",
                assertThrows(PkiException.class, () -> CertificateText.fingerprint(c, "whirlpool")).getMessage());
    }

    @Test
    void read_badInput_saysWhatIsWrongWithWhichFile() throws IOException {
        byte[] der = Pem.readOne(new String(golden("amazon-root-ca-1.pem"), StandardCharsets.US_ASCII), "a",
                "CERTIFICATE").der();
        Map<String, byte[]> cases = Map.of(
                "garbage.txt: not a certificate: no -----BEGIN CERTIFICATE----- line, and not DER (which starts "
                        + "with 0x30, not 0x67)", "garbage\n".getBytes(StandardCharsets.US_ASCII),
                "empty.der: empty file, expected a certificate", new byte[0],
                "cut.der: truncated DER: the element at offset 0 has length 833 but only 796 bytes follow",
                Arrays.copyOf(der, 800),
                "key.pem: expected BEGIN CERTIFICATE, found BEGIN PRIVATE KEY",
                "-----BEGIN PRIVATE KEY-----\nMAA=\n-----END PRIVATE KEY-----\n".getBytes(StandardCharsets.US_ASCII),
                "seq.der: not an X.509 certificate: a Certificate has 3 parts, this has 1",
                new byte[] {0x30, 0x03, 0x02, 0x01, 0x05});
        cases.forEach((message, bytes) -> {
            String source = message.substring(0, message.indexOf(':'));
            assertEquals(message, assertThrows(PkiException.class, () -> Certificate.read(bytes, source))
                    .getMessage());
        });
    }

    @Test
    void readPem_skipsOtherBlocks_andTakesTheFirstCertificate() throws IOException {
        String pem = "-----BEGIN PRIVATE KEY-----\nMAA=\n-----END PRIVATE KEY-----\n"
                + new String(golden("amazon-root-ca-1.pem"), StandardCharsets.US_ASCII)
                + new String(golden("x509-names.pem"), StandardCharsets.US_ASCII);
        Certificate c = Certificate.read(pem.getBytes(StandardCharsets.US_ASCII), "bundle.pem");
        assertEquals("C = US, O = Amazon, CN = Amazon Root CA 1", CertificateText.subject(c));
    }

    @Test
    void stats_text_isUniqCOfTheGreppedLines() throws IOException {
        TrustStoreStats s = TrustStoreStats.of(List.of(cert("amazon-root-ca-1"), cert("x509-names"),
                cert("amazon-root-ca-1")));
        assertEquals(3, s.certificates());
        assertEquals("""
                      1             Public Key Algorithm: id-ecPublicKey
                      2             Public Key Algorithm: rsaEncryption
                      1     Signature Algorithm: ecdsa-with-SHA256
                      2     Signature Algorithm: sha256WithRSAEncryption
                """, s.text());
    }

    @Test
    void time_asAsn1TimePrintPrintsIt() {
        assertEquals("Jan  1 00:00:00 2049 GMT", OpenSslText.time("490101000000Z", false));
        assertEquals("Jan  1 00:00:00 1950 GMT", OpenSslText.time("500101000000Z", false));
        assertEquals("Dec 31 22:30:00 2023 GMT", OpenSslText.time("2401010000+0130", false));
        assertEquals("Feb 29 12:34:56.5 2024 GMT", OpenSslText.time("20240229123456.5Z", true));
        assertEquals("Jan  1 08:00:00 2024 GMT", OpenSslText.time("20240101000000-0800", true));
        for (String bad : new String[] {"240230000000Z", "2401010000", "240101000000+013", "20240101000000.Z"}) {
            assertEquals("Bad time value", OpenSslText.time(bad, bad.length() > 14), bad);
        }
    }
}
