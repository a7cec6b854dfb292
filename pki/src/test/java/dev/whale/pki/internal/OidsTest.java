package dev.whale.pki.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OidsTest {
    static final HexFormat HEX = HexFormat.of();

    static String dotted(String hex) {
        byte[] b = HEX.parseHex(hex);
        return Oids.dotted(b, 0, b.length);
    }

    static boolean valid(String hex) {
        byte[] b = HEX.parseHex(hex);
        return Oids.isValidEncoding(b, 0, b.length);
    }

    @Test
    void longName_known() {
        assertEquals("rsaEncryption", Oids.longName("1.2.840.113549.1.1.1"));
        assertEquals("X509v3 Subject Key Identifier", Oids.longName("2.5.29.14"));
        assertEquals("sha256WithRSAEncryption", Oids.longName("1.2.840.113549.1.1.11"));
        assertEquals("commonName", Oids.longName("2.5.4.3"));
        assertEquals("PBES2", Oids.longName("1.2.840.113549.1.5.13"));
        assertEquals("aes-256-cbc", Oids.longName("2.16.840.1.101.3.4.1.42"));
    }

    @Test
    void longName_unknownIsTheOid() {
        assertEquals("1.2.3.4.5", Oids.longName("1.2.3.4.5"));
        assertFalse(Oids.known("1.2.3.4.5"));
    }

    @Test
    void shortName_known() {
        assertEquals("CN", Oids.shortName("2.5.4.3"));
        assertEquals("keyUsage", Oids.shortName("2.5.29.15"));
        assertEquals("prime256v1", Oids.shortName("1.2.840.10045.3.1.7"));
        assertEquals("9.9", Oids.shortName("9.9"));
    }

    @Test
    void longName_sharedOidKeepsLowerNid() {
        // 1.3 is both org (NID 379) and identified-organization (NID 676); OBJ_obj2nid finds org.
        assertEquals("org", Oids.longName("1.3"));
    }

    @Test
    void byName_shortThenLong() {
        assertEquals(Optional.of("2.5.4.3"), Oids.byName("CN"));
        assertEquals(Optional.of("2.5.4.3"), Oids.byName("commonName"));
        assertEquals(Optional.of("1.3.101.112"), Oids.byName("ED25519"));
        assertEquals(Optional.empty(), Oids.byName("no such object"));
    }

    @Test
    void size_isOpensslTable() {
        assertTrue(Oids.size() > 1000, "objects: " + Oids.size());
    }

    @Test
    void dotted_firstTwoArcs() {
        assertEquals("1.2.840.113549.1.1.1", dotted("2a864886f70d010101"));
        assertEquals("0.9", dotted("09"));
        assertEquals("2.48", dotted("8100"));
        assertEquals("2.999.3", dotted("883703"));
    }

    @Test
    void dotted_arcsBeyond64Bits() {
        assertEquals("2.147573952589676412847", dotted("8fffffffffffffffff7f"));
        assertEquals("1.2.340282366920938463463374607431768211455", dotted("2a83ffffffffffffffffffffffffffffffffff7f"));
    }

    @Test
    void isValidEncoding_opensslRules() {
        assertTrue(valid("550403"));
        assertFalse(valid(""));
        assertFalse(valid("80"));
        assertFalse(valid("8001"));
        assertFalse(valid("2a86"));
        assertFalse(valid("2a800001"));
        assertTrue(valid("2a860001"));
    }
}
