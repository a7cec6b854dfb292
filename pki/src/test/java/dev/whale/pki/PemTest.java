package dev.whale.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PemTest {
    private static final byte[] DER = {0x30, 0x03, 0x02, 0x01, 0x05};

    @Test
    void read_severalBlocksAnyLabelCrlfAndTextAround() {
        String text = "some text\r\n" + Pem.write("FOO BAR", DER).replace("\n", "\r\n") + "between\n"
                + Pem.write("CERTIFICATE", new byte[] {1, 2, 3});
        List<PemBlock> blocks = Pem.read(text, "x.pem");
        assertEquals(2, blocks.size());
        assertEquals("FOO BAR", blocks.get(0).label());
        assertArrayEquals(DER, blocks.get(0).der());
        assertEquals("CERTIFICATE", blocks.get(1).label());
    }

    @Test
    void read_headersOfLegacyBlocks() {
        String text = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nMAMCAQU=\n"
                + "-----END RSA PRIVATE KEY-----\n";
        PemBlock b = Pem.read(text, "k.pem").get(0);
        assertEquals("4,ENCRYPTED", b.headers().get("Proc-Type"));
        assertArrayEquals(DER, b.der());
    }

    @Test
    void read_missingEndLine_isAClearError() {
        PemException e = assertThrows(PemException.class,
                () -> Pem.read("-----BEGIN PRIVATE KEY-----\nMAMCAQU=\n", "key.pem"));
        assertEquals("key.pem: no END line for BEGIN PRIVATE KEY at line 1", e.getMessage());
    }

    @Test
    void read_mismatchedEnd_badBase64_andNoPem() {
        assertEquals("key.pem: BEGIN PRIVATE KEY at line 1 ends with -----END PUBLIC KEY-----",
                assertThrows(PemException.class, () -> Pem.read(
                        "-----BEGIN PRIVATE KEY-----\nMAMCAQU=\n-----END PUBLIC KEY-----\n", "key.pem")).getMessage());
        assertEquals("key.pem: PRIVATE KEY block at line 1 is not valid base64",
                assertThrows(PemException.class, () -> Pem.read(
                        "-----BEGIN PRIVATE KEY-----\nMA*CAQU=\n-----END PRIVATE KEY-----\n", "key.pem")).getMessage());
        assertEquals("junk.txt: no PEM data (no -----BEGIN line)",
                assertThrows(PemException.class, () -> Pem.read("hello", "junk.txt")).getMessage());
    }

    @Test
    void readOne_wrongLabel_namesBoth() {
        String cert = Pem.write("CERTIFICATE", DER);
        assertEquals("key.pem: expected BEGIN PRIVATE KEY, found BEGIN CERTIFICATE",
                assertThrows(PemException.class, () -> Pem.readOne(cert, "key.pem", "PRIVATE KEY")).getMessage());
    }

    @Test
    void write_wrapsAt64() {
        String pem = Pem.write("X", new byte[100]);
        assertEquals(64, pem.lines().skip(1).findFirst().orElseThrow().length());
    }
}
