package dev.whale.pki.x509;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.whale.pki.PkiException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubjectArgumentTest {
    static String der(String subj) throws Exception {
        return HexFormat.of().formatHex(SubjectArgument.parse(subj, false).name().der());
    }

    static String oneline(String subj) {
        return SubjectArgument.parse(subj, false).name().oneline();
    }

    @Test
    void parse_commonName_utf8String() throws Exception {
        // The subject of openssl req -subj /CN=localhost, from asn1parse: SET { SEQUENCE { CN, UTF8STRING } }.
        assertEquals("30143112301006035504030c096c6f63616c686f7374", der("/CN=localhost"));
    }

    @Test
    void parse_countryAndEmail_printableAndIa5() throws Exception {
        // openssl req -new -subj '/C=US/emailAddress=a@b.c', the subject's DER.
        assertEquals("3023310b3009060355040613025553311430120609"
                + "2a864886f70d01090116056140622e63", der("/C=US/emailAddress=a@b.c"));
    }

    @Test
    void parse_escapesAndMultiValuedRdns() {
        assertEquals("CN = a/b", oneline("/CN=a\\/b"));
        assertEquals("CN = \"a+b\"", oneline("/CN=a\\+b"));
        assertEquals("CN = a + OU = b", oneline("/CN=a+OU=b"));
        assertEquals("CN = a=b", oneline("/CN=a=b"));
        assertEquals("CN = x, CN = y", oneline("/CN=x/2.5.4.3=y"));
        assertEquals("CN = x", oneline("/commonName=x/"));
    }

    @Test
    void parse_withoutUtf8_eachByteIsACharacter() {
        assertEquals("CN = Zo\\C3\\83\\C2\\AB", oneline("/CN=Zoë"));
        assertEquals("CN = Zo\\C3\\AB", SubjectArgument.parse("/CN=Zoë", true).name().oneline());
    }

    @Test
    void parse_unknownOrEmpty_skippedWithOpensslsWarnings() {
        SubjectArgument.Parsed p = SubjectArgument.parse("/XX=1/C=US/ST=/1.2.3.4=x/CN=x", false);
        assertEquals("C = US, CN = x", p.name().oneline());
        assertEquals(List.of("Skipping unknown subject name attribute \"XX\"",
                "No value provided for subject name attribute \"ST\", skipped",
                "Skipping unknown subject name attribute \"1.2.3.4\""), p.warnings());
    }

    @Test
    void parse_badInput_opensslsMessages() {
        assertEquals("subject name is expected to be in the format /type0=value0/type1=value1/type2=... where "
                + "characters may be escaped by \\. This name is not in that format: 'CN=x'",
                assertThrows(PkiException.class, () -> SubjectArgument.parse("CN=x", false)).getMessage());
        assertEquals("Missing '=' after RDN type string 'CN' in subject name string",
                assertThrows(PkiException.class, () -> SubjectArgument.parse("/CN", false)).getMessage());
        assertEquals("Escape character at end of subject name string",
                assertThrows(PkiException.class, () -> SubjectArgument.parse("/CN=x\\", false)).getMessage());
        assertEquals("Error adding subject name attribute \"/C=USA\": string too long (at most 2 characters)",
                assertThrows(PkiException.class, () -> SubjectArgument.parse("/C=USA", false)).getMessage());
        assertEquals("Error adding subject name attribute \"/C=U$\": illegal characters for a PrintableString",
                assertThrows(PkiException.class, () -> SubjectArgument.parse("/C=U$", false)).getMessage());
    }
}
