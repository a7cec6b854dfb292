package dev.whale.cli.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whale.cli.Run;
import dev.whale.pki.testing.Openssl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code whale pki verify} against {@code openssl verify} on chains that openssl itself makes (req, x509 -req, and
 * ca for certificates that expired or are not valid yet): the same stdout, stderr and exit code, byte for byte.
 */
class VerifyCommandOpensslTest {
    @TempDir
    static Path dir;

    static final String CA_CNF = """
            [ ca ]
            default_ca = CA_default
            [ CA_default ]
            database = index.txt
            new_certs_dir = .
            serial = serial
            default_md = sha256
            policy = policy_any
            unique_subject = no
            [ policy_any ]
            commonName = supplied
            [ v3_ca ]
            basicConstraints = critical,CA:TRUE
            keyUsage = critical,keyCertSign,cRLSign
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid,issuer
            [ v3_leaf ]
            basicConstraints = CA:FALSE
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid,issuer
            """;

    static String f(String name) {
        return dir.resolve(name).toString();
    }

    static void openssl(String... args) throws Exception {
        Openssl.textOk(dir, args);
    }

    /** {@code openssl ca} signing {@code csr} with {@code ca}/{@code key}; DATES are -days N or -startdate/-enddate. */
    static void sign(String csr, String ca, String key, String ext, String out, String... dates) throws Exception {
        List<String> a = new ArrayList<>(List.of("ca", "-batch", "-config", "ca.cnf", "-preserveDN", "-notext",
                "-cert", ca, "-keyfile", key, "-in", csr, "-out", out, "-extensions", ext));
        a.addAll(List.of(dates));
        openssl(a.toArray(String[]::new));
    }

    static void newKey(String key, String subj, String csr) throws Exception {
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key,
                "-subj", subj, "-out", csr);
    }

    @BeforeAll
    static void chains() throws Exception {
        Files.writeString(dir.resolve("ca.cnf"), CA_CNF);
        Files.writeString(dir.resolve("index.txt"), "");
        Files.writeString(dir.resolve("serial"), "1000\n");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "root.key", "-subj", "/CN=Test Root",
                "-days", "3650", "-out", "root.pem");
        newKey("int.key", "/O=Acme, Inc./CN=Test Intermediate", "int.csr");
        newKey("leaf.key", "/CN=leaf.example", "leaf.csr");
        sign("int.csr", "root.pem", "root.key", "v3_ca", "int.pem", "-days", "1000");
        sign("leaf.csr", "int.pem", "int.key", "v3_leaf", "leaf.pem", "-days", "100");
        sign("int.csr", "root.pem", "root.key", "v3_ca", "int-expired.pem",
                "-startdate", "20200101000000Z", "-enddate", "20210101000000Z");
        sign("leaf.csr", "int-expired.pem", "int.key", "v3_leaf", "leaf-expired.pem",
                "-startdate", "20200101000000Z", "-enddate", "20200601000000Z");
        sign("leaf.csr", "int.pem", "int.key", "v3_leaf", "leaf-future.pem",
                "-startdate", "20990101000000Z", "-enddate", "21000101000000Z");
        Files.writeString(dir.resolve("chain.pem"), Files.readString(dir.resolve("int.pem"))
                + Files.readString(dir.resolve("root.pem")));
        // The post's self-signed certificate.
        openssl("req", "-x509", "-newkey", "rsa:2048", "-keyout", "self-signed-key.pem", "-out", "self-signed.pem",
                "-days", "365", "-nodes", "-subj", "/CN=localhost");
        Files.copy(Path.of("/etc/ssl/certs/Amazon_Root_CA_1.pem"), dir.resolve("amazon-root-ca-1.pem"));
        // Two CAs that sign each other, and a leaf under one of them.
        newKey("a.key", "/CN=CA A", "a.csr");
        newKey("b.key", "/CN=CA B", "b.csr");
        openssl("req", "-x509", "-key", "b.key", "-subj", "/CN=CA B", "-days", "30", "-out", "b0.pem");
        sign("a.csr", "b0.pem", "b.key", "v3_ca", "a.pem", "-days", "30");
        sign("b.csr", "a.pem", "a.key", "v3_ca", "b.pem", "-days", "30");
        newKey("looped.key", "/CN=looped leaf", "looped.csr");
        sign("looped.csr", "a.pem", "a.key", "v3_leaf", "looped.pem", "-days", "30");
        Files.writeString(dir.resolve("ab.pem"), Files.readString(dir.resolve("a.pem"))
                + Files.readString(dir.resolve("b.pem")));
        // Two CAs of one name, each signing the other's key (a key rollover gone round in a circle), and a leaf.
        newKey("k1.key", "/CN=Loop", "l1.csr");
        newKey("k2.key", "/CN=Loop", "l2.csr");
        openssl("req", "-x509", "-key", "k2.key", "-subj", "/CN=Loop", "-days", "30", "-out", "l2-self.pem");
        sign("l1.csr", "l2-self.pem", "k2.key", "v3_ca", "l1.pem", "-days", "30");
        sign("l2.csr", "l1.pem", "k1.key", "v3_ca", "l2.pem", "-days", "30");
        Files.writeString(dir.resolve("l12.pem"), Files.readString(dir.resolve("l1.pem"))
                + Files.readString(dir.resolve("l2.pem")));
        newKey("ll.key", "/CN=loop leaf", "ll.csr");
        sign("ll.csr", "l1.pem", "k1.key", "v3_leaf", "ll.pem", "-days", "30");
        // Signatures cut short, in properly re-encoded certificates: RSA (the intermediate, signed by the root),
        // ECDSA (the leaf, signed by the intermediate), none at all, and Ed25519.
        truncateSignature("int.pem", 10, "int-short.pem");
        truncateSignature("leaf.pem", 5, "leaf-short.pem");
        truncateSignature("leaf.pem", 1000, "leaf-nosig.pem");
        openssl("req", "-x509", "-newkey", "ed25519", "-nodes", "-keyout", "ed-ca.key", "-subj", "/CN=Ed CA",
                "-days", "30", "-out", "ed-ca.pem");
        openssl("x509", "-req", "-in", "leaf.csr", "-CA", "ed-ca.pem", "-CAkey", "ed-ca.key", "-set_serial", "1",
                "-out", "ed-leaf.pem");
        truncateSignature("ed-leaf.pem", 10, "ed-leaf-short.pem");
        Files.writeString(dir.resolve("garbage.pem"), "garbage\n");
        Files.writeString(dir.resolve("empty.pem"), "");
    }

    static void truncateSignature(String in, int cut, String out) throws Exception {
        TruncatedSignature.write(dir.resolve(in), cut, dir.resolve(out));
    }

    /** Runs {@code openssl verify ARGS} and {@code whale pki verify ARGS}; file names are absolute in both. */
    static void assertSameAsOpenssl(String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("verify"));
        a.addAll(List.of(args));
        Openssl.Out o = Openssl.text(dir, a.toArray(String[]::new));
        a.add(0, "pki");
        Run w = Run.of(a.toArray(String[]::new));
        String what = String.join(" ", args);
        assertEquals(o.out(), w.out(), what);
        assertEquals(o.err(), w.err(), what);
        assertEquals(o.exit(), w.exit(), what);
    }

    @Test
    void version_d_namesTheDirectoryOfTheDefaultTrustStore_asOpensslDoes() throws Exception {
        Openssl.Out o = Openssl.textOk(dir, "version", "-d");
        Run w = Run.of("pki", "version", "-d");
        assertEquals(o.out(), w.out());
        assertEquals(0, w.exit());
        Run all = Run.of("pki", "version", "-a");
        assertEquals(Run.of("--version").out() + o.out(), all.out(), "-a: whale's version line, then OPENSSLDIR");
    }

    @Test
    void verify_thePostsCommandLines_sameAsOpenssl() throws Exception {
        assertSameAsOpenssl(f("amazon-root-ca-1.pem"));
        assertSameAsOpenssl(f("self-signed.pem"));
        assertSameAsOpenssl(f("leaf.pem"));
        assertSameAsOpenssl("-CAfile", f("int.pem"), f("leaf.pem"));
        assertSameAsOpenssl("-no-CApath", "-CAfile", f("int.pem"), f("leaf.pem"));
    }

    @Test
    void verify_trustedRoot_ok() throws Exception {
        assertSameAsOpenssl("-CAfile", f("root.pem"), "-untrusted", f("int.pem"), f("leaf.pem"));
        assertSameAsOpenssl("-CAfile", f("root.pem"), "-untrusted", f("int.pem"), "-show_chain", f("leaf.pem"));
        assertSameAsOpenssl("-CAfile", f("root.pem"), f("root.pem"));
        assertSameAsOpenssl("-CAfile", f("self-signed.pem"), f("self-signed.pem"));
    }

    @Test
    void verify_selfSigned_error18() throws Exception {
        assertSameAsOpenssl("-no-CAfile", "-no-CApath", "-no-CAstore", f("root.pem"));
    }

    @Test
    void verify_missingIntermediate_error20() throws Exception {
        assertSameAsOpenssl("-CAfile", f("root.pem"), f("leaf.pem"));
    }

    @Test
    void verify_onlyTheIntermediateAsCa_error2() throws Exception {
        assertSameAsOpenssl("-CAfile", f("int.pem"), f("leaf.pem"));
        assertSameAsOpenssl("-CAfile", f("int.pem"), "-partial_chain", f("leaf.pem"));
    }

    @Test
    void verify_rootInTheUntrustedSet_error19() throws Exception {
        assertSameAsOpenssl("-untrusted", f("chain.pem"), f("leaf.pem"));
        assertSameAsOpenssl("-untrusted", f("int.pem"), "-untrusted", f("root.pem"), f("leaf.pem"));
    }

    @Test
    void verify_leafAndIntermediateExpired_error10AtEachDepth() throws Exception {
        assertSameAsOpenssl("-CAfile", f("root.pem"), "-untrusted", f("int-expired.pem"), f("leaf-expired.pem"));
        assertSameAsOpenssl("-CAfile", f("root.pem"), "-untrusted", f("int.pem"), "-attime", "2000000000",
                f("leaf.pem"));
    }

    @Test
    void verify_notYetValid_error9() throws Exception {
        assertSameAsOpenssl("-CAfile", f("root.pem"), "-untrusted", f("int.pem"), f("leaf-future.pem"));
        assertSameAsOpenssl("-CAfile", f("root.pem"), "-untrusted", f("int.pem"), "-attime", "1000000000",
                f("leaf.pem"));
    }

    @Test
    void verify_severalCertificates_eachReported() throws Exception {
        assertSameAsOpenssl("-CAfile", f("root.pem"), "-untrusted", f("int.pem"), f("leaf.pem"), f("root.pem"),
                f("self-signed.pem"), f("leaf-expired.pem"), f("int.pem"));
    }

    @Test
    void verify_crossSignedLoop_sameAsOpenssl() throws Exception {
        assertSameAsOpenssl("-no-CApath", "-CAfile", f("ab.pem"), f("looped.pem"));
        assertSameAsOpenssl("-no-CAfile", "-no-CApath", "-no-CAstore", "-untrusted", f("ab.pem"), f("looped.pem"));
        assertSameAsOpenssl("-CAfile", f("ab.pem"), "-partial_chain", f("looped.pem"));
    }

    @Test
    void verify_loopInTheTrustStore_error22AsOpenssl_quickly() throws Exception {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            assertSameAsOpenssl("-no-CApath", "-CAfile", f("l12.pem"), f("ll.pem"));
            assertSameAsOpenssl("-CAfile", f("l12.pem"), f("ll.pem"));
            assertSameAsOpenssl("-CAfile", f("l12.pem"), f("l1.pem"), f("l2.pem"));
            assertSameAsOpenssl("-CAfile", f("l1.pem"), "-untrusted", f("l2.pem"), f("ll.pem"));
        });
        Run w = Run.of("pki", "verify", "-CAfile", f("l12.pem"), f("ll.pem"));
        assertEquals("CN = Loop\nerror 22 at 101 depth lookup: certificate chain too long\nerror " + f("ll.pem")
                + ": verification failed\n", w.err());
    }

    @Test
    void verify_loopInTheUntrustedSet_noTrustedRoot_sameAsOpenssl() throws Exception {
        for (String store : new String[] {"-no-CAfile -no-CApath -no-CAstore", "-no-CApath"}) {
            for (String c : new String[] {"ab.pem looped.pem", "ab.pem a.pem", "ab.pem b.pem", "l12.pem ll.pem",
                "l12.pem l1.pem", "l12.pem l2.pem"}) {
                List<String> a = new ArrayList<>(List.of(store.split(" ")));
                a.add("-untrusted");
                a.add(f(c.split(" ")[0]));
                a.add(f(c.split(" ")[1]));
                assertSameAsOpenssl(a.toArray(String[]::new));
            }
        }
        assertSameAsOpenssl("-no-CApath", "-untrusted", f("ab.pem"), "-untrusted", f("l12.pem"), f("a.pem"),
                f("ll.pem"), f("looped.pem"));
    }

    /** stderr of openssl without its error stack, whose lines start with a thread id ({@code 40E7...:error:}). */
    static String withoutErrorStack(String err) {
        return err.replaceAll("(?m)^[0-9A-F]+:error:.*\n", "");
    }

    @Test
    void verify_truncatedSignature_error7AsOpenssl() throws Exception {
        String[][] cases = {
            {"-CAfile", f("root.pem"), "-untrusted", f("int-short.pem"), f("leaf.pem")},
            {"-CAfile", f("root.pem"), "-untrusted", f("int.pem"), f("leaf-short.pem")},
            {"-CAfile", f("root.pem"), "-untrusted", f("int.pem"), f("leaf-nosig.pem")},
            {"-CAfile", f("ed-ca.pem"), f("ed-leaf-short.pem")},
            {"-CAfile", f("root.pem"), "-untrusted", f("int-short.pem"), f("leaf-short.pem"), f("leaf.pem")},
        };
        for (String[] c : cases) {
            List<String> a = new ArrayList<>(List.of("verify"));
            a.addAll(List.of(c));
            Openssl.Out o = Openssl.text(dir, a.toArray(String[]::new));
            assertTrue(o.err().contains("error 7 at "), o.err());
            a.add(0, "pki");
            Run w = Run.of(a.toArray(String[]::new));
            String what = String.join(" ", c);
            assertEquals(o.out(), w.out(), what);
            assertEquals(withoutErrorStack(o.err()), w.err(), what);
            assertEquals(o.exit(), w.exit(), what);
        }
    }

    @Test
    void verify_everyCertificateOfTheSystemStore_sameAsOpenssl() throws Exception {
        List<String> all;
        try (Stream<Path> s = Files.list(Path.of("/etc/ssl/certs"))) {
            all = s.filter(p -> p.toString().endsWith(".pem")).map(Path::toString).sorted().toList();
        }
        assertTrue(all.size() > 50, "only " + all.size() + " certificates in /etc/ssl/certs");
        assertSameAsOpenssl(all.toArray(String[]::new));
        List<String> a = new ArrayList<>(List.of("-no-CAfile", "-no-CAstore", "-attime", "2200000000"));
        a.addAll(all);
        assertSameAsOpenssl(a.toArray(String[]::new));
    }

    @Test
    void verify_garbage_oneLineAndOpensslsExitCode() throws Exception {
        Run w = Run.of("pki", "verify", f("garbage.pem"));
        assertEquals(Openssl.text(dir, "verify", f("garbage.pem")).exit(), w.exit());
        w.assertOneLineError(2, "whale pki verify: " + f("garbage.pem") + ": not a certificate: no -----BEGIN "
                + "CERTIFICATE----- line, and not DER (which starts with 0x30, not 0x67)");
    }

    @Test
    void verify_caFileWithoutCertificates_oneLineAndOpensslsExitCode() throws Exception {
        Run w = Run.of("pki", "verify", "-CAfile", f("leaf.key"), f("leaf.pem"));
        assertEquals(Openssl.text(dir, "verify", "-CAfile", f("leaf.key"), f("leaf.pem")).exit(), w.exit());
        w.assertOneLineError(1, "whale pki verify: -CAfile " + f("leaf.key")
                + ": expected BEGIN CERTIFICATE, found BEGIN PRIVATE KEY");
        Run empty = Run.of("pki", "verify", "-CAfile", f("empty.pem"), f("leaf.pem"));
        empty.assertOneLineError(1, "whale pki verify: -CAfile " + f("empty.pem")
                + ": empty file, expected a certificate");
    }

    @Test
    void verify_caFileWithABrokenCertificate_oneLineAndOpensslsExitCode() throws Exception {
        String pem = Files.readString(dir.resolve("int.pem"));
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        byte[] cut = Arrays.copyOf(der, der.length - 20);
        Files.writeString(dir.resolve("broken-bundle.pem"), Files.readString(dir.resolve("root.pem"))
                + "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(cut) + "\n-----END CERTIFICATE-----\n");
        Openssl.Out o = Openssl.text(dir, "verify", "-CAfile", f("broken-bundle.pem"), f("leaf.pem"));
        assertTrue(o.err().startsWith("Error loading file " + f("broken-bundle.pem")), o.err());
        Run.of("pki", "verify", "-CAfile", f("broken-bundle.pem"), f("leaf.pem")).assertOneLineError(o.exit(),
                "whale pki verify: -CAfile " + f("broken-bundle.pem") + ": truncated DER: the element at offset 0 has "
                        + "length " + (der.length - 4) + " but only " + (cut.length - 4) + " bytes follow");
    }

    @Test
    void verify_attimeNotANumber_oneLineAndOpensslsExitCode() throws Exception {
        Run w = Run.of("pki", "verify", "-attime", "tomorrow", f("leaf.pem"));
        assertEquals(Openssl.text(dir, "verify", "-attime", "tomorrow", f("leaf.pem")).exit(), w.exit());
        w.assertOneLineError(1, "whale pki verify: -attime: not a number of seconds since 1970: tomorrow");
    }

    @Test
    void help_showsAWhaleExample() {
        Run r = Run.of("pki", "verify", "--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("./whale pki verify -CAfile root.pem"), r.out());
    }
}
