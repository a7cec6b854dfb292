package dev.whale.cli.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whale.cli.Run;
import dev.whale.pki.testing.Openssl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code whale pki req} against {@code openssl req}: the same certificate layout and extensions, requests that are
 * byte for byte the same where signatures are deterministic (RSA PKCS#1 v1.5, Ed25519), the same warnings, and
 * openssl accepting what whale makes.
 */
class ReqCommandOpensslTest {
    @TempDir
    static Path dir;

    static String f(String name) {
        return dir.resolve(name).toString();
    }

    static Run whale(String... args) {
        List<String> a = new ArrayList<>(List.of("pki", "req"));
        a.addAll(List.of(args));
        return Run.of(a.toArray(String[]::new));
    }

    @BeforeAll
    static void keys() throws Exception {
        Openssl.textOk(dir, "genpkey", "-algorithm", "ED25519", "-out", "ed.pem");
        Openssl.textOk(dir, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa.pem");
    }

    /**
     * The structure asn1parse shows, without what differs from run to run: each line's depth, tag, and the value
     * of OBJECT, BOOLEAN and string lines.
     */
    static String layout(String asn1parse) {
        StringBuilder sb = new StringBuilder();
        Pattern line = Pattern.compile("\\s*\\d+:d=(\\d+)\\s+hl=\\d+ l=\\s*\\d+ (cons|prim): (.*)");
        for (String l : asn1parse.split("\n")) {
            Matcher m = line.matcher(l);
            assertTrue(m.matches(), l);
            String rest = m.group(3).strip();
            String tag = rest.contains(":") ? rest.substring(0, rest.indexOf(':')).strip() : rest;
            boolean keep = tag.equals("OBJECT") || tag.equals("BOOLEAN") || tag.endsWith("STRING")
                    && !tag.equals("BIT STRING") && !tag.equals("OCTET STRING");
            sb.append(m.group(1)).append(' ').append(keep ? rest : tag).append('\n');
        }
        return sb.toString();
    }

    static String asn1parse(String file) throws Exception {
        return Openssl.textOk(dir, "asn1parse", "-in", file).out();
    }

    @Test
    void x509_thePostsCommandLine_sameLayoutAsOpensslAndOpensslVerifiesIt() throws Exception {
        Openssl.Out o = Openssl.textOk(dir, "req", "-x509", "-newkey", "rsa:2048", "-keyout", f("o-key.pem"), "-out",
                f("o-cert.pem"), "-days", "365", "-nodes", "-subj", "/CN=localhost");
        Run w = whale("-x509", "-newkey", "rsa:2048", "-keyout", f("self-signed-key.pem"), "-out",
                f("self-signed.pem"), "-days", "365", "-nodes", "-subj", "/CN=localhost");
        assertEquals(0, w.exit(), w.err());
        assertEquals("", w.out());
        // Both print the search for primes (random) and then a line of dashes.
        assertTrue(o.err().matches("(?s)[.+*\n]*-----\n"), o.err());
        assertTrue(w.err().matches("(?s)[.+*\n]*-----\n"), w.err());
        assertEquals(layout(asn1parse(f("o-cert.pem"))), layout(asn1parse(f("self-signed.pem"))));
        assertEquals(f("self-signed.pem") + ": OK\n", Openssl.textOk(dir, "verify", "-CAfile", f("self-signed.pem"),
                f("self-signed.pem")).out());
        assertTrue(Files.readString(dir.resolve("self-signed-key.pem")).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("self-signed-key.pem"))));
        String serial = Openssl.textOk(dir, "x509", "-in", f("self-signed.pem"), "-noout", "-serial").out();
        assertTrue(serial.matches("serial=[0-7][0-9A-F]{37,39}\n"), serial);
    }

    @Test
    void x509_ecAndEd25519WithSubjectAltName_sameLayoutAndStderrAsOpenssl() throws Exception {
        for (String[] alg : new String[][] {{"ec", "-pkeyopt", "ec_paramgen_curve:P-256"}, {"ed25519"}}) {
            List<String> common = new ArrayList<>(List.of("-x509", "-newkey"));
            common.addAll(List.of(alg));
            common.addAll(List.of("-days", "30", "-nodes", "-subj", "/CN=localhost", "-addext",
                    "subjectAltName=DNS:localhost,IP:127.0.0.1"));
            List<String> o = new ArrayList<>(List.of("req"));
            o.addAll(common);
            o.addAll(List.of("-keyout", f("o-" + alg[0] + "-key.pem"), "-out", f("o-" + alg[0] + ".pem")));
            Openssl.Out ro = Openssl.textOk(dir, o.toArray(String[]::new));
            List<String> w = new ArrayList<>(common);
            w.addAll(List.of("-keyout", f("w-" + alg[0] + "-key.pem"), "-out", f("w-" + alg[0] + ".pem")));
            Run rw = whale(w.toArray(String[]::new));
            assertEquals(ro.err(), rw.err(), alg[0]);
            assertEquals(ro.exit(), rw.exit(), alg[0]);
            assertEquals(layout(asn1parse(f("o-" + alg[0] + ".pem"))), layout(asn1parse(f("w-" + alg[0] + ".pem"))));
            assertEquals(f("w-" + alg[0] + ".pem") + ": OK\n", Openssl.textOk(dir, "verify", "-CAfile",
                    f("w-" + alg[0] + ".pem"), f("w-" + alg[0] + ".pem")).out());
        }
    }

    @Test
    void new_deterministicSignatures_sameBytesAsOpenssl() throws Exception {
        String[][] cases = {
            {"ed.pem", "/CN=server.example"},
            {"rsa.pem", "/C=US/O=Acme, Inc./CN=www.example.com/emailAddress=admin@example.com"},
            {"ed.pem", "/CN=a\\/b+OU=x\\+y/L=#x\"y\\\\z<;>"},
            {"ed.pem", "/XX=1/ST=/CN=x"},
            {"ed.pem", "/CN=Zoë"},
        };
        int i = 0;
        for (String[] c : cases) {
            i++;
            Openssl.Out o = Openssl.text(dir, "req", "-new", "-key", c[0], "-subj", c[1], "-addext",
                    "subjectAltName=DNS:server.example", "-out", f("o" + i + ".csr"));
            Run w = whale("-new", "-key", f(c[0]), "-subj", c[1], "-addext", "subjectAltName=DNS:server.example",
                    "-out", f("w" + i + ".csr"));
            assertEquals(o.err(), w.err(), c[1]);
            assertEquals(o.exit(), w.exit(), c[1]);
            assertEquals(Files.readString(dir.resolve("o" + i + ".csr")),
                    Files.readString(dir.resolve("w" + i + ".csr")), c[1]);
            assertEquals("Certificate request self-signature verify OK\n",
                    Openssl.textOk(dir, "req", "-verify", "-in", f("w" + i + ".csr"), "-noout").err());
        }
    }

    /** -text, -pubkey, -subject, -modulus and -noout after -new: the same bytes as openssl (RSA signs alike). */
    @Test
    void new_printOptions_sameBytesAsOpenssl() throws Exception {
        String[][] cases = {{"-text"}, {"-text", "-noout"}, {"-pubkey", "-subject", "-modulus"},
            {"-modulus", "-text", "-pubkey", "-noout", "-subject", "-nameopt", "RFC2253"}, {"-noout"}};
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of("-new", "-key", f("rsa.pem"), "-subj", "/O=whale/CN=printed"));
            args.addAll(List.of(c));
            List<String> o = new ArrayList<>(List.of("req"));
            o.addAll(args);
            Openssl.Out out = Openssl.textOk(dir, o.toArray(String[]::new));
            Run w = whale(args.toArray(String[]::new));
            assertEquals(out.out() + "|" + out.err() + "|0", w.out() + "|" + w.err() + "|" + w.exit(),
                    String.join(" ", c));
        }
        // A self-signed certificate's text is x509 -text of the certificate that follows it.
        Run w = whale("-x509", "-new", "-key", f("rsa.pem"), "-subj", "/CN=self", "-text", "-out", f("self.txt"));
        assertEquals(0, w.exit(), w.err());
        String both = Files.readString(dir.resolve("self.txt"));
        assertEquals(Openssl.textOk(dir, "x509", "-in", f("self.txt"), "-noout", "-text").out(),
                both.substring(0, both.indexOf("-----BEGIN CERTIFICATE-----")));
    }

    @Test
    void x509_existingKeyAndSha256_deterministicParts() throws Exception {
        Run w = whale("-x509", "-key", f("ed.pem"), "-sha256", "-subj", "/CN=localhost", "-out", f("w-key.pem"));
        assertEquals(0, w.exit(), w.err());
        assertEquals("", w.err());
        assertEquals(f("w-key.pem") + ": OK\n", Openssl.textOk(dir, "verify", "-CAfile", f("w-key.pem"),
                f("w-key.pem")).out());
    }

    @Test
    void x509_withoutNodes_encryptedPkcs8ThatOpensslReads() throws Exception {
        Run w = whale("-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-keyout", f("enc-key.pem"),
                "-passout", "pass:foobar", "-subj", "/CN=localhost", "-out", f("enc.pem"));
        assertEquals(0, w.exit(), w.err());
        assertTrue(Files.readString(dir.resolve("enc-key.pem")).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        Openssl.textOk(dir, "pkey", "-in", f("enc-key.pem"), "-passin", "pass:foobar", "-noout");
        Run again = whale("-new", "-key", f("enc-key.pem"), "-passin", "pass:foobar", "-subj", "/CN=x");
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().startsWith("-----BEGIN CERTIFICATE REQUEST-----\n"));
    }

    @Test
    void verify_ownRequest_opensslsMessage() throws Exception {
        Openssl.textOk(dir, "req", "-new", "-key", "ed.pem", "-subj", "/CN=v", "-out", "v.csr");
        Openssl.Out o = Openssl.text(dir, "req", "-verify", "-in", f("v.csr"), "-noout");
        Run w = whale("-verify", "-in", f("v.csr"), "-noout");
        assertEquals(o.err(), w.err());
        assertEquals(o.out(), w.out());
        assertEquals(o.exit(), w.exit());
    }

    @Test
    void badInput_oneLineEach() {
        whale("-x509", "-key", f("ed.pem"), "-subj", "CN=x").assertOneLineError(1, "whale pki req: subject name is "
                + "expected to be in the format /type0=value0/type1=value1/type2=... where characters may be escaped "
                + "by \\. This name is not in that format: 'CN=x'");
        whale("-x509", "-newkey", "ec", "-nodes", "-keyout", f("x.pem"), "-subj", "/CN=x").assertOneLineError(2,
                "whale pki req: -newkey ec needs a curve: -pkeyopt ec_paramgen_curve:P-256 (or P-384, P-521)");
        whale("-x509", "-key", f("ed.pem"), "-subj", "/CN=x", "-addext", "basicConstraints=CA:FALSE", "-addext",
                "basicConstraints=CA:TRUE").assertOneLineError(2,
                "whale pki req: Duplicate extension: basicConstraints=CA:TRUE");
        whale("-x509", "-key", f("ed.pem"), "-subj", "/C=USA").assertOneLineError(1, "whale pki req: Error adding "
                + "subject name attribute \"/C=USA\": string too long (at most 2 characters)");
    }

    @Test
    void x509_setSerial_negativeAndHex_sameSerialAsOpenssl_andNotANumberIsOneLine() throws Exception {
        for (String serial : new String[] {"-7", "0", "0x1F", "--5", "123456789012345678901234567890"}) {
            Openssl.textOk(dir, "req", "-x509", "-key", f("ed.pem"), "-subj", "/CN=s", "-set_serial", serial, "-out",
                    f("o-serial.pem"));
            Run w = whale("-x509", "-key", f("ed.pem"), "-subj", "/CN=s", "-set_serial", serial, "-out",
                    f("w-serial.pem"));
            assertEquals(0, w.exit(), w.err());
            assertEquals(Openssl.textOk(dir, "x509", "-in", f("o-serial.pem"), "-noout", "-serial").out(),
                    Openssl.textOk(dir, "x509", "-in", f("w-serial.pem"), "-noout", "-serial").out(), serial);
        }
        Openssl.Out o = Openssl.text(dir, "req", "-x509", "-key", f("ed.pem"), "-subj", "/CN=s", "-set_serial", "abc",
                "-out", f("o-serial.pem"));
        whale("-x509", "-key", f("ed.pem"), "-subj", "/CN=s", "-set_serial", "abc", "-out", f("w-serial.pem"))
                .assertOneLineError(o.exit(), "whale pki req: -set_serial: not a number: 'abc' (give a decimal "
                        + "number, or hex after 0x)");
    }

    @Test
    void help_showsTheWhaleCommandOfThePost() {
        Run r = whale("--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("./whale pki req -x509 -newkey rsa:2048 -keyout self-signed-key.pem"), r.out());
    }
}
