package dev.whale.pki.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.whale.pki.Asn1Exception;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class DerTest {

    @Test
    void check_lengthPastTheEnd() {
        byte[] der = {0x30, 0x10, 0x02, 0x01, 0x05};
        assertEquals("k.der: truncated DER: the element at offset 0 has length 16 but only 3 bytes follow",
                assertThrows(Asn1Exception.class, () -> Der.check(der, "k.der")).getMessage());
    }

    @Test
    void check_indefiniteLength_isRefused() {
        byte[] der = {0x30, (byte) 0x80, 0x02, 0x01, 0x05, 0x00, 0x00};
        assertEquals("k.der: bad DER: indefinite length at offset 0 (DER requires definite lengths)",
                assertThrows(Asn1Exception.class, () -> Der.check(der, "k.der")).getMessage());
    }

    @Test
    void check_nestingThousandsDeep_isRefusedWithoutStackOverflow() {
        int depth = 10_000;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        // Each SEQUENCE holds the next one; lengths in long form, computed from the inside out.
        int[] len = new int[depth + 1];
        for (int i = depth - 1; i >= 0; i--) {
            len[i] = len[i + 1] + 6;
        }
        for (int i = 0; i < depth; i++) {
            int l = len[i + 1];
            b.write(0x30);
            b.write(0x84);
            b.write(l >>> 24);
            b.write(l >>> 16);
            b.write(l >>> 8);
            b.write(l);
        }
        Asn1Exception e = assertThrows(Asn1Exception.class, () -> Der.check(b.toByteArray(), "deep.der"));
        assertEquals("deep.der: bad DER: nesting deeper than 64 levels at offset 390", e.getMessage());
    }

    @Test
    void check_trailingBytes() {
        byte[] der = {0x02, 0x01, 0x05, 0x00};
        assertEquals("k.der: bad DER: 1 byte after the end of the structure at offset 3",
                assertThrows(Asn1Exception.class, () -> Der.check(der, "k.der")).getMessage());
    }
}
