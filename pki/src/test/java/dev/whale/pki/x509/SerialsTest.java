package dev.whale.pki.x509;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whale.pki.PkiException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/**
 * Serial numbers: what OpenSSL 3.0.19 made of each of these inputs (openssl x509 -req -set_serial, -CAserial), so
 * that the cases are pinned here; the CLI tests run openssl itself on them.
 */
class SerialsTest {
    static BigInteger file(String content) {
        return Serials.readFile(content.getBytes(StandardCharsets.ISO_8859_1), "t.srl");
    }

    @Test
    void parse_decimalHexAndSigns_asS2iAsn1Integer() {
        assertEquals(BigInteger.valueOf(5), Serials.parse("5"));
        assertEquals(BigInteger.valueOf(5), Serials.parse("05"));
        assertEquals(BigInteger.valueOf(31), Serials.parse("0x1F"));
        assertEquals(BigInteger.valueOf(31), Serials.parse("0X1f"));
        assertEquals(BigInteger.valueOf(-5), Serials.parse("-5"));
        assertEquals(BigInteger.valueOf(-5), Serials.parse("--5"));
        assertEquals(BigInteger.valueOf(-5), Serials.parse("0x-5"));
        assertEquals(BigInteger.valueOf(-5), Serials.parse("-0x-5"));
        assertEquals(BigInteger.ZERO, Serials.parse("-0"));
        assertEquals(new BigInteger("99999999999999999999999999999999"), Serials.parse(
                "99999999999999999999999999999999"));
        for (String bad : new String[] {"", "-", "0x", "12abc", "+5", "1 2", "- 5", "0x+5", "0xg", "1e3"}) {
            PkiException e = assertThrows(PkiException.class, () -> Serials.parse(bad), bad);
            assertEquals("not a number: '" + bad + "' (give a decimal number, or hex after 0x)", e.getMessage());
        }
    }

    @Test
    void defaultFile_cutsAtTheLastDot_evenInADirectory() {
        assertEquals("ca.srl", Serials.defaultFile("ca.pem"));
        assertEquals("/tmp/x/ca.srl", Serials.defaultFile("/tmp/x/ca.pem"));
        assertEquals("ca.srl", Serials.defaultFile("ca"));
        assertEquals("dir.srl", Serials.defaultFile("dir.x/ca"));
        assertEquals(".srl", Serials.defaultFile("./ca"));
    }

    @Test
    void readFile_asA2iAsn1Integer() {
        assertEquals(BigInteger.valueOf(0x1000), file("1000\n"));
        assertEquals(BigInteger.valueOf(0xff), file("00FF\n"));
        assertEquals(BigInteger.ZERO, file("0000\n"));
        assertEquals(BigInteger.ZERO, file("00\n"));
        assertEquals(BigInteger.valueOf(0xab), file("ab"));
        assertEquals(BigInteger.valueOf(0x10), file("10 20\n"));
        assertEquals(BigInteger.valueOf(0x7f), file("7f\r\n"));
        assertEquals(BigInteger.valueOf(0x1234), file("1234\nabcd\n"));
        // A backslash continues the line, and counts against the digits: an odd number goes through.
        assertEquals(BigInteger.valueOf(0x1220), file("123\\\n20\n"));
        for (String bad : new String[] {"", "\n", "1\n", "zz\n", " 10\n", "-5\n", "10\\\n20\n", "123\n",
            "12\\\n"}) {
            PkiException e = assertThrows(PkiException.class, () -> file(bad), bad);
            assertTrue(e.getMessage().startsWith("t.srl: not a serial number file"), e.getMessage());
        }
    }

    @Test
    void fileText_uppercaseHexPairs_brokenEvery35Bytes() {
        assertEquals("1001\n", Serials.fileText(BigInteger.valueOf(0x1001)));
        assertEquals("80\n", Serials.fileText(BigInteger.valueOf(0x80)));
        assertEquals("0100\n", Serials.fileText(BigInteger.valueOf(0x100)));
        assertEquals("00\n", Serials.fileText(BigInteger.ZERO));
        BigInteger big = BigInteger.ONE.shiftLeft(36 * 8);
        assertEquals("01" + "00".repeat(34) + "\\\n" + "00".repeat(2) + "\n", Serials.fileText(big));
        BigInteger r = Serials.random(new SecureRandom());
        assertEquals(r, file(Serials.fileText(r)));
        assertEquals(BigInteger.valueOf(0x1001), Serials.next(file("1000\n")));
    }
}
