package dev.whale.cli.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whale.cli.Run;
import dev.whale.pki.testing.Openssl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code whale pki crl} against {@code openssl crl}, on CRLs that {@code openssl ca -gencrl} makes in the test's
 * directory: a CA of a random key type revokes a random number of certificates with random reasons (with an
 * invalidity date and a hold instruction among them), and an empty CRL besides.
 */
class CrlCommandOpensslTest {
    @TempDir
    static Path dir;

    static final Random RANDOM = new Random();
    static final List<String> REASONS = List.of("unspecified", "keyCompromise", "CACompromise", "affiliationChanged",
            "superseded", "cessationOfOperation", "certificateHold", "removeFromCRL");

    static String f(String name) {
        return dir.resolve(name).toString();
    }

    static void ca(String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("ca", "-batch", "-config", f("ca.cnf")));
        a.addAll(List.of(args));
        Openssl.textOk(dir, a.toArray(String[]::new));
    }

    @BeforeAll
    static void crls() throws Exception {
        Files.createDirectories(dir.resolve("newcerts"));
        Files.writeString(dir.resolve("index.txt"), "");
        Files.writeString(dir.resolve("serial"), Integer.toHexString(0x1000 + RANDOM.nextInt(0xefff)) + "\n");
        Files.writeString(dir.resolve("crlnumber"), "0" + (1 + RANDOM.nextInt(9)) + "\n");
        Files.writeString(dir.resolve("ca.cnf"), """
                [ca]
                default_ca = CA_default
                [CA_default]
                dir = %s
                database = $dir/index.txt
                new_certs_dir = $dir/newcerts
                certificate = $dir/ca.pem
                private_key = $dir/ca.key
                serial = $dir/serial
                crlnumber = $dir/crlnumber
                default_md = sha256
                default_days = 30
                default_crl_days = %d
                policy = policy_any
                crl_extensions = crl_ext
                [policy_any]
                commonName = supplied
                [crl_ext]
                authorityKeyIdentifier = keyid:always
                """.formatted(dir, 1 + RANDOM.nextInt(30)));
        List<List<String>> keys = List.of(List.of("-newkey", "rsa:2048"),
                List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384"), List.of("-newkey", "ed25519"));
        List<String> req = new ArrayList<>(List.of("req", "-x509", "-nodes", "-utf8", "-keyout", f("ca.key"), "-out",
                f("ca.pem"), "-subj", "/C=DE/O=Zoë, Inc./CN=Test CA"));
        List<String> key = keys.get(RANDOM.nextInt(keys.size()));
        req.addAll(key);
        Openssl.textOk(dir, req.toArray(String[]::new));
        ca("-gencrl", "-out", f("empty.pem"));
        int n = 3 + RANDOM.nextInt(4);
        for (int i = 0; i < n; i++) {
            Openssl.textOk(dir, "req", "-new", "-newkey", "ed25519", "-nodes", "-keyout", f("l" + i + ".key"),
                    "-subj", "/CN=leaf" + i, "-out", f("l" + i + ".csr"));
            ca("-in", f("l" + i + ".csr"), "-out", f("l" + i + ".pem"));
            List<String> revoke = new ArrayList<>(List.of("-revoke", f("l" + i + ".pem")));
            switch (i) {
                case 0 -> revoke.addAll(List.of("-crl_compromise", "20261201120000Z"));
                case 1 -> revoke.addAll(List.of("-crl_hold", "holdInstructionReject"));
                case 2 -> { } // no reason
                default -> revoke.addAll(List.of("-crl_reason", REASONS.get(RANDOM.nextInt(REASONS.size()))));
            }
            ca(revoke.toArray(String[]::new));
        }
        ca("-gencrl", "-out", f("crl.pem"));
        Openssl.textOk(dir, "crl", "-in", f("crl.pem"), "-outform", "DER", "-out", f("crl.der"));
        byte[] der = Files.readAllBytes(dir.resolve("crl.der"));
        Files.write(dir.resolve("truncated.der"), Arrays.copyOf(der, der.length / 2));
        List<String> other = new ArrayList<>(List.of("req", "-x509", "-nodes", "-utf8", "-keyout", f("other.key"),
                "-subj", "/C=DE/O=Zoë, Inc./CN=Test CA", "-out", f("other.pem")));
        other.addAll(key);
        Openssl.textOk(dir, other.toArray(String[]::new));
        Openssl.textOk(dir, "req", "-x509", "-nodes", "-utf8", "-keyout", f("other-kind.key"), "-subj",
                "/C=DE/O=Zoë, Inc./CN=Test CA", "-out", f("other-kind.pem"), "-newkey",
                key.get(1).startsWith("ed") ? "rsa:2048" : "ed25519");
    }

    static Run whale(String... args) {
        List<String> a = new ArrayList<>(List.of("pki", "crl"));
        a.addAll(List.of(args));
        return Run.of(a.toArray(String[]::new));
    }

    void assertSameAsOpenssl(String... args) throws Exception {
        List<String> crl = new ArrayList<>(List.of("crl"));
        crl.addAll(List.of(args));
        Openssl.Out o = Openssl.text(dir, crl.toArray(String[]::new));
        Run w = whale(args);
        assertEquals(o.out(), w.out(), String.join(" ", args));
        assertEquals(o.exit(), w.exit(), String.join(" ", args) + ": " + w.err());
    }

    @Test
    void text_revokedEntriesReasonsAndExtensions_sameAsOpenssl() throws Exception {
        for (String crl : List.of("crl.pem", "empty.pem", "crl.der")) {
            assertSameAsOpenssl("-in", f(crl), "-noout", "-text");
            assertSameAsOpenssl("-in", f(crl), "-text");
            assertSameAsOpenssl("-in", f(crl), "-noout", "-text", "-nameopt", "RFC2253");
        }
        assertSameAsOpenssl("-in", f("crl.pem"), "-noout", "-text", "-nameopt", "multiline");
    }

    @Test
    void fields_inTheOrderGiven_sameAsOpenssl() throws Exception {
        String[][] lines = {
            {"-hash"}, {"-issuer"}, {"-lastupdate", "-nextupdate"}, {"-nextupdate", "-hash", "-issuer"},
            {"-fingerprint"}, {"-fingerprint", "-sha256"}, {"-md5", "-fingerprint", "-crlnumber"},
            {"-crlnumber", "-nameopt", "RFC2253", "-issuer"}, {"-issuer", "-hash", "-issuer"},
            {"-sha512", "-fingerprint"}, {"-hash_old"}, {"-hash_old", "-hash"}, {"-hash", "-issuer", "-hash_old"},
        };
        for (String[] l : lines) {
            for (String crl : List.of("crl.pem", "empty.pem")) {
                List<String> args = new ArrayList<>(List.of("-in", f(crl), "-noout"));
                args.addAll(List.of(l));
                assertSameAsOpenssl(args.toArray(String[]::new));
            }
        }
    }

    @Test
    void caFile_rightAndWrongIssuer_sameVerdictAsOpenssl() throws Exception {
        Openssl.Out o = Openssl.text(dir, "crl", "-in", f("crl.pem"), "-noout", "-CAfile", f("ca.pem"));
        Run w = whale("-in", f("crl.pem"), "-noout", "-CAfile", f("ca.pem"));
        assertEquals("verify OK\n", o.err());
        assertEquals(o.err(), w.err());
        assertEquals(o.exit(), w.exit());
        // Same subject, other key: the signature does not verify.
        o = Openssl.text(dir, "crl", "-in", f("crl.pem"), "-noout", "-CAfile", f("other.pem"));
        w = whale("-in", f("crl.pem"), "-noout", "-CAfile", f("other.pem"));
        assertTrue(o.err().startsWith("verify failure\n"), o.err());
        assertEquals("verify failure\n", w.err());
        assertEquals(o.exit(), w.exit());
        // Same subject, a key of another kind.
        o = Openssl.text(dir, "crl", "-in", f("crl.pem"), "-noout", "-CAfile", f("other-kind.pem"));
        w = whale("-in", f("crl.pem"), "-noout", "-CAfile", f("other-kind.pem"));
        assertEquals(o.exit(), w.exit());
        assertTrue(w.oneLineError(), w.err());
        assertTrue(w.err().contains("wrong public key type"), w.err());
        // No certificate for the issuer at all.
        o = Openssl.text(dir, "crl", "-in", f("crl.pem"), "-noout", "-CAfile", f("l0.pem"));
        w = whale("-in", f("crl.pem"), "-noout", "-CAfile", f("l0.pem"));
        assertEquals(o.exit(), w.exit());
        assertTrue(w.oneLineError(), w.err());
        assertTrue(w.err().startsWith("whale pki crl: Error getting CRL issuer certificate"), w.err());
    }

    /** -CApath (a directory of HASH.0 links, as openssl rehash makes it) and -verify with the default store. */
    @Test
    void caPathAndVerify_sameVerdictAsOpenssl() throws Exception {
        Path capath = Files.createDirectories(dir.resolve("capath"));
        Files.copy(dir.resolve("ca.pem"), capath.resolve("ca.pem"), StandardCopyOption.REPLACE_EXISTING);
        Openssl.textOk(dir, "rehash", capath.toString());
        String[][] cases = {{"-CApath", capath.toString(), "-no-CAfile"}, {"-CApath", capath.toString(), "-issuer"},
            {"-CAstore", capath.toString(), "-no-CAfile", "-no-CApath"}, {"-verify"},
            {"-verify", "-no-CAfile", "-no-CApath", "-no-CAstore"}};
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of("-in", f("crl.pem"), "-noout"));
            args.addAll(List.of(c));
            List<String> o = new ArrayList<>(List.of("crl"));
            o.addAll(args);
            Openssl.Out out = Openssl.text(dir, o.toArray(String[]::new));
            Run w = whale(args.toArray(String[]::new));
            assertEquals(out.exit(), w.exit(), String.join(" ", c) + ": " + w.err());
            assertEquals(out.out(), w.out(), String.join(" ", c));
            if (out.exit() == 0) {
                assertEquals(out.err(), w.err(), String.join(" ", c));
            } else {
                assertTrue(out.err().startsWith("Error getting CRL issuer certificate"), out.err());
                assertTrue(w.oneLineError(), w.err());
                assertTrue(w.err().startsWith("whale pki crl: Error getting CRL issuer certificate: no trusted "
                        + "certificate (-CAfile, -CApath, -CAstore) is named "), w.err());
            }
        }
    }

    @Test
    void outform_derAndPem_sameBytesAsOpenssl() throws Exception {
        for (String form : List.of("DER", "PEM")) {
            Openssl.textOk(dir, "crl", "-in", f("crl.pem"), "-outform", form, "-out", f("o." + form));
            Run w = whale("-in", f("crl.pem"), "-outform", form, "-out", f("w." + form));
            assertEquals(0, w.exit(), w.err());
            assertArrayEquals(Files.readAllBytes(dir.resolve("o." + form)),
                    Files.readAllBytes(dir.resolve("w." + form)));
        }
        Run w = whale("-in", f("crl.der"), "-inform", "DER");
        assertEquals(Files.readString(dir.resolve("crl.pem")), w.out());
        Openssl.textOk(dir, "crl", "-in", f("crl.pem"), "-text", "-issuer", "-out", f("o.txt"));
        w = whale("-in", f("crl.pem"), "-text", "-issuer", "-out", f("w.txt"));
        assertEquals(Openssl.textOk(dir, "crl", "-in", f("crl.pem"), "-issuer", "-noout").out(), w.out());
        assertEquals(Files.readString(dir.resolve("o.txt")), Files.readString(dir.resolve("w.txt")));
    }

    @Test
    void badInput_oneLineAndExitOne_likeOpenssl() throws Exception {
        for (String bad : List.of("truncated.der", "missing.pem", "ca.key")) {
            Openssl.Out o = Openssl.text(dir, "crl", "-in", f(bad), "-noout", "-text");
            Run w = whale("-in", f(bad), "-noout", "-text", "-out", f("never.txt"));
            assertEquals(o.exit(), w.exit(), bad);
            assertTrue(w.oneLineError(), w.err());
            assertEquals("", w.out());
            assertFalse(Files.exists(dir.resolve("never.txt")));
        }
        assertTrue(whale("-in", f("truncated.der"), "-noout").err().contains("truncated"));
    }
}
