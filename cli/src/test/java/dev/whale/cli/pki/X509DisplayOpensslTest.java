package dev.whale.cli.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whale.cli.Run;
import dev.whale.pki.testing.Openssl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code whale pki x509}'s -checkend, -modulus, -ext, -nameopt, -purpose and -x509toreq against the real openssl,
 * on certificates made at random (key types and sizes, names, extensions, validity) for each run.
 */
class X509DisplayOpensslTest {
    @TempDir
    static Path dir;

    static final Random RANDOM = new Random();
    /** The certificates made for this run, by file name. */
    static final List<String> CERTS = new ArrayList<>();

    static String f(String name) {
        return dir.resolve(name).toString();
    }

    static Run whale(String... args) {
        List<String> a = new ArrayList<>(List.of("pki", "x509"));
        a.addAll(List.of(args));
        return Run.of(a.toArray(String[]::new));
    }

    static <T> T pick(List<T> l) {
        return l.get(RANDOM.nextInt(l.size()));
    }

    static final List<String> SUBJECTS = List.of("/CN=localhost", "/C=US/O=Acme, Inc./OU=a+OU=b/CN=Zoë Test",
            "/CN= lead#/O=x\\,y;z<>/L=\"q\"", "/DC=com/DC=example/CN=Ω 𝄞/emailAddress=a@b.example",
            "/C=DE/ST=Bayern/L=München/O=Straße/CN=www.example.de", "/CN=a\\\\b/serialNumber=42/title=Dr");

    static final List<String> EXTENSIONS = List.of("subjectAltName=DNS:x.example,IP:10.0.0.1,email:a@b.example",
            "keyUsage=critical,digitalSignature", "keyUsage=keyCertSign,cRLSign", "keyUsage=keyEncipherment",
            "extendedKeyUsage=serverAuth", "extendedKeyUsage=clientAuth,emailProtection",
            "extendedKeyUsage=critical,timeStamping", "basicConstraints=critical,CA:FALSE",
            "basicConstraints=CA:TRUE,pathlen:0", "nsCertType=server,client", "nsCertType=sslCA,emailCA",
            "keyUsage=nonRepudiation", "extendedKeyUsage=codeSigning,OCSPSigning");

    @BeforeAll
    static void certificates() throws Exception {
        List<String[]> keys = List.of(new String[] {"rsa", "-newkey", "rsa:" + pick(List.of(1024, 2048, 3072))},
                new String[] {"ec", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:" + pick(List.of("P-256",
                    "P-384"))}, new String[] {"ed", "-newkey", "ed25519"});
        for (String[] k : keys) {
            for (int i = 0; i < 4; i++) {
                String name = k[0] + i;
                List<String> args = new ArrayList<>(List.of("req", "-x509", "-nodes", "-utf8", "-keyout",
                        f(name + ".key"), "-out", f(name + ".pem"), "-days", "" + (1 + RANDOM.nextInt(60)),
                        "-subj", pick(SUBJECTS)));
                args.addAll(List.of(k).subList(1, k.length));
                if (i == 0) {
                    args.addAll(List.of("-config", "/dev/null")); // no extensions at all
                } else {
                    for (int e = 0; e < 1 + RANDOM.nextInt(3); e++) {
                        String ext = pick(EXTENSIONS);
                        String extName = ext.substring(0, ext.indexOf('='));
                        if (args.stream().noneMatch(a -> a.startsWith(extName + "="))) {
                            args.addAll(List.of("-addext", ext));
                        }
                    }
                }
                Openssl.textOk(dir, args.toArray(String[]::new));
                CERTS.add(name);
            }
        }
    }

    void assertSameAsOpenssl(String... args) throws Exception {
        List<String> x509 = new ArrayList<>(List.of("x509"));
        x509.addAll(List.of(args));
        // Read as bytes: some -nameopt flags make openssl write bytes that are not UTF-8.
        Openssl.Out o = Openssl.run(dir, x509.toArray(String[]::new));
        Run w = whale(args);
        assertEquals(o.utf8(), w.out(), String.join(" ", args));
        assertEquals(o.err(), w.err(), String.join(" ", args));
        assertEquals(o.exit(), w.exit(), String.join(" ", args));
    }

    @Test
    void checkend_withinAndBeyondTheValidity_sameLineAndExitCodeAsOpenssl() throws Exception {
        for (String c : CERTS) {
            for (String seconds : List.of("0", "-5", "86400", "" + 61 * 86400, "" + RANDOM.nextInt(61 * 86400))) {
                assertSameAsOpenssl("-in", f(c + ".pem"), "-checkend", seconds, "-noout");
                assertSameAsOpenssl("-in", f(c + ".pem"), "-subject", "-checkend", seconds);
            }
        }
        whale("-in", f("rsa0.pem"), "-checkend", "abc").assertOneLineError(1,
                "whale pki x509: -checkend: can't parse \"abc\" as a number of seconds");
    }

    @Test
    void modulus_rsaEcAndEd25519_sameAsOpenssl() throws Exception {
        for (String c : CERTS) {
            assertSameAsOpenssl("-in", f(c + ".pem"), "-noout", "-modulus");
            assertSameAsOpenssl("-in", f(c + ".pem"), "-noout", "-subject", "-modulus", "-serial");
        }
    }

    /** The name hashes (CApath link names), new and old, in the order given, a repeat at its last place. */
    @Test
    void hashes_subjectAndIssuerNewAndOld_sameAsOpenssl() throws Exception {
        for (String c : CERTS) {
            assertSameAsOpenssl("-in", f(c + ".pem"), "-noout", "-hash", "-issuer_hash", "-subject_hash_old",
                    "-issuer_hash_old");
            assertSameAsOpenssl("-in", f(c + ".pem"), "-noout", "-issuer_hash_old", "-subject", "-subject_hash",
                    "-issuer_hash_old");
        }
    }

    @Test
    void ext_namedExtensions_presentMissingAndNone_sameAsOpenssl() throws Exception {
        List<String> names = List.of("subjectAltName", "keyUsage", "basicConstraints", "extendedKeyUsage",
                "nsCertType", "subjectKeyIdentifier", "authorityKeyIdentifier", "nameConstraints", "nosuch", ",");
        for (String c : CERTS) {
            for (int i = 0; i < 4; i++) {
                String list = pick(names) + (RANDOM.nextBoolean() ? "," + pick(names) : "");
                assertSameAsOpenssl("-in", f(c + ".pem"), "-noout", "-ext", list);
                assertSameAsOpenssl("-in", f(c + ".pem"), "-noout", "-issuer", "-ext", list, "-serial");
            }
        }
    }

    @Test
    void nameopt_namedFormsAndFlagLists_sameAsOpensslForSubjectIssuerAndText() throws Exception {
        List<List<String>> options = List.of(List.of("RFC2253"), List.of("oneline"), List.of("multiline"),
                List.of("compat"), List.of("utf8"), List.of("utf8,sep_comma_plus"), List.of("sep_multiline"),
                List.of("oneline,dn_rev"), List.of("oneline,lname"), List.of("oneline,oid"),
                List.of("oneline,-space_eq"),
                List.of("multiline,-align"), List.of("esc_2253"), List.of("RFC2253,-esc_msb"),
                List.of("sep_semi_plus_space,space_eq"), List.of("dump_all"), List.of("show_type"),
                List.of("utf8", "sep_comma_plus"), List.of("nofname,sep_comma_plus"), List.of("ca_default"),
                List.of(" UTF8 , +dn_rev"), List.of("esc_ctrl,esc_msb,use_quote,sname,align"),
                List.of("RFC2253,dump_der,dump_nostr"), List.of("compat,utf8"), List.of("ignore_type,esc_2254"));
        for (List<String> o : options) {
            String c = pick(CERTS);
            List<String> args = new ArrayList<>(List.of("-in", f(c + ".pem"), "-noout", "-subject", "-issuer"));
            for (String n : o) {
                args.addAll(List.of("-nameopt", n));
            }
            assertSameAsOpenssl(args.toArray(String[]::new));
            args.add("-text");
            assertSameAsOpenssl(args.toArray(String[]::new));
        }
        for (String c : CERTS) {
            assertSameAsOpenssl("-in", f(c + ".pem"), "-noout", "-subject", "-nameopt", pick(options).get(0));
        }
        Run bad = whale("-in", f("rsa0.pem"), "-noout", "-subject", "-nameopt", "utf8,bogus");
        assertEquals(1, bad.exit());
        assertTrue(bad.oneLineError(), bad.err());
        assertTrue(bad.err().startsWith("whale pki x509: -nameopt: unknown name option 'bogus'; use one of "),
                bad.err());
    }

    @Test
    void purpose_leafAndCaChecks_sameAsOpenssl() throws Exception {
        for (String c : CERTS) {
            assertSameAsOpenssl("-in", f(c + ".pem"), "-noout", "-purpose");
        }
        assertSameAsOpenssl("-in", f("rsa1.pem"), "-noout", "-subject", "-purpose", "-serial");
    }

    @Test
    void x509toreq_requestOpensslVerifies_andRsaBytesSameAsOpenssl() throws Exception {
        for (String c : List.of("rsa1", "ec2", "ed3")) {
            Run w = whale("-in", f(c + ".pem"), "-x509toreq", "-signkey", f(c + ".key"), "-out", f(c + "-w.csr"));
            assertEquals(0, w.exit(), w.err());
            assertEquals("Certificate request self-signature verify OK\n",
                    Openssl.text(dir, "req", "-verify", "-noout", "-in", f(c + "-w.csr")).err());
            Openssl.textOk(dir, "x509", "-in", f(c + ".pem"), "-x509toreq", "-signkey", f(c + ".key"), "-out",
                    f(c + "-o.csr"));
            if (!c.startsWith("ec")) { // RSA PKCS#1 v1.5 and Ed25519 signatures are deterministic
                assertEquals(Files.readString(dir.resolve(c + "-o.csr")), Files.readString(dir.resolve(c + "-w.csr")));
            }
        }
        assertSameAsOpenssl("-in", f("rsa1.pem"), "-x509toreq", "-signkey", f("rsa1.key"), "-subject");
        whale("-in", f("rsa1.pem"), "-x509toreq").assertOneLineError(1, "whale pki x509: -x509toreq: Must specify "
                + "request signing key using -signkey (or -key)");
    }
}
