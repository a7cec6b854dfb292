package dev.whale.cli.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.whale.cli.Run;
import dev.whale.pki.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Asn1parseCommandTest {
    @TempDir
    static Path dir;

    static final HexFormat HEX = HexFormat.of();
    static final String ONE = "    0:d=0  hl=2 l=   3 cons: SEQUENCE          \n"
            + "    2:d=1  hl=2 l=   1 prim: INTEGER           :01\n";
    static final String TWO = "    0:d=0  hl=2 l=   3 cons: SEQUENCE          \n"
            + "    2:d=1  hl=2 l=   1 prim: INTEGER           :02\n";

    static Path one;
    static Path two;

    @BeforeAll
    static void files() throws IOException {
        one = Files.writeString(dir.resolve("one.pem"), Pem.write("WHATEVER", HEX.parseHex("3003020101")));
        two = Files.write(dir.resolve("two.der"), HEX.parseHex("3003020102"));
    }

    static String p(Path file) {
        return file.toString();
    }

    static Path write(String name, String hex) {
        try {
            return Files.write(dir.resolve(name), HEX.parseHex(hex));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void pem_default() {
        Run r = Run.of("pki", "asn1parse", "-in", p(one));
        assertEquals(0, r.exit(), r.err());
        assertEquals(ONE, r.out());
        assertEquals("", r.err());
    }

    @Test
    void der_indented() {
        Run r = Run.of("pki", "asn1parse", "-inform", "der", "-in", p(two), "-i");
        assertEquals(0, r.exit(), r.err());
        assertEquals(TWO.replace("prim: INTEGER", "prim:  INTEGER"), r.out());
    }

    @Test
    void multipleIn_printedOneAfterAnother() {
        Path again = write("again.der", "3003020101");
        Run r = Run.of("pki", "asn1parse", "-inform", "DER", "-in", p(two), "-in", p(again));
        assertEquals(0, r.exit(), r.err());
        assertEquals(TWO + ONE, r.out());
    }

    @Test
    void directory_everyFileInNameOrder() throws IOException {
        Path d = Files.createDirectories(dir.resolve("tree"));
        Files.write(d.resolve("b.der"), HEX.parseHex("3003020102"));
        Files.write(d.resolve("a.der"), HEX.parseHex("3003020101"));
        Files.createDirectories(d.resolve("sub"));
        Run r = Run.of("pki", "asn1parse", "-inform", "der", "-in", p(d));
        assertEquals(0, r.exit(), r.err());
        assertEquals(ONE + TWO, r.out());
    }

    @Test
    void badFileAmongGood_oneLineExit1AndTheRestPrinted() {
        Path cut = write("cut.der", "300302");
        Run r = Run.of("pki", "asn1parse", "-inform", "der", "-in", p(two), "-in", p(cut), "-in", p(two));
        assertEquals(TWO + TWO, r.out());
        r.assertOneLineError(1, "whale pki asn1parse: " + cut + ": truncated DER: the element at offset 0 has "
                + "length 3 but only 1 byte follows");
    }

    @Test
    void lengthPastEnd_oneLine() {
        Path bad = write("past.der", "3003020501");
        Run r = Run.of("pki", "asn1parse", "-inform", "der", "-in", p(bad));
        r.assertOneLineError(1, "whale pki asn1parse: " + bad + ": truncated DER: the element at offset 2 has "
                + "length 5 but only 1 byte follows");
        assertEquals("", r.out());
    }

    @Test
    void deepNesting_oneLine() {
        Path deep = write("deep.der", "3080".repeat(100) + "0000".repeat(100));
        Run r = Run.of("pki", "asn1parse", "-inform", "der", "-in", p(deep));
        r.assertOneLineError(1, "whale pki asn1parse: " + deep + ": bad DER: nesting deeper than 64 levels at "
                + "offset 130");
    }

    @Test
    void missingFile_oneLine() {
        Path missing = dir.resolve("missing.pem");
        Run.of("pki", "asn1parse", "-in", p(missing))
                .assertOneLineError(1, "whale pki asn1parse: " + missing + ": no such file");
    }

    @Test
    void derReadAsPem_suggestsInformDer() {
        Run.of("pki", "asn1parse", "-in", p(two)).assertOneLineError(1, "whale pki asn1parse: " + two
                + ": no PEM data (no -----BEGIN line); for DER input use -inform DER");
    }

    @Test
    void mismatchedPemLabels_oneLine() throws IOException {
        Path bad = Files.writeString(dir.resolve("labels.pem"), Pem.write("CERTIFICATE", HEX.parseHex("3000"))
                .replace("END CERTIFICATE", "END PRIVATE KEY"));
        Run.of("pki", "asn1parse", "-in", p(bad)).assertOneLineError(1, "whale pki asn1parse: " + bad
                + ": BEGIN CERTIFICATE at line 1 ends with -----END PRIVATE KEY-----");
    }

    @Test
    void encryptedTraditionalPem_oneLine() throws IOException {
        String pem = Pem.write("RSA PRIVATE KEY", HEX.parseHex("5f2a9c0e7b31d4a8")).replace("KEY-----\n",
                "KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n");
        Path enc = Files.writeString(dir.resolve("trad.pem"), pem);
        Run.of("pki", "asn1parse", "-in", p(enc)).assertOneLineError(1, "whale pki asn1parse: " + enc
                + ": the RSA PRIVATE KEY block is encrypted (Proc-Type: 4,ENCRYPTED), so it holds no DER to print");
    }

    @Test
    void noout_printsNothingButChecks() {
        Run ok = Run.of("pki", "asn1parse", "-in", p(one), "-noout");
        assertEquals(0, ok.exit(), ok.err());
        assertEquals("", ok.out());
        Path cut = write("cut2.der", "3003");
        assertEquals(1, Run.of("pki", "asn1parse", "-inform", "der", "-in", p(cut), "-noout").exit());
    }

    @Test
    void strparse_hexOffsetAsOpensslTakesIt() {
        Path wrapped = write("wrapped.der", "3007" + "0405" + "3003020101");
        Run r = Run.of("pki", "asn1parse", "-inform", "der", "-in", p(wrapped), "-strparse", "0x2");
        assertEquals(0, r.exit(), r.err());
        assertEquals(ONE, r.out());
    }

    @Test
    void badUsage_exit2() {
        Run.of("pki", "asn1parse", "-in", p(one), "-strparse", "abc")
                .assertOneLineError(2, "whale pki asn1parse: -strparse needs a number: abc");
        Run.of("pki", "asn1parse", "-in", p(one), "-offset", "0")
                .assertOneLineError(2, "whale pki asn1parse: -offset needs a positive number: 0");
        Run.of("pki", "asn1parse", "-inform", "xml", "-in", p(one))
                .assertOneLineError(2, "whale pki asn1parse: -inform must be PEM or DER: xml");
        Run unknown = Run.of("pki", "asn1parse", "-bogus");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.oneLineError(), unknown.err());
    }

    /**
     * Every {@code openssl asn1parse} command line of the rsa-keys, openssh-private-keys and ssl-certificates posts,
     * on files openssl makes (and the system's copy of Amazon Root CA 1): whale prints what openssl prints.
     */
    @Test
    void seedPostCommandLines_matchOpenssl() throws Exception {
        Path cert = Path.of("/etc/ssl/certs/Amazon_Root_CA_1.pem");
        assertTrue(Files.isReadable(cert), "the posts' certificate is missing: apt-get install ca-certificates");
        Files.copy(cert, dir.resolve("amazon-root-ca-1.pem"));
        CompletableFuture.allOf(
                CompletableFuture.runAsync(() -> openssl(0, "genpkey", "-algorithm", "RSA", "-pkeyopt",
                        "rsa_keygen_bits:2048", "-out", "private.pem")),
                CompletableFuture.runAsync(() -> openssl(0, "genpkey", "-algorithm", "RSA", "-pkeyopt",
                        "rsa_keygen_bits:2048", "-aes-256-cbc", "-pass", "pass:x", "-out", "private-enc.pem")),
                CompletableFuture.runAsync(() -> openssl(0, "genpkey", "-algorithm", "RSA", "-pkeyopt",
                        "rsa_keygen_bits:4096", "-aes-256-cbc", "-pass", "pass:x", "-out",
                        "key_rsa_4096_openssl_pw"))).join();
        List<List<String>> lines = List.of(
                List.of("-inform", "pem", "-in", "private.pem"),
                List.of("-inform", "pem", "-in", "private.pem", "-strparse", "22"),
                List.of("-inform", "pem", "-in", "private-enc.pem"),
                List.of("-inform", "pem", "-in", "key_rsa_4096_openssl_pw"),
                List.of("-inform", "pem", "-in", "amazon-root-ca-1.pem"),
                List.of("-inform", "pem", "-in", "amazon-root-ca-1.pem", "-strparse", "218"));
        for (List<String> line : lines) {
            List<String> args = new ArrayList<>(line);
            args.set(3, dir.resolve(line.get(3)).toString());
            String[] want = openssl(-1, concat("asn1parse", args));
            Run got = Run.of(concat("pki", concat("asn1parse", args)));
            assertEquals(want[0], Integer.toString(got.exit()), line.toString());
            assertEquals(want[1], got.out(), line.toString());
            assertEquals(want[2], got.err(), line.toString());
        }
    }

    static String[] concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all.toArray(String[]::new);
    }

    static String[] concat(String first, String[] rest) {
        return concat(first, List.of(rest));
    }

    /** Runs openssl in the test directory: exit status, stdout and stderr; {@code expect} >= 0 asserts the status. */
    static String[] openssl(int expect, String... args) {
        String exe = null;
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, "openssl"))) {
                exe = Path.of(d, "openssl").toString();
                break;
            }
        }
        if (exe == null) {
            fail("openssl is not on PATH; this test compares whale with it: apt-get install openssl");
        }
        List<String> cmd = new ArrayList<>(List.of(exe));
        cmd.addAll(List.of(args));
        try {
            Path o = Files.createTempFile(dir, "openssl", ".out");
            Path e = Files.createTempFile(dir, "openssl", ".err");
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(o.toFile())
                    .redirectError(e.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("openssl timed out: " + cmd);
            }
            String[] r = {Integer.toString(p.exitValue()), Files.readString(o, StandardCharsets.UTF_8),
                Files.readString(e, StandardCharsets.UTF_8)};
            if (expect >= 0) {
                assertEquals(Integer.toString(expect), r[0], () -> cmd + ": " + r[2]);
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
