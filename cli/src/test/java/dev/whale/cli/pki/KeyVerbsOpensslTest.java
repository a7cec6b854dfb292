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
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** whale pki rand, genrsa, ec and ecparam beside openssl: formats compared, keys read by openssl and back. */
class KeyVerbsOpensslTest {
    @TempDir
    static Path dir;

    static final Random RANDOM = new Random();

    static String f(String name) {
        return dir.resolve(name).toString();
    }

    static Run whale(String... args) {
        return OpensslSide.whale(args);
    }

    static void assertSame(String... args) throws Exception {
        OpensslSide.assertSame(dir, true, args);
    }

    static Openssl.Out openssl(String... args) throws Exception {
        return Openssl.text(dir, args);
    }

    static String curve() {
        return List.of("prime256v1", "secp384r1", "secp521r1", "secp256k1", "brainpoolP256r1", "sect233k1")
                .get(RANDOM.nextInt(6));
    }

    @BeforeAll
    static void keys() throws Exception {
        openssl("ecparam", "-name", curve(), "-genkey", "-noout", "-out", f("ec.pem"));
        openssl("ec", "-in", f("ec.pem"), "-pubout", "-out", f("ec.pub"));
        openssl("ec", "-in", f("ec.pem"), "-aes256", "-passout", "pass:foobar", "-out", f("ec-enc.pem"));
        openssl("pkey", "-in", f("ec.pem"), "-out", f("ec-pkcs8.pem"));
    }

    @Test
    void rand_hexAndBase64_haveOpensslsShape() throws Exception {
        int n = 1 + RANDOM.nextInt(500);
        for (String[] args : new String[][] {{"-hex", "" + n}, {"-base64", "" + n}, {"-base64", "48"},
            {"-hex", "0x10"}, {"-hex", "010"}, {"-hex"}, {"-base64"}}) {
            List<String> a = new ArrayList<>(List.of("rand"));
            a.addAll(List.of(args));
            Openssl.Out o = openssl(a.toArray(String[]::new));
            Run w = whale(a.toArray(String[]::new));
            assertEquals(o.exit(), w.exit(), a.toString());
            assertEquals(shape(o.out()), shape(w.out()), a.toString());
        }
        String b64 = whale("rand", "-base64", "" + n).out();
        assertEquals(n, Base64.getMimeDecoder().decode(b64).length);
        assertEquals(0, whale("rand", "-out", f("r.bin"), "" + n).exit());
        assertEquals(n, Files.size(dir.resolve("r.bin")));
        whale("rand", "-hex", "abc").assertOneLineError(2, "whale pki rand: Can't parse \"abc\" as a number");
    }

    /** The output with every letter and digit replaced: the layout two random outputs share. */
    static String shape(String s) {
        return s.replaceAll("[A-Za-z0-9+/]", "x");
    }

    @Test
    void genrsa_writesPkcs8ThatOpensslChecks() throws Exception {
        int bits = 1024 + 8 * RANDOM.nextInt(64);
        Run w = whale("genrsa", "-out", f("g.pem"), "" + bits);
        assertEquals(0, w.exit(), w.err());
        assertEquals("", w.err());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("g.pem"))));
        assertTrue(Files.readString(dir.resolve("g.pem")).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        Openssl.Out check = openssl("rsa", "-in", f("g.pem"), "-check", "-noout");
        assertEquals("RSA key ok\n", check.out(), check.err());
        assertTrue(openssl("rsa", "-in", f("g.pem"), "-noout", "-text").out().startsWith("Private-Key: (" + bits
                + " bit, 2 primes)"));

        assertEquals(0, whale("genrsa", "-aes256", "-passout", "pass:foobar", "-out", f("ge.pem"), "1024").exit());
        assertEquals("RSA key ok\n", openssl("rsa", "-in", f("ge.pem"), "-passin", "pass:foobar", "-check", "-noout")
                .out());
        assertTrue(openssl("asn1parse", "-in", f("ge.pem")).out().contains("INTEGER           :0186A0"),
                "100,000 PBKDF2 iterations, as whale's other commands (OpenSSL: 2,048)");
        assertEquals(0, whale("genrsa", "-traditional", "-aes128", "-passout", "pass:foobar", "-3", "-out",
                f("gt.pem"), "1024").exit());
        assertTrue(Files.readString(dir.resolve("gt.pem")).startsWith("-----BEGIN RSA PRIVATE KEY-----\n"
                + "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,"));
        assertTrue(openssl("rsa", "-in", f("gt.pem"), "-passin", "pass:foobar", "-noout", "-text").out()
                .contains("publicExponent: 3 (0x3)"));
    }

    @Test
    void genrsa_verbose_firstAndLastLinesAsOpenssl() throws Exception {
        String o = openssl("genrsa", "-verbose", "-out", f("ov.pem"), "512").err();
        String w = whale("genrsa", "-verbose", "-out", f("wv.pem"), "512").err();
        List<String> ol = o.lines().toList();
        List<String> wl = w.lines().toList();
        assertEquals(ol.get(0), wl.get(0));
        assertEquals(ol.get(ol.size() - 1), wl.get(wl.size() - 1));
        assertEquals(1, whale("genrsa", "100").exit());
    }

    @Test
    void ec_printsAndWritesWhatOpensslDoes() throws Exception {
        assertSame("ec", "-in", f("ec.pem"), "-noout", "-text");
        assertSame("ec", "-in", f("ec.pem"));
        assertSame("ec", "-in", f("ec-pkcs8.pem"));
        assertSame("ec", "-in", f("ec.pem"), "-pubout");
        assertSame("ec", "-in", f("ec.pub"), "-pubin", "-noout", "-text");
        assertSame("ec", "-in", f("ec.pem"), "-param_out");
        assertSame("ec", "-in", f("ec.pem"), "-no_public");
        assertSame("ec", "-in", f("ec.pem"), "-conv_form", "compressed", "-pubout");
        assertSame("ec", "-in", f("ec.pem"), "-check", "-noout");
        assertSame("ec", "-in", f("ec-enc.pem"), "-passin", "pass:foobar", "-text");
    }

    @Test
    void ec_encryptedByWhale_isReadByOpenssl() throws Exception {
        Run w = whale("ec", "-in", f("ec.pem"), "-aes256", "-passout", "pass:s3cret", "-out", f("w-enc.pem"));
        assertEquals(0, w.exit(), w.err());
        assertTrue(Files.readString(dir.resolve("w-enc.pem")).contains("DEK-Info: AES-256-CBC,"));
        assertEquals(Files.readString(dir.resolve("ec.pem")).replaceAll("-----BEGIN EC PARAMETERS-----[^-]*"
                + "-----END EC PARAMETERS-----\n", ""), openssl("ec", "-in", f("w-enc.pem"), "-passin",
                "pass:s3cret").out());
        whale("ec", "-in", f("ec.pem"), "-param_enc", "explicit").assertOneLineError(2,
                "whale pki ec: -param_enc explicit: whale writes named curves only");
    }

    @Test
    void ecparam_listAndTextAndGenkey_asOpenssl() throws Exception {
        List<String> omitted = new ArrayList<>(openssl("ecparam", "-list_curves").out().lines().toList());
        omitted.removeAll(whale("ecparam", "-list_curves").out().lines().toList());
        assertEquals(20, omitted.size(), "WTLS (11), Oakley (2, of 4 lines each) and SM2 left out: " + omitted);
        assertTrue(omitted.stream().allMatch(l -> l.matches("  (wap-wsg-idm-ecid-wtls\\d+|Oakley-EC2N-\\d|SM2 *):.*|"
                + "\t.*")), omitted.toString());
        String c = curve();
        assertSame("ecparam", "-name", c);
        assertSame("ecparam", "-name", c, "-text", "-noout");
        assertSame("ecparam", "-name", "P-384", "-text");
        assertSame("ecparam", "-name", c, "-check", "-noout");
        openssl("ecparam", "-name", c, "-out", f("params.pem"));
        assertSame("ecparam", "-in", f("params.pem"), "-text", "-noout");

        Run w = whale("ecparam", "-name", c, "-genkey", "-out", f("wg.pem"));
        assertEquals(0, w.exit(), w.err());
        String pem = Files.readString(dir.resolve("wg.pem"));
        assertTrue(pem.startsWith(openssl("ecparam", "-name", c).out() + "-----BEGIN EC PRIVATE KEY-----\n"), pem);
        Openssl.Out check = openssl("ec", "-in", f("wg.pem"), "-check", "-noout");
        assertEquals("read EC key\nEC Key valid.\n", check.err());
        assertEquals(openssl("ec", "-in", f("wg.pem"), "-text", "-noout").out(), whale("ec", "-in", f("wg.pem"),
                "-text", "-noout").out());
        whale("ecparam", "-name", "foo").assertOneLineError(1, "whale pki ecparam: unknown curve name foo (see "
                + "-list_curves)");
        assertFalse(Files.exists(dir.resolve("never.pem")));
    }
}
