package dev.whale.cli.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whale.cli.Run;
import dev.whale.pki.testing.Openssl;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code whale pki x509 -req} against {@code openssl x509 -req} on the serial number options: -CAcreateserial,
 * -CAserial, the default serial file beside the CA (ca.srl), -set_serial, and -signkey, which self-signs the
 * request. Each test gives both tools the same files in two directories of their own, o/ for openssl and w/ for
 * whale, and compares exit codes, what they print on stderr, the serial numbers of the certificates and the serial
 * files they leave.
 */
class X509SerialOpensslTest {
    @TempDir
    static Path root;

    /** The CA, request and keys that every test starts from, copied into o/ and w/. */
    static final List<String> FILES = List.of("ca.pem", "ca.key", "s.csr", "s.key", "other.key");

    Path o;
    Path w;

    @BeforeAll
    static void materials() throws Exception {
        Openssl.textOk(root, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-days", "30", "-subj", "/CN=whale serial CA");
        Openssl.textOk(root, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                "s.key", "-out", "s.csr", "-subj", "/O=Acme/CN=localhost");
        Openssl.textOk(root, "genpkey", "-algorithm", "ed25519", "-out", "other.key");
    }

    @BeforeEach
    void dirs() throws Exception {
        o = Files.createTempDirectory(root, "o");
        w = Files.createTempDirectory(root, "w");
        for (String f : FILES) {
            Files.copy(root.resolve(f), o.resolve(f));
            Files.copy(root.resolve(f), w.resolve(f));
        }
    }

    /** Arguments with {@code @name} turned into the absolute path of name in {@code dir}. */
    static String[] in(Path dir, String... args) {
        String[] out = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            out[i] = args[i].startsWith("@") ? dir.resolve(args[i].substring(1)).toString() : args[i];
        }
        return out;
    }

    Openssl.Out openssl(String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("x509"));
        a.addAll(List.of(in(o, args)));
        return Openssl.text(o, a.toArray(String[]::new));
    }

    Run whale(String... args) {
        List<String> a = new ArrayList<>(List.of("pki", "x509"));
        a.addAll(List.of(in(w, args)));
        return Run.of(a.toArray(String[]::new));
    }

    /** Both tools with the same arguments: both succeed, with the same lines on stderr. */
    void bothOk(String... args) throws Exception {
        Openssl.Out ossl = openssl(args);
        Run wh = whale(args);
        String what = String.join(" ", args);
        assertEquals(0, ossl.exit(), what + ": " + ossl.err());
        assertEquals(0, wh.exit(), what + ": " + wh.err());
        assertEquals(ossl.err(), wh.err(), what);
        assertEquals(ossl.out(), wh.out(), what);
    }

    /** The serial number of a certificate, as {@code openssl x509 -serial} prints it. */
    static String serialOf(Path cert) throws Exception {
        return Openssl.textOk(cert.getParent(), "x509", "-in", cert.toString(), "-noout", "-serial").out();
    }

    static String read(Path f) throws Exception {
        return Files.readString(f, StandardCharsets.ISO_8859_1);
    }

    static BigInteger hex(String serialFile) {
        return new BigInteger(serialFile.strip(), 16);
    }

    static final String SIGNED = "Certificate request self-signature ok\nsubject=O = Acme, CN = localhost\n";

    @Test
    void caCreateserial_makesCaSrlBesideTheCa_andTheNextRunIncrementsIt() throws Exception {
        bothOk("-req", "-in", "@s.csr", "-CA", "@ca.pem", "-CAkey", "@ca.key", "-CAcreateserial", "-out", "@1.pem");
        for (Path d : List.of(o, w)) {
            String srl = read(d.resolve("ca.srl"));
            assertTrue(srl.matches("([0-9A-F]{2})+\n"), d + ": " + srl);
            assertTrue(hex(srl).bitLength() > 120, "a random serial: " + srl);
            assertEquals("serial=" + srl, serialOf(d.resolve("1.pem")), d.toString());
        }
        // Without -CAcreateserial the file beside the CA is still used, and it goes up by one.
        String before = read(w.resolve("ca.srl"));
        bothOk("-req", "-in", "@s.csr", "-CA", "@ca.pem", "-CAkey", "@ca.key", "-out", "@2.pem");
        String after = read(w.resolve("ca.srl"));
        assertEquals(hex(before).add(BigInteger.ONE), hex(after));
        assertEquals("serial=" + after, serialOf(w.resolve("2.pem")));
        assertEquals(hex(read(o.resolve("ca.srl"))).subtract(BigInteger.ONE), hex(serialOf(o.resolve("1.pem"))
                .substring(7)), "openssl went up by one too");
    }

    @Test
    void caSerial_theSameFileGivesTheSameSerialAndTheSameFileAsOpenssl() throws Exception {
        String[] contents = {"1000\n", "FF\n", "00FF\n", "0000\n", "00\n", "ab\n", "10 20\n", "7f\r\n",
            "1234\nabcd\n", "AB", "0001\n", "FF".repeat(36) + "\n", "7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF\n"};
        for (String c : contents) {
            Files.writeString(o.resolve("t.srl"), c, StandardCharsets.ISO_8859_1);
            Files.writeString(w.resolve("t.srl"), c, StandardCharsets.ISO_8859_1);
            bothOk("-req", "-in", "@s.csr", "-CA", "@ca.pem", "-CAkey", "@ca.key", "-CAserial", "@t.srl", "-out",
                    "@c.pem");
            assertEquals(read(o.resolve("t.srl")), read(w.resolve("t.srl")), "serial file after " + c);
            assertEquals(serialOf(o.resolve("c.pem")), serialOf(w.resolve("c.pem")), "serial from " + c);
        }
    }

    @Test
    void caSerial_thatHoldsNoNumber_oneLineExit1_andNothingWritten() throws Exception {
        String[] contents = {"1\n", "", "\n", "zz\n", " 10\n", "10\\\n20\n", "-5\n", "F".repeat(70) + "\\\n00\n"};
        for (String c : contents) {
            Files.writeString(o.resolve("t.srl"), c, StandardCharsets.ISO_8859_1);
            Files.writeString(w.resolve("t.srl"), c, StandardCharsets.ISO_8859_1);
            Openssl.Out ossl = openssl("-req", "-in", "@s.csr", "-CA", "@ca.pem", "-CAkey", "@ca.key", "-CAserial",
                    "@t.srl", "-out", "@c.pem");
            Run wh = whale("-req", "-in", "@s.csr", "-CA", "@ca.pem", "-CAkey", "@ca.key", "-CAserial", "@t.srl",
                    "-out", "@c.pem");
            assertEquals(1, ossl.exit(), c);
            assertTrue(ossl.err().contains("Unable to load number from " + o.resolve("t.srl")), ossl.err());
            assertEquals(ossl.exit(), wh.exit(), c);
            assertEquals(SIGNED + "whale pki x509: " + w.resolve("t.srl") + ": not a serial number file: it holds "
                    + "one line of hex digits, an even number of them, such as 1000\n", wh.err(), c);
            assertEquals(c, read(w.resolve("t.srl")), "left as it was");
            assertFalse(Files.exists(w.resolve("c.pem")), "no certificate");
        }
    }

    @Test
    void caSerial_missing_failsWithoutCreate_andIsMadeWithIt() throws Exception {
        Openssl.Out ossl = openssl("-req", "-in", "@s.csr", "-CA", "@ca.pem", "-CAkey", "@ca.key", "-CAserial",
                "@my.srl", "-out", "@c.pem");
        Run wh = whale("-req", "-in", "@s.csr", "-CA", "@ca.pem", "-CAkey", "@ca.key", "-CAserial", "@my.srl",
                "-out", "@c.pem");
        assertEquals(1, ossl.exit());
        assertTrue(ossl.err().contains(o.resolve("my.srl") + ": No such file or directory"), ossl.err());
        assertEquals(ossl.exit(), wh.exit());
        assertEquals(SIGNED + "whale pki x509: -CAserial " + w.resolve("my.srl") + ": no such file (-CAcreateserial "
                + "makes it)\n", wh.err());
        assertFalse(Files.exists(w.resolve("my.srl")));
        assertFalse(Files.exists(w.resolve("c.pem")));

        bothOk("-req", "-in", "@s.csr", "-CA", "@ca.pem", "-CAkey", "@ca.key", "-CAserial", "@my.srl",
                "-CAcreateserial", "-out", "@c.pem");
        for (Path d : List.of(o, w)) {
            assertEquals("serial=" + read(d.resolve("my.srl")), serialOf(d.resolve("c.pem")), d.toString());
            assertFalse(Files.exists(d.resolve("ca.srl")), "the default file is left alone");
        }
    }

    @Test
    void defaultSerialFile_usedWhenItExists_notMadeWhenItDoesNot() throws Exception {
        bothOk("-req", "-in", "@s.csr", "-CA", "@ca.pem", "-CAkey", "@ca.key", "-out", "@1.pem");
        assertFalse(Files.exists(o.resolve("ca.srl")));
        assertFalse(Files.exists(w.resolve("ca.srl")));
        assertTrue(hex(serialOf(w.resolve("1.pem")).substring(7)).bitLength() > 120, "random");

        Files.writeString(o.resolve("ca.srl"), "0FFF\n");
        Files.writeString(w.resolve("ca.srl"), "0FFF\n");
        bothOk("-req", "-in", "@s.csr", "-CA", "@ca.pem", "-CAkey", "@ca.key", "-out", "@2.pem");
        assertEquals("1000\n", read(o.resolve("ca.srl")));
        assertEquals("1000\n", read(w.resolve("ca.srl")));
        assertEquals("serial=1000\n", serialOf(w.resolve("2.pem")));

        // OpenSSL cuts the CA's name at its last dot, even one in a directory's name.
        for (Path d : List.of(o, w)) {
            Files.createDirectories(d.resolve("dir.x"));
            Files.copy(d.resolve("ca.pem"), d.resolve("dir.x/ca"));
        }
        bothOk("-req", "-in", "@s.csr", "-CA", "@dir.x/ca", "-CAkey", "@ca.key", "-CAcreateserial", "-out", "@3.pem");
        for (Path d : List.of(o, w)) {
            assertEquals("serial=" + read(d.resolve("dir.srl")), serialOf(d.resolve("3.pem")), d.toString());
        }
    }

    @Test
    void setSerial_decimalHexNegativeAndHuge_sameAsOpenssl_andNoSerialFile() throws Exception {
        for (String s : new String[] {"5", "0x1F", "0X1f", "-5", "0", "-0", "-0x123456789abcdef0123",
            "99999999999999999999999999999999999999999999999999999"}) {
            bothOk("-req", "-in", "@s.csr", "-CA", "@ca.pem", "-CAkey", "@ca.key", "-set_serial", s,
                    "-CAserial", "@none.srl", "-out", "@c.pem");
            assertEquals(serialOf(o.resolve("c.pem")), serialOf(w.resolve("c.pem")), s);
            bothOk("-req", "-in", "@s.csr", "-CA", "@ca.pem", "-CAkey", "@ca.key", "-set_serial", s,
                    "-CAcreateserial", "-out", "@c.pem");
            assertEquals(serialOf(o.resolve("c.pem")), serialOf(w.resolve("c.pem")), s);
        }
        for (Path d : List.of(o, w)) {
            assertFalse(Files.exists(d.resolve("none.srl")), d.toString());
            assertFalse(Files.exists(d.resolve("ca.srl")), d.toString());
        }
    }

    @Test
    void setSerial_notANumber_oneLineAndOpensslsExitCode() throws Exception {
        for (String s : new String[] {"12abc", "", "0x", "-", "+5", "1 2"}) {
            Openssl.Out ossl = openssl("-req", "-in", "@s.csr", "-CA", "@ca.pem", "-CAkey", "@ca.key", "-set_serial",
                    s, "-out", "@c.pem");
            assertEquals(1, ossl.exit(), s);
            whale("-req", "-in", "@s.csr", "-CA", "@ca.pem", "-CAkey", "@ca.key", "-set_serial", s, "-out", "@c.pem")
                    .assertOneLineError(ossl.exit(), "whale pki x509: -set_serial: not a number: '" + s + "' (give "
                            + "a decimal number, or hex after 0x)");
        }
    }

    @Test
    void signkey_selfSignsTheRequest_sameCertificateAsOpenssl() throws Exception {
        Files.writeString(o.resolve("ext.cnf"), "basicConstraints=critical,CA:TRUE\nsubjectKeyIdentifier=hash\n"
                + "authorityKeyIdentifier=keyid,issuer\n");
        Files.copy(o.resolve("ext.cnf"), w.resolve("ext.cnf"));
        String[][] lines = {
            {"-req", "-in", "@s.csr", "-signkey", "@s.key", "-out", "@self.pem"},
            {"-req", "-in", "@s.csr", "-signkey", "@other.key", "-days", "5", "-out", "@self.pem"},
            {"-req", "-in", "@s.csr", "-signkey", "@s.key", "-extfile", "@ext.cnf", "-set_serial", "0x10", "-out",
                "@self.pem"},
            {"-req", "-in", "@s.csr", "-signkey", "@ca.key", "-extfile", "@ext.cnf", "-sha384", "-out", "@self.pem"},
        };
        for (String[] args : lines) {
            bothOk(args);
            String what = String.join(" ", args);
            assertEquals(stable(o.resolve("self.pem")), stable(w.resolve("self.pem")), what);
            Openssl.Out v = Openssl.text(w, "verify", "-CAfile", w.resolve("self.pem").toString(),
                    w.resolve("self.pem").toString());
            assertEquals(w.resolve("self.pem") + ": OK\n", v.out(), what + ": " + v.err());
        }
    }

    /** {@code x509 -text} of a certificate without what differs between two runs: times, random serial, signature. */
    static String stable(Path cert) throws Exception {
        String text = Openssl.textOk(cert.getParent(), "x509", "-in", cert.toString(), "-noout", "-text").out();
        text = text.substring(0, text.lastIndexOf("    Signature Value:"));
        boolean fixedSerial = !text.contains("Serial Number:\n");
        StringBuilder sb = new StringBuilder();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("Not Before:") || lines[i].contains("Not After :")) {
                continue;
            }
            if (!fixedSerial && lines[i].contains("Serial Number:")) {
                i++;
                continue;
            }
            if (!fixedSerial && lines[i].strip().startsWith("serial:")) {
                continue;
            }
            sb.append(lines[i]).append('\n');
        }
        return sb.toString();
    }

    @Test
    void signkey_ignoresTheCaOptions_withOpensslsWarnings() throws Exception {
        bothOk("-req", "-in", "@s.csr", "-signkey", "@s.key", "-CAkey", "@ca.key", "-CAserial", "@t.srl",
                "-CAcreateserial", "-extensions", "v3", "-out", "@self.pem");
        assertFalse(Files.exists(w.resolve("t.srl")));
        assertFalse(Files.exists(w.resolve("s.srl")));
        assertArrayEquals(Files.readAllBytes(o.resolve("s.key")), Files.readAllBytes(w.resolve("s.key")));
    }

    @Test
    void signkey_withCa_isAUsageError() throws Exception {
        Openssl.Out ossl = openssl("-req", "-in", "@s.csr", "-signkey", "@s.key", "-CA", "@ca.pem", "-out", "@c.pem");
        assertEquals("Cannot use both -key/-signkey and -CA option\n", ossl.err());
        whale("-req", "-in", "@s.csr", "-signkey", "@s.key", "-CA", "@ca.pem", "-out", "@c.pem")
                .assertOneLineError(2, "whale pki x509: -signkey and -CA cannot be used together: -signkey self-signs "
                        + "the request, -CA signs it with a CA");
    }

    @Test
    void signkey_aPublicKey_oneLine() throws Exception {
        Openssl.textOk(w, "pkey", "-in", "s.key", "-pubout", "-out", "s.pub");
        Run r = whale("-req", "-in", "@s.csr", "-signkey", "@s.pub", "-out", "@c.pem");
        assertEquals(1, r.exit());
        assertEquals(SIGNED + "whale pki x509: " + w.resolve("s.pub") + ": expected a private key to sign with, "
                + "found a public key\n", r.err());
    }
}
