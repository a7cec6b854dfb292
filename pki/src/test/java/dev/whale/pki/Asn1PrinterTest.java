package dev.whale.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.whale.pki.testing.DerBytes;
import dev.whale.pki.testing.Golden;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Asn1Printer on fixed inputs: golden files that {@code openssl asn1parse} 3.0.19 printed once (the certificate and
 * commands of the ssl-certificates post among them), and the one-line errors for input OpenSSL cannot print either.
 */
class Asn1PrinterTest {
    static final HexFormat HEX = HexFormat.of();

    static byte[] golden(String name) {
        return Golden.bytes(name);
    }

    static byte[] pem(String name) {
        return Pem.read(new String(golden(name), StandardCharsets.US_ASCII), name).get(0).der();
    }

    static String message(Asn1Printer printer, byte[] der, String source) {
        return assertThrows(Asn1Exception.class, () -> printer.print(der, source)).getMessage();
    }

    @Test
    void print_certificate_golden() {
        assertArrayEquals(golden("amazon-root-ca-1.asn1parse.txt"),
                Asn1Printer.openssl().print(pem("amazon-root-ca-1.pem"), "amazon-root-ca-1.pem"));
    }

    @Test
    void print_strparsePublicKey_golden() {
        Asn1Printer p = Asn1Printer.builder().strparse(218).build();
        assertArrayEquals(golden("amazon-root-ca-1.strparse-218.txt"),
                p.print(pem("amazon-root-ca-1.pem"), "amazon-root-ca-1.pem"));
    }

    @Test
    void print_encryptedPkcs8Indented_golden() {
        Asn1Printer p = Asn1Printer.builder().indent(true).build();
        assertArrayEquals(golden("pkcs8-encrypted.asn1parse-i.txt"),
                p.print(pem("pkcs8-encrypted.pem"), "pkcs8-encrypted.pem"));
    }

    @Test
    void print_everyTagAndBadValue_golden() {
        Asn1Printer p = Asn1Printer.builder().indent(true).build();
        assertArrayEquals(golden("asn1-tags.asn1parse-i.txt"), p.print(golden("asn1-tags.der"), "asn1-tags.der"));
    }

    @Test
    void print_indefiniteLength() {
        String want = """
                    0:d=0  hl=2 l=inf  cons: SEQUENCE         \s
                    2:d=1  hl=2 l=   1 prim: INTEGER           :01
                    5:d=1  hl=2 l=   0 prim: EOC              \s
                """;
        assertEquals(want, Asn1Printer.openssl().text(HEX.parseHex("3080020101" + "0000"), "ber"));
    }

    @Test
    void text_isUtf8() {
        byte[] der = HEX.parseHex("0c03c3a961");
        assertEquals("    0:d=0  hl=2 l=   3 prim: UTF8STRING        :\u00e9a\n", Asn1Printer.openssl().text(der, "x"));
    }

    @Test
    void toString_showsFlags() {
        assertEquals("Asn1Printer[-i -dlimit 8 -strparse 22 -strparse 4 -offset 2 -length 9]", Asn1Printer.builder()
                .indent(true).dumpLimit(8).strparse(22).strparse(4).offset(2).length(9).build().toString());
        assertEquals("Asn1Printer[]", Asn1Printer.openssl().toString());
    }

    @Test
    void print_truncated() {
        byte[] cert = Arrays.copyOf(pem("amazon-root-ca-1.pem"), 500);
        assertEquals("cut.der: truncated DER: the element at offset 0 has length 833 but only 496 bytes follow",
                message(Asn1Printer.openssl(), cert, "cut.der"));
    }

    @Test
    void print_lengthPastEndOfParent() {
        assertEquals("x.der: truncated DER: the element at offset 2 has length 5 but only 1 byte follows",
                message(Asn1Printer.openssl(), HEX.parseHex("3003020501" + "0000"), "x.der"));
    }

    @Test
    void print_tenThousandNestedSequences() {
        byte[] der = {0x30, 0};
        for (int i = 1; i < 10_000; i++) {
            der = DerBytes.tlv(0x30, der);
        }
        // The 65 outer SEQUENCEs hold between 256 and 65535 bytes each: 4-byte headers, so level 65 starts at 260.
        assertEquals("deep.der: bad DER: nesting deeper than 64 levels at offset 260",
                message(Asn1Printer.openssl(), der, "deep.der"));
    }

    @Test
    void print_indefiniteLengthWithoutEndOfContents() {
        assertEquals("ber.der: truncated BER: the indefinite length at offset 0 has no end-of-contents marker",
                message(Asn1Printer.openssl(), HEX.parseHex("3080020101"), "ber.der"));
    }

    @Test
    void print_indefinitePrimitive() {
        assertEquals("x.der: bad DER: indefinite length at offset 0 (DER requires definite lengths)",
                message(Asn1Printer.openssl(), HEX.parseHex("04800000"), "x.der"));
    }

    @Test
    void print_empty() {
        assertEquals("empty.der: no data to parse", message(Asn1Printer.openssl(), new byte[0], "empty.der"));
    }

    @Test
    void print_strparseOutOfRange() {
        Asn1Printer p = Asn1Printer.builder().strparse(9999).build();
        assertEquals("ca.pem: -strparse 9999 is out of range: the data has 837 bytes",
                message(p, pem("amazon-root-ca-1.pem"), "ca.pem"));
    }

    @Test
    void print_strparseObject() {
        Asn1Printer p = Asn1Printer.builder().strparse(36).build();
        assertEquals("ca.pem: -strparse 36: the element there is an OBJECT, which holds no nested structure",
                message(p, pem("amazon-root-ca-1.pem"), "ca.pem"));
    }

    @Test
    void print_strparseValueThatIsNotDer() {
        // The encrypted key: random bytes, where OpenSSL too stops with "Error in encoding".
        Asn1Printer p = Asn1Printer.builder().strparse(93).build();
        assertEquals("enc.pem (-strparse 93): bad DER: the length at offset 90 takes 93 bytes",
                message(p, pem("pkcs8-encrypted.pem"), "enc.pem"));
    }

    @Test
    void print_strparseSecondStepNotDer() {
        // The subject key identifier: an OCTET STRING holding an OCTET STRING of 20 bytes that are not DER.
        Asn1Printer p = Asn1Printer.builder().strparse(537).strparse(2).build();
        assertEquals("ca.pem (-strparse 537): -strparse 2: truncated DER: the element at offset 2 has length 24 "
                + "but only 18 bytes follow", message(p, pem("amazon-root-ca-1.pem"), "ca.pem"));
    }

    @Test
    void print_offsetOutOfRange() {
        Asn1Printer p = Asn1Printer.builder().offset(5).build();
        assertEquals("x.der: -offset 5 is out of range: the data has 5 bytes",
                message(p, HEX.parseHex("3003020101"), "x.der"));
    }

    @Test
    void builder_rejectsNonPositiveStrparse() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Asn1Printer.builder().strparse(0));
        assertEquals("strparse offset must be positive: 0", e.getMessage());
    }
}
