package dev.whale.cli.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whale.cli.Run;
import dev.whale.pki.testing.Openssl;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code whale pki pkcs12} against {@code openssl pkcs12} and Java's KeyStore: files whale writes are read by both,
 * and whale prints what openssl prints for files made by openssl, by Java and by whale, on keys and chains made at
 * random for each run.
 */
class Pkcs12CommandOpensslTest {
    @TempDir
    static Path dir;

    static final Random RANDOM = new Random();
    /** OpenSSL 3.0's -info for a file with a key and its certificates, as openssl -export writes it. */
    static final String INFO_HEAD = "MAC: sha256, Iteration 2048\nMAC length: 32, salt length: 8\n"
            + "PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256\n";
    static final String INFO_TAIL = "PKCS7 Data\nShrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 2048, "
            + "PRF hmacWithSHA256\n";
    static String password;

    static String f(String name) {
        return dir.resolve(name).toString();
    }

    static Run whale(String... args) {
        List<String> a = new ArrayList<>(List.of("pki", "pkcs12"));
        a.addAll(List.of(args));
        return Run.of(a.toArray(String[]::new));
    }

    @BeforeAll
    static void chain() throws Exception {
        password = "pw-" + Integer.toHexString(RANDOM.nextInt());
        List<List<String>> keys = List.of(List.of("-newkey", "rsa:" + (2048 + 1024 * RANDOM.nextInt(2))),
                List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-" + (RANDOM.nextBoolean() ? "256" : "384")),
                List.of("-newkey", "ed25519"));
        List<String> ca = new ArrayList<>(List.of("req", "-x509", "-nodes", "-keyout", f("ca.key"), "-subj",
                "/O=whale/CN=Test CA", "-out", f("ca.pem")));
        ca.addAll(keys.get(RANDOM.nextInt(keys.size())));
        Openssl.textOk(dir, ca.toArray(String[]::new));
        List<String> leaf = new ArrayList<>(List.of("req", "-new", "-nodes", "-keyout", f("leaf.key"), "-utf8",
                "-subj", "/C=US/O=Acme, Inc./CN=Zoë", "-out", f("leaf.csr")));
        leaf.addAll(keys.get(RANDOM.nextInt(keys.size())));
        Openssl.textOk(dir, leaf.toArray(String[]::new));
        Openssl.textOk(dir, "x509", "-req", "-in", f("leaf.csr"), "-CA", f("ca.pem"), "-CAkey", f("ca.key"),
                "-set_serial", "" + (1 + RANDOM.nextInt(1 << 30)), "-out", f("leaf.pem"));
        Openssl.textOk(dir, "pkcs12", "-export", "-in", f("leaf.pem"), "-inkey", f("leaf.key"), "-certfile",
                f("ca.pem"), "-name", "my alias", "-out", f("openssl.p12"), "-passout", "pass:" + password);
        Openssl.textOk(dir, "pkcs12", "-export", "-in", f("leaf.pem"), "-inkey", f("leaf.key"), "-out",
                f("openssl-noname.p12"), "-passout", "pass:" + password);
    }

    /** openssl and whale on the same arguments: the same stdout, stderr and exit code. */
    void assertSameAsOpenssl(String... args) throws Exception {
        List<String> p = new ArrayList<>(List.of("pkcs12"));
        p.addAll(List.of(args));
        Openssl.Out o = Openssl.text(dir, p.toArray(String[]::new));
        Run w = whale(args);
        assertEquals(o.out(), w.out(), String.join(" ", args));
        assertEquals(o.err(), w.err(), String.join(" ", args));
        assertEquals(o.exit(), w.exit(), String.join(" ", args));
    }

    @Test
    void export_opensslAndJavaReadIt_withOpensslsDefaults() throws Exception {
        Run w = whale("-export", "-in", f("leaf.pem"), "-inkey", f("leaf.key"), "-certfile", f("ca.pem"), "-name",
                "my alias", "-out", f("whale.p12"), "-passout", "pass:" + password);
        assertEquals(0, w.exit(), w.err());
        assertEquals("", w.out() + w.err());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dir.resolve("whale.p12"))));
        Openssl.Out info = Openssl.textOk(dir, "pkcs12", "-in", f("whale.p12"), "-passin", "pass:" + password,
                "-info", "-noout");
        assertEquals(INFO_HEAD + "Certificate bag\nCertificate bag\n" + INFO_TAIL, info.err());
        assertEquals(Openssl.textOk(dir, "pkcs12", "-in", f("openssl.p12"), "-passin", "pass:" + password, "-info",
                "-noout").err(), info.err());
        // The same bags, attributes and PEM as openssl's own file holds.
        assertEquals(Openssl.textOk(dir, "pkcs12", "-in", f("openssl.p12"), "-passin", "pass:" + password,
                "-nodes").out(), Openssl.textOk(dir, "pkcs12", "-in", f("whale.p12"), "-passin", "pass:" + password,
                "-nodes").out());

        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(new ByteArrayInputStream(Files.readAllBytes(dir.resolve("whale.p12"))), password.toCharArray());
        assertEquals(List.of("my alias"), java.util.Collections.list(ks.aliases()));
        assertTrue(ks.isKeyEntry("my alias"));
        java.security.cert.Certificate[] chain = ks.getCertificateChain("my alias");
        assertEquals(2, chain.length);
        assertEquals("CN=Test CA,O=whale", ((X509Certificate) chain[1]).getSubjectX500Principal().getName());
        String pem = Openssl.textOk(dir, "pkey", "-in", f("leaf.key")).out();
        String fromJava = "-----BEGIN PRIVATE KEY-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(ks.getKey("my alias", password.toCharArray()).getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        assertEquals(Openssl.textOk(dir, "pkey", "-in", f("leaf.key"), "-noout", "-text").out().lines().count(),
                fromJava.isEmpty() ? 0 : Openssl.textOk(dir, "pkey", "-in", writeString("java.key", fromJava),
                        "-noout", "-text").out().lines().count());
        assertEquals(Openssl.textOk(dir, "pkey", "-in", f("leaf.key"), "-pubout").out(),
                Openssl.textOk(dir, "pkey", "-in", f("java.key"), "-pubout").out());
        assertFalse(pem.isEmpty());
    }

    static String writeString(String name, String text) throws Exception {
        Files.writeString(dir.resolve(name), text);
        return f(name);
    }

    @Test
    void read_opensslsFile_everySelection_sameAsOpenssl() throws Exception {
        String[][] lines = {{"-nodes"}, {"-nokeys"}, {"-nocerts", "-nodes"}, {"-clcerts", "-nodes"},
            {"-cacerts", "-nokeys"}, {"-info", "-noout"}, {"-info", "-nodes"}, {"-nokeys", "-nocerts"},
            {"-noout"}};
        for (String p12 : List.of("openssl.p12", "openssl-noname.p12")) {
            for (String[] l : lines) {
                List<String> args = new ArrayList<>(List.of("-in", f(p12), "-passin", "pass:" + password));
                args.addAll(List.of(l));
                assertSameAsOpenssl(args.toArray(String[]::new));
            }
        }
    }

    @Test
    void read_whalesAndJavasFiles_sameAsOpenssl() throws Exception {
        Run w = whale("-export", "-in", f("leaf.pem"), "-inkey", f("leaf.key"), "-certfile", f("ca.pem"), "-out",
                f("w2.p12"), "-passout", "pass:" + password);
        assertEquals(0, w.exit(), w.err());
        Run k = Run.of("pki", "keystore", "--cert", f("leaf.pem"), "--key", f("leaf.key"), "--chain", f("ca.pem"),
                "--out", f("java.p12"), "--storepass", "pass:" + password);
        assertEquals(0, k.exit(), k.err());
        for (String p12 : List.of("w2.p12", "java.p12")) {
            assertSameAsOpenssl("-in", f(p12), "-passin", "pass:" + password, "-info", "-nodes");
            assertSameAsOpenssl("-in", f(p12), "-passin", "pass:" + password, "-cacerts", "-nokeys");
        }
    }

    @Test
    void read_encryptedKeyOut_opensslReadsTheKeyWithPassout() throws Exception {
        Run w = whale("-in", f("openssl.p12"), "-passin", "pass:" + password, "-nocerts", "-passout", "pass:keypw",
                "-out", f("key-out.pem"));
        assertEquals(0, w.exit(), w.err());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dir.resolve("key-out.pem"))));
        assertTrue(Files.readString(dir.resolve("key-out.pem")).contains("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        assertEquals(Openssl.textOk(dir, "pkey", "-in", f("leaf.key"), "-pubout").out(),
                Openssl.textOk(dir, "pkey", "-in", f("key-out.pem"), "-passin", "pass:keypw", "-pubout").out());
    }

    /**
     * Files encrypted as OpenSSL 1.x, older Windows and Java wrote them (RC2-40 and 3DES with SHA-1): whale reads
     * openssl's, with or without -legacy, as openssl -legacy does; and openssl -legacy reads whale's.
     */
    @Test
    void legacy_eachReadsTheOthersFile_sameAsOpensslWithLegacy() throws Exception {
        Openssl.textOk(dir, "pkcs12", "-export", "-legacy", "-in", f("leaf.pem"), "-inkey", f("leaf.key"),
                "-certfile", f("ca.pem"), "-name", "old", "-out", f("openssl-legacy.p12"), "-passout",
                "pass:" + password);
        Run w = whale("-export", "-legacy", "-in", f("leaf.pem"), "-inkey", f("leaf.key"), "-certfile", f("ca.pem"),
                "-name", "old", "-out", f("whale-legacy.p12"), "-passout", "pass:" + password);
        assertEquals(0, w.exit(), w.err());
        String info = "MAC: sha1, Iteration 2048\nMAC length: 20, salt length: 8\n"
                + "PKCS7 Encrypted data: pbeWithSHA1And40BitRC2-CBC, Iteration 2048\n"
                + "Certificate bag\nCertificate bag\nPKCS7 Data\n"
                + "Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2048\n";
        for (String p12 : List.of("openssl-legacy.p12", "whale-legacy.p12")) {
            Openssl.Out o = Openssl.textOk(dir, "pkcs12", "-legacy", "-in", f(p12), "-passin", "pass:" + password,
                    "-info", "-nodes");
            assertEquals(info, o.err(), p12);
            for (String[] extra : new String[][] {{}, {"-legacy"}}) {
                List<String> args = new ArrayList<>(List.of(extra));
                args.addAll(List.of("-in", f(p12), "-passin", "pass:" + password, "-info", "-nodes"));
                Run r = whale(args.toArray(String[]::new));
                assertEquals(o.out() + "|" + o.err() + "|0", r.out() + "|" + r.err() + "|" + r.exit(), p12);
            }
            w = whale("-in", f(p12), "-passin", "pass:wrong", "-nodes", "-out", f("never.pem"));
            w.assertOneLineError(1, "whale pki pkcs12: " + f(p12) + ": Mac verify error: invalid password?");
        }
        // Java reads whale's legacy file too.
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(new ByteArrayInputStream(Files.readAllBytes(dir.resolve("whale-legacy.p12"))),
                password.toCharArray());
        assertEquals(2, ks.getCertificateChain("old").length);
        assertEquals(Openssl.textOk(dir, "pkey", "-in", f("leaf.key"), "-pubout").out(), Openssl.textOk(dir, "pkey",
                "-in", writeString("legacy-java.key", "-----BEGIN PRIVATE KEY-----\n" + java.util.Base64
                        .getMimeEncoder(64, "\n".getBytes()).encodeToString(ks.getKey("old", password.toCharArray())
                        .getEncoded()) + "\n-----END PRIVATE KEY-----\n"), "-pubout").out());
    }

    /**
     * -chain adds the chain verified from the trust store after -in's other certificates, less those -in has;
     * -certfile's come last, a duplicate included as openssl keeps it; -caname names them in that order; a chain
     * that cannot be built is an error.
     */
    @Test
    void chainAndCaname_theSameBagsAsOpenssl() throws Exception {
        String[][] cases = {
            {"-chain", "-CAfile", f("ca.pem"), "-caname", "Test CA"},
            {"-chain", "-CAfile", f("ca.pem"), "-certfile", f("ca.pem"), "-caname", "one", "-caname", "two"},
            {"-chain", "-no-CAfile", "-no-CApath", "-no-CAstore", "-untrusted", f("ca.pem"), "-CAfile", f("ca.pem")},
            {"-chain", "-CAfile", f("ca.pem"), "-in", f("leaf-and-ca.pem"), "-certfile", f("leaf.pem"), "-caname",
                "a", "-caname", "b", "-caname", "c", "-caname", "d"},
        };
        Files.writeString(dir.resolve("leaf-and-ca.pem"), Files.readString(dir.resolve("leaf.pem"))
                + Files.readString(dir.resolve("ca.pem")));
        for (String[] c : cases) {
            List<String> common = new ArrayList<>(List.of("-export", "-inkey", f("leaf.key"), "-name", "leaf",
                    "-passout", "pass:" + password));
            common.addAll(List.of(c));
            if (!common.contains("-in")) {
                common.addAll(List.of("-in", f("leaf.pem")));
            }
            List<String> o = new ArrayList<>(List.of("pkcs12"));
            o.addAll(common);
            o.addAll(List.of("-out", f("o-chain.p12")));
            Openssl.textOk(dir, o.toArray(String[]::new));
            List<String> w = new ArrayList<>(common);
            w.addAll(List.of("-out", f("w-chain.p12")));
            Run r = whale(w.toArray(String[]::new));
            assertEquals(0, r.exit(), String.join(" ", c) + ": " + r.err());
            assertEquals(Openssl.textOk(dir, "pkcs12", "-in", f("o-chain.p12"), "-passin", "pass:" + password,
                    "-nodes").out(), Openssl.textOk(dir, "pkcs12", "-in", f("w-chain.p12"), "-passin",
                    "pass:" + password, "-nodes").out(), String.join(" ", c));
        }
        // No trust anchor: OpenSSL's verify error, and no file.
        String[] noAnchor = {"-export", "-chain", "-no-CAfile", "-no-CApath", "-no-CAstore", "-in", f("leaf.pem"),
            "-inkey", f("leaf.key"), "-passout", "pass:x", "-out", f("never.p12")};
        List<String> o = new ArrayList<>(List.of("pkcs12"));
        o.addAll(List.of(noAnchor));
        Openssl.Out out = Openssl.text(dir, o.toArray(String[]::new));
        assertEquals("Error getting chain: unable to get local issuer certificate", out.err().lines().findFirst()
                .orElse(""));
        whale(noAnchor).assertOneLineError(out.exit(), "whale pki pkcs12: Error getting chain: unable to get local "
                + "issuer certificate");
        assertFalse(Files.exists(dir.resolve("never.p12")));
        whale("-in", f("openssl.p12"), "-passin", "pass:" + password, "-caname", "x").assertOneLineError(2,
                "whale pki pkcs12: -inkey, -certfile, -name, -chain and -caname go with -export, which makes a "
                + "PKCS#12 file");
    }

    @Test
    void badInput_wrongPasswordTruncatedMissing_oneLineExitOneNothingWritten() throws Exception {
        Openssl.Out o = Openssl.text(dir, "pkcs12", "-in", f("openssl.p12"), "-passin", "pass:wrong", "-nodes");
        Run w = whale("-in", f("openssl.p12"), "-passin", "pass:wrong", "-nodes", "-out", f("never.pem"));
        assertEquals(o.exit(), w.exit());
        w.assertOneLineError(1, "whale pki pkcs12: " + f("openssl.p12") + ": Mac verify error: invalid password?");
        assertFalse(Files.exists(dir.resolve("never.pem")));
        byte[] p12 = Files.readAllBytes(dir.resolve("openssl.p12"));
        Files.write(dir.resolve("truncated.p12"), Arrays.copyOf(p12, p12.length / 3));
        for (String bad : List.of("truncated.p12", "missing.p12", "leaf.pem")) {
            o = Openssl.text(dir, "pkcs12", "-in", f(bad), "-passin", "pass:" + password, "-nodes");
            w = whale("-in", f(bad), "-passin", "pass:" + password, "-nodes", "-out", f("never.pem"));
            assertEquals(o.exit(), w.exit(), bad);
            assertTrue(w.oneLineError(), w.err());
            assertFalse(Files.exists(dir.resolve("never.pem")));
        }
        assertTrue(whale("-in", f("truncated.p12"), "-passin", "pass:x").err().contains("truncated"));
        w = whale("-export", "-in", f("ca.pem"), "-inkey", f("leaf.key"), "-out", f("never.p12"), "-passout",
                "pass:x");
        assertEquals(1, w.exit());
        assertTrue(w.oneLineError(), w.err());
        assertFalse(Files.exists(dir.resolve("never.p12")));
        assertArrayEquals(p12, Files.readAllBytes(dir.resolve("openssl.p12")));
    }
}
