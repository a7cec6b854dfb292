package dev.whale.cli.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whale.cli.Run;
import dev.whale.pki.testing.Openssl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The posts' openssl command lines, run as whale pki and as the real openssl on the same files. */
class KeyCommandsOpensslTest {
    @TempDir
    static Path dir;

    static Openssl.Out openssl(String... args) throws Exception {
        return Openssl.text(dir, args);
    }

    static String f(String name) {
        return dir.resolve(name).toString();
    }

    static Run whale(String... args) {
        List<String> a = new ArrayList<>(List.of("pki"));
        a.addAll(List.of(args));
        return Run.of(a.toArray(String[]::new));
    }

    @BeforeAll
    static void keys() throws Exception {
        openssl("genpkey", "-algorithm", "RSA", "-out", f("private.pem"), "-pkeyopt", "rsa_keygen_bits:2048");
        openssl("rsa", "-in", f("private.pem"), "-pubout", "-out", f("public.pem"));
        openssl("rsa", "-in", f("private.pem"), "-traditional", "-out", f("pkcs1.pem"));
        openssl("genpkey", "-algorithm", "RSA", "-out", f("private-enc.pem"), "-aes-256-cbc",
                "-pkeyopt", "rsa_keygen_bits:2048", "-pass", "pass:foobar");
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", f("ec.pem"));
        openssl("genpkey", "-algorithm", "ED25519", "-out", f("ed25519.pem"));
    }

    void assertSame(String... args) throws Exception {
        Openssl.Out o = openssl(args);
        Run w = whale(args);
        assertEquals(o.out(), w.out(), String.join(" ", args));
        assertEquals(o.err(), w.err(), String.join(" ", args));
        assertEquals(o.exit(), w.exit(), String.join(" ", args));
    }

    @Test
    void rsa_thePostsCommandLines_printWhatOpensslPrints() throws Exception {
        assertSame("rsa", "-in", f("private.pem"), "-noout", "-text");
        assertSame("rsa", "-in", f("private.pem"), "-pubout");
        assertSame("rsa", "-in", f("public.pem"), "-noout", "-text", "-pubin");
        assertSame("rsa", "-in", f("pkcs1.pem"), "-noout", "-text");
        assertSame("rsa", "-in", f("private.pem"), "-text");
        assertSame("rsa", "-in", f("private-enc.pem"), "-passin", "pass:foobar", "-noout", "-text");
        assertSame("rsa", "-in", f("private.pem"), "-traditional");
        assertSame("rsa", "-in", f("private.pem"), "-pubout", "-RSAPublicKey_out");
    }

    @Test
    void pkey_ecAndEd25519_printWhatOpensslPrints() throws Exception {
        for (String k : new String[] {"ec.pem", "ed25519.pem", "private.pem"}) {
            assertSame("pkey", "-in", f(k), "-noout", "-text");
            assertSame("pkey", "-in", f(k), "-pubout");
            assertSame("pkey", "-in", f(k), "-text_pub", "-noout");
        }
    }

    @Test
    void pkcs8_topk8AndBack_byteIdenticalWithOpenssl() throws Exception {
        openssl("pkcs8", "-topk8", "-inform", "PEM", "-outform", "PEM", "-in", f("pkcs1.pem"), "-out",
                f("o-pkcs8.pem"), "-nocrypt");
        Run w = whale("pkcs8", "-topk8", "-inform", "PEM", "-outform", "PEM", "-in", f("pkcs1.pem"), "-out",
                f("w-pkcs8.pem"), "-nocrypt");
        assertEquals(0, w.exit(), w.err());
        assertEquals(Files.readString(dir.resolve("o-pkcs8.pem")), Files.readString(dir.resolve("w-pkcs8.pem")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(
                "w-pkcs8.pem"))));
        assertSame("pkcs8", "-in", f("w-pkcs8.pem"), "-nocrypt", "-traditional");
        assertSame("pkcs8", "-in", f("private-enc.pem"), "-passin", "pass:foobar");
    }

    @Test
    void pkcs8_encryptedByWhale_isReadByOpenssl() throws Exception {
        Run w = whale("pkcs8", "-topk8", "-in", f("pkcs1.pem"), "-out", f("w-enc.pem"), "-passout", "pass:s3cret");
        assertEquals(0, w.exit(), w.err());
        Openssl.Out o = openssl("pkey", "-in", f("w-enc.pem"), "-passin", "pass:s3cret");
        assertEquals(0, o.exit(), o.err());
        assertEquals(Files.readString(dir.resolve("private.pem")), o.out());
        String parsed = openssl("asn1parse", "-in", f("w-enc.pem")).out();
        for (String s : new String[] {":PBES2", ":PBKDF2", ":hmacWithSHA256", ":aes-256-cbc"}) {
            assertTrue(parsed.contains(s), s);
        }
    }

    @Test
    void genpkey_writesWhatOpensslReads_withTheSameStructure() throws Exception {
        for (String[] alg : new String[][] {{"RSA", "rsa_keygen_bits:1024"}, {"EC", "ec_paramgen_curve:P-384"},
            {"ED25519", null}}) {
            String name = "gen-" + alg[0] + ".pem";
            List<String> args = new ArrayList<>(List.of("genpkey", "-algorithm", alg[0], "-out", f(name)));
            if (alg[1] != null) {
                args.addAll(List.of("-pkeyopt", alg[1]));
            }
            Run w = whale(args.toArray(String[]::new));
            assertEquals(0, w.exit(), w.err());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))));
            Openssl.Out check = openssl("pkey", "-in", f(name), "-check", "-noout");
            assertEquals(0, check.exit(), check.err());
            Openssl.Out ref = openssl(args.stream().map(a -> a.equals(f(name)) ? f("ref-" + name) : a)
                    .toArray(String[]::new));
            assertEquals(0, ref.exit());
            assertEquals(shape(openssl("asn1parse", "-in", f("ref-" + name)).out()),
                    shape(openssl("asn1parse", "-in", f(name)).out()), alg[0]);
        }
        Run enc = whale("genpkey", "-algorithm", "RSA", "-out", f("gen-enc.pem"), "-aes-256-cbc",
                "-pkeyopt", "rsa_keygen_bits:1024", "-pass", "pass:foobar");
        assertEquals(0, enc.exit(), enc.err());
        assertEquals(0, openssl("pkey", "-in", f("gen-enc.pem"), "-passin", "pass:foobar", "-noout").exit());
    }

    /** asn1parse lines without offsets, lengths and values: the layout two random keys share. */
    static List<String> shape(String asn1parse) {
        return asn1parse.lines().map(l -> l.replaceAll("^\\s*\\d+:d=(\\d+)\\s+hl=\\d+ l=\\s*\\d+ (cons|prim): (\\S+( "
                + "\\S+)?).*$", "$1 $2 $3").replaceAll("(INTEGER|OCTET STRING).*", "$1")).toList();
    }

    @Test
    void rsa_severalInputsAndADirectory_inOneProcess() throws Exception {
        Path keys = Files.createDirectories(dir.resolve("many"));
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            Path k = keys.resolve("k" + i + ".pem");
            openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", k.toString());
        }
        try (var s = Files.list(keys)) {
            for (Path k : s.sorted().toList()) {
                expected.append(openssl("rsa", "-in", k.toString(), "-noout", "-text").out());
            }
        }
        Run w = whale("rsa", "-noout", "-text", "-in", keys.toString());
        assertEquals(0, w.exit(), w.err());
        assertEquals(expected.toString(), w.out());
    }

    @Test
    void badInput_oneLineExit1_noOutputFile() throws Exception {
        Path cert = dir.resolve("cert.pem");
        openssl("req", "-x509", "-newkey", "rsa:1024", "-nodes", "-keyout", f("certkey.pem"), "-out", cert.toString(),
                "-subj", "/CN=x", "-days", "1");
        Files.write(dir.resolve("trunc.der"), new byte[] {0x30, (byte) 0x82, 0x04, (byte) 0xbd, 0x02, 0x01});
        String[][] cases = {
            {"rsa -in " + f("nope.pem") + " -noout", "whale pki rsa: cannot read " + f("nope.pem") + ": no such file"},
            {"rsa -in " + cert + " -noout", "whale pki rsa: " + cert + ": expected a key, found BEGIN CERTIFICATE"},
            {"rsa -in " + f("private-enc.pem") + " -passin pass:wrong -out " + f("never.pem"),
                "whale pki rsa: wrong passphrase for " + f("private-enc.pem")},
            {"pkey -in " + f("trunc.der") + " -inform DER -noout", "whale pki pkey: " + f("trunc.der")
                + ": truncated DER: the element at offset 0 has length 1213 but only 2 bytes follow"},
            {"rsa -in " + f("ed25519.pem") + " -noout", "whale pki rsa: " + f("ed25519.pem")
                + ": not an RSA key (ED25519); use whale pki pkey"},
        };
        for (String[] c : cases) {
            Run r = whale(c[0].split(" "));
            r.assertOneLineError(1, c[1]);
            assertFalse(r.err().contains("foobar") || r.err().contains("wrong passphrase for wrong"));
        }
        assertFalse(Files.exists(dir.resolve("never.pem")), "no partial output");
    }

    @Test
    void outform_otherThanPemOrDer_isAUsageErrorInEveryCommand_andWritesNothing() throws Exception {
        String[][] cases = {
            {"genpkey", "-algorithm", "ED25519"},
            {"pkey", "-in", f("ed25519.pem")},
            {"rsa", "-in", f("private.pem")},
            {"pkcs8", "-topk8", "-nocrypt", "-in", f("pkcs1.pem")},
        };
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of(c));
            args.addAll(List.of("-outform", "XYZ", "-out", f("never-" + c[0] + ".pem")));
            whale(args.toArray(String[]::new)).assertOneLineError(2, "whale pki " + c[0]
                    + ": -outform must be PEM or DER: XYZ");
            assertFalse(Files.exists(dir.resolve("never-" + c[0] + ".pem")), c[0] + " wrote nothing");
        }
        // OpenSSL reads the first letter only: d is DER, p is PEM.
        for (String[] form : new String[][] {{"d", "DER"}, {"p", "PEM"}}) {
            openssl("pkey", "-in", f("ed25519.pem"), "-outform", form[0], "-out", f("o-" + form[0]));
            Run w = whale("pkey", "-in", f("ed25519.pem"), "-outform", form[0], "-out", f("w-" + form[0]));
            assertEquals(0, w.exit(), w.err());
            assertEquals(Arrays.toString(Files.readAllBytes(dir.resolve("o-" + form[0]))),
                    Arrays.toString(Files.readAllBytes(dir.resolve("w-" + form[0]))), form[1]);
        }
    }

    @Test
    void passin_fileSource_andUnsupportedCipher() throws Exception {
        Files.writeString(dir.resolve("pass.txt"), "foobar\nsecond line is ignored\n");
        Run w = whale("pkey", "-in", f("private-enc.pem"), "-passin", "file:" + f("pass.txt"), "-noout", "-text");
        assertEquals(0, w.exit(), w.err());
        assertEquals(openssl("pkey", "-in", f("private-enc.pem"), "-passin", "pass:foobar", "-noout", "-text").out(),
                w.out());
        Run missing = whale("pkey", "-in", f("private-enc.pem"), "-passin", "env:WHALE_NO_SUCH_VARIABLE", "-noout");
        missing.assertOneLineError(1,
                "whale pki pkey: -passin: environment variable WHALE_NO_SUCH_VARIABLE is not set");
        openssl("genpkey", "-algorithm", "ED25519", "-camellia-256-cbc", "-pass", "pass:x", "-out", f("camellia.pem"));
        whale("pkey", "-in", f("camellia.pem"), "-passin", "pass:x", "-noout").assertOneLineError(1,
                "whale pki pkey: " + f("camellia.pem") + ": unsupported cipher camellia-256-cbc");
    }
}
