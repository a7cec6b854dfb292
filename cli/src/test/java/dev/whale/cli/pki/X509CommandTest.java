package dev.whale.cli.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whale.cli.Run;
import dev.whale.pki.testing.Openssl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code whale pki x509}: the post's command line and OpenSSL's display options against the real openssl on the
 * same files, several files in one run, and bad input.
 */
class X509CommandTest {
    /** The post's certificate, kept with the pki module's golden files. */
    static final Path AMAZON = Path.of("../pki/src/test/resources/golden/amazon-root-ca-1.pem");

    @TempDir
    static Path dir;

    static Openssl.Out openssl(String... args) throws Exception {
        return Openssl.text(dir, args);
    }

    static String f(String name) {
        return dir.resolve(name).toString();
    }

    static Run whale(String... args) {
        List<String> a = new ArrayList<>(List.of("pki", "x509"));
        a.addAll(List.of(args));
        return Run.of(a.toArray(String[]::new));
    }

    @BeforeAll
    static void certificates() throws Exception {
        Files.createDirectories(dir.resolve("certs"));
        Files.copy(AMAZON, dir.resolve("certs/amazon-root-ca-1.pem"));
        Openssl.textOk(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                f("ec.key"), "-utf8", "-subj", "/C=US/O=Acme, Inc./CN=Zoë+OU=x", "-set_serial", "-5",
                "-addext", "subjectAltName=DNS:example.com,IP:10.0.0.1", "-out", f("certs/ec.pem"));
        Openssl.textOk(dir, "req", "-x509", "-newkey", "ed25519", "-nodes", "-keyout", f("ed.key"), "-subj", "/CN=ed",
                "-days", "40000", "-set_serial", "0x0123456789abcdef0123", "-out", f("certs/ed.pem"));
        Openssl.textOk(dir, "x509", "-in", f("certs/ec.pem"), "-outform", "DER", "-out", f("ec.der"));
        Files.writeString(dir.resolve("garbage.txt"), "garbage\n");
        Files.write(dir.resolve("empty.pem"), new byte[0]);
        byte[] der = Files.readAllBytes(dir.resolve("ec.der"));
        Files.write(dir.resolve("truncated.der"), Arrays.copyOf(der, der.length - 10));
    }

    void assertSameAsOpenssl(String... args) throws Exception {
        List<String> x509 = new ArrayList<>(List.of("x509"));
        x509.addAll(List.of(args));
        Openssl.Out o = openssl(x509.toArray(String[]::new));
        Run w = whale(args);
        assertEquals(o.out(), w.out(), String.join(" ", args));
        assertEquals(o.exit(), w.exit(), String.join(" ", args) + ": " + w.err());
    }

    @Test
    void text_thePostsCommandLine_sameAsOpenssl() throws Exception {
        assertSameAsOpenssl("-inform", "pem", "-in", f("certs/amazon-root-ca-1.pem"), "-noout", "-text");
        Openssl.textOk(dir, "req", "-x509", "-newkey", "rsa:2048", "-keyout", f("self-signed-key.pem"), "-out",
                f("self-signed.pem"), "-days", "365", "-nodes", "-subj", "/CN=localhost");
        assertSameAsOpenssl("-inform", "pem", "-in", f("self-signed.pem"), "-noout", "-text");
        assertSameAsOpenssl("-in", f("certs/ec.pem"), "-noout", "-text");
        assertSameAsOpenssl("-in", f("certs/ed.pem"), "-noout", "-text");
    }

    @Test
    void printOptions_inTheOrderGiven_sameAsOpenssl() throws Exception {
        String[][] lines = {
            {"-noout", "-serial", "-subject", "-dates", "-fingerprint", "-issuer", "-pubkey", "-sha256"},
            {"-noout", "-enddate", "-startdate", "-fingerprint", "-md5", "-serial"},
            {"-subject", "-noout", "-fingerprint", "-sha1", "-subject"},
            {"-dates", "-startdate", "-noout"},
            {"-noout", "-fingerprint", "-SHA256", "-pubkey", "-text"},
            {"-noout", "-fingerprint", "-sha384", "-sha512"},
            {"-text"},
            {"-subject"},
            {},
            {"-noout"},
        };
        for (String cert : new String[] {"certs/amazon-root-ca-1.pem", "certs/ec.pem", "ec.der", "certs/ed.pem"}) {
            for (String[] l : lines) {
                List<String> args = new ArrayList<>(List.of("-in", f(cert)));
                args.addAll(List.of(l));
                assertSameAsOpenssl(args.toArray(String[]::new));
            }
        }
    }

    @Test
    void out_pemAndDer_sameBytesAsOpenssl() throws Exception {
        for (String form : new String[] {"PEM", "DER"}) {
            openssl("x509", "-in", f("certs/ec.pem"), "-subject", "-outform", form, "-out", f("o." + form));
            Run w = whale("-in", f("certs/ec.pem"), "-subject", "-outform", form, "-out", f("w." + form));
            assertEquals(0, w.exit(), w.err());
            assertEquals("", w.out());
            assertArrayEquals(Files.readAllBytes(dir.resolve("o." + form)),
                    Files.readAllBytes(dir.resolve("w." + form)), form);
        }
        Run w = whale("-inform", "DER", "-in", f("ec.der"));
        assertEquals(Files.readString(dir.resolve("certs/ec.pem")), w.out());
    }

    @Test
    void in_aDirectoryAndSeveralFiles_printsEachInTurn() throws Exception {
        StringBuilder expected = new StringBuilder();
        List<String> names = List.of("amazon-root-ca-1.pem", "ec.pem", "ed.pem");
        for (String n : names) {
            expected.append(openssl("x509", "-in", f("certs/" + n), "-noout", "-text", "-fingerprint").out());
        }
        Run w = whale("-noout", "-text", "-fingerprint", "-in", f("certs"));
        assertEquals(0, w.exit(), w.err());
        assertEquals(expected.toString(), w.out());
        w = whale("-noout", "-subject", "-in", f("certs/ec.pem"), "-in", f("ec.der"));
        String subject = openssl("x509", "-in", f("ec.der"), "-noout", "-subject").out();
        assertEquals(subject + subject, w.out());
    }

    @Test
    void badInput_oneLineAndOpensslsExitCode() throws Exception {
        String[][] cases = {
            {"garbage.txt", "not a certificate: no -----BEGIN CERTIFICATE----- line, and not DER (which starts "
                + "with 0x30, not 0x67)"},
            {"empty.pem", "empty file, expected a certificate"},
            {"ec.key", "expected BEGIN CERTIFICATE, found BEGIN PRIVATE KEY"},
            {"truncated.der", "truncated DER: the element at offset 0 has length "
                + (Files.size(dir.resolve("ec.der")) - 4) + " but only " + (Files.size(dir.resolve("ec.der")) - 14)
                + " bytes follow"},
            {"missing.pem", null},
        };
        for (String[] c : cases) {
            Openssl.Out o = openssl("x509", "-in", f(c[0]), "-noout", "-text");
            assertEquals(1, o.exit(), c[0]);
            Run w = whale("-in", f(c[0]), "-noout", "-text");
            String message = c[1] == null ? "cannot read " + f(c[0]) + ": no such file" : f(c[0]) + ": " + c[1];
            w.assertOneLineError(o.exit(), "whale pki x509: " + message);
        }
        whale("-inform", "der", "-in", f("certs/ec.pem"), "-noout").assertOneLineError(1,
                "whale pki x509: " + f("certs/ec.pem") + ": expected DER (-inform DER), found PEM text");
        whale("-inform", "pem", "-in", f("ec.der"), "-noout").assertOneLineError(1,
                "whale pki x509: " + f("ec.der") + ": no PEM data (no -----BEGIN line)");
        whale("-inform", "xml", "-in", f("ec.der")).assertOneLineError(2,
                "whale pki x509: -inform must be PEM or DER: xml");
    }

    @Test
    void truncatedSignature_printedAsOpensslPrintsIt() throws Exception {
        Object[][] cases = {{"certs/amazon-root-ca-1.pem", 10}, {"certs/amazon-root-ca-1.pem", 255},
            {"certs/amazon-root-ca-1.pem", 1000}, {"certs/ec.pem", 7}, {"certs/ed.pem", 10}};
        for (Object[] c : cases) {
            Path shorter = dir.resolve("short-" + c[1] + "-" + Path.of((String) c[0]).getFileName());
            TruncatedSignature.write(dir.resolve((String) c[0]), (Integer) c[1], shorter);
            assertSameAsOpenssl("-in", shorter.toString(), "-noout", "-text");
            assertSameAsOpenssl("-in", shorter.toString(), "-fingerprint", "-serial");
            assertEquals("", whale("-in", shorter.toString(), "-noout", "-text").err());
        }
    }

    @Test
    void badInput_amongGoodFiles_isReportedAndTheOthersPrinted() throws Exception {
        Run w = whale("-noout", "-subject", "-in", f("certs/ec.pem"), "-in", f("garbage.txt"), "-in",
                f("certs/ed.pem"));
        assertEquals(1, w.exit());
        assertEquals(openssl("x509", "-in", f("certs/ec.pem"), "-noout", "-subject").out()
                + openssl("x509", "-in", f("certs/ed.pem"), "-noout", "-subject").out(), w.out());
        assertTrue(w.oneLineError(), w.err());
        assertTrue(w.err().startsWith("whale pki x509: " + f("garbage.txt") + ": not a certificate"), w.err());
    }

    @Test
    void order_lastPlaceWins_andDatesAreBoth() {
        assertEquals(List.of(X509Command.Field.FINGERPRINT, X509Command.Field.SUBJECT), X509Command.order(
                List.of("-subject", "-in", "-subject", "-noout", "-fingerprint", "-sha1", "-subject")));
        assertEquals(List.of(X509Command.Field.ENDDATE, X509Command.Field.STARTDATE),
                X509Command.order(List.of("-dates", "-startdate")));
        assertEquals("SHA1", X509Command.digest(List.of("-fingerprint")));
        assertEquals("SHA256", X509Command.digest(List.of("-sha1", "-SHA256", "-in", "-md5")));
    }
}
