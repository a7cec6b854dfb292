package dev.whale.cli.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * {@code whale pki req -in CSR -text -pubkey -subject -modulus} against {@code openssl req} on requests made at
 * random: key types and sizes, names, requested extensions and other attributes.
 */
class ReqTextOpensslTest {
    @TempDir
    static Path dir;

    static final Random RANDOM = new Random();
    static final List<String> CSRS = new ArrayList<>();

    static String f(String name) {
        return dir.resolve(name).toString();
    }

    @BeforeAll
    static void requests() throws Exception {
        List<List<String>> keys = List.of(List.of("-newkey", "rsa:" + (1024 + 1024 * RANDOM.nextInt(2))),
                List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-" + (RANDOM.nextBoolean() ? "256" : "384")),
                List.of("-newkey", "ed25519"));
        List<String> exts = List.of("subjectAltName=DNS:a.example,IP:127.0.0.1", "keyUsage=critical,digitalSignature",
                "basicConstraints=CA:FALSE", "extendedKeyUsage=serverAuth,clientAuth");
        Files.writeString(dir.resolve("att.cnf"), "[req]\ndistinguished_name=dn\nattributes=att\nprompt=no\n"
                + "[dn]\nCN=att\nO=Zoë\n[att]\nchallengePassword=secret" + RANDOM.nextInt(1000)
                + "\nunstructuredName=An Org\n");
        int n = 0;
        for (List<String> k : keys) {
            for (int variant = 0; variant < 3; variant++) {
                String name = "r" + n++ + ".csr";
                List<String> args = new ArrayList<>(List.of("req", "-new", "-nodes", "-keyout", f(name + ".key"),
                        "-out", f(name)));
                args.addAll(k);
                if (variant == 2) {
                    args.addAll(List.of("-config", f("att.cnf")));
                } else {
                    args.addAll(List.of("-utf8", "-subj", RANDOM.nextBoolean() ? "/C=US/O=Acme, Inc./CN=Zoë"
                            : "/CN=req.example/OU=a+OU=b"));
                    if (variant == 1) {
                        for (String e : exts) {
                            if (RANDOM.nextInt(3) > 0) {
                                args.addAll(List.of("-addext", e));
                            }
                        }
                    }
                }
                Openssl.textOk(dir, args.toArray(String[]::new));
                CSRS.add(name);
            }
        }
    }

    void assertSameAsOpenssl(String... args) throws Exception {
        List<String> req = new ArrayList<>(List.of("req"));
        req.addAll(List.of(args));
        Openssl.Out o = Openssl.text(dir, req.toArray(String[]::new));
        List<String> w = new ArrayList<>(List.of("pki", "req"));
        w.addAll(List.of(args));
        Run r = Run.of(w.toArray(String[]::new));
        assertEquals(o.out(), r.out(), String.join(" ", args));
        assertEquals(o.err(), r.err(), String.join(" ", args));
        assertEquals(o.exit(), r.exit(), String.join(" ", args));
    }

    @Test
    void text_randomRequests_sameAsOpenssl() throws Exception {
        for (String csr : CSRS) {
            assertSameAsOpenssl("-in", f(csr), "-noout", "-text");
            assertSameAsOpenssl("-verify", "-text", "-noout", "-in", f(csr));
        }
    }

    @Test
    void pubkeySubjectModulusText_inOpensslsOrder_sameAsOpenssl() throws Exception {
        for (String csr : CSRS) {
            assertSameAsOpenssl("-in", f(csr), "-modulus", "-subject", "-text", "-pubkey");
            assertSameAsOpenssl("-in", f(csr), "-noout", "-subject", "-nameopt", "RFC2253", "-pubkey");
            assertSameAsOpenssl("-in", f(csr), "-noout", "-text", "-nameopt", "multiline");
        }
    }

    @Test
    void text_toOutFile_sameBytesAsOpenssl() throws Exception {
        Openssl.textOk(dir, "req", "-in", f(CSRS.get(0)), "-text", "-out", f("o.txt"));
        Run w = Run.of("pki", "req", "-in", f(CSRS.get(0)), "-text", "-out", f("w.txt"));
        assertEquals(0, w.exit(), w.err());
        assertEquals(Files.readString(dir.resolve("o.txt")), Files.readString(dir.resolve("w.txt")));
    }
}
