package dev.whale.cli.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.whale.cli.Run;
import dev.whale.pki.testing.Openssl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code whale pki keystore}: key stores from PEM that the JDK's keytool lists. */
class KeystoreCommandKeytoolTest {
    @TempDir
    static Path dir;

    static String f(String name) {
        return dir.resolve(name).toString();
    }

    /** keytool of the JDK running the tests. */
    static String keytool(String... args) throws Exception {
        Path bin = Path.of(System.getProperty("java.home"), "bin", "keytool");
        if (!Files.isExecutable(bin)) {
            fail("keytool is missing from " + bin.getParent() + "; run the tests on a full JDK, not a JRE");
        }
        List<String> cmd = new ArrayList<>(List.of(bin.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @BeforeAll
    static void chain() throws Exception {
        Openssl.textOk(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "ca.key", "-subj", "/CN=Test CA", "-out", "ca.pem");
        Openssl.textOk(dir, "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-subj",
                "/CN=localhost", "-out", "server.csr");
        Openssl.textOk(dir, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial",
                "2", "-days", "30", "-out", "server.pem");
        Openssl.textOk(dir, "pkey", "-in", "server.key", "-aes-256-cbc", "-passout", "pass:keypass", "-out",
                "server-enc.key");
    }

    @Test
    void keystore_pkcs12WithChain_keytoolListsTheEntry() throws Exception {
        Run r = Run.of("pki", "keystore", "--cert", f("server.pem"), "--key", f("server.key"), "--chain",
                f("ca.pem"), "--out", f("server.p12"), "--storepass", "pass:changeit");
        assertEquals(0, r.exit(), r.err());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dir.resolve("server.p12"))));
        String list = keytool("-list", "-v", "-keystore", f("server.p12"), "-storepass", "changeit");
        assertTrue(list.contains("Keystore type: PKCS12"), list);
        assertTrue(list.contains("Alias name: mykey"), list);
        assertTrue(list.contains("Entry type: PrivateKeyEntry"), list);
        assertTrue(list.contains("Certificate chain length: 2"), list);
        assertTrue(list.contains("Owner: CN=localhost"), list);
    }

    @Test
    void keystore_jksFromEncryptedKey_keytoolListsTheAlias() throws Exception {
        Run r = Run.of("pki", "keystore", "--cert", f("server.pem"), "--key", f("server-enc.key"), "--passin",
                "pass:keypass", "--out", f("server.jks"), "--storetype", "jks", "--storepass", "pass:changeit",
                "--alias", "server");
        assertEquals(0, r.exit(), r.err());
        String list = keytool("-list", "-keystore", f("server.jks"), "-storepass", "changeit");
        assertTrue(list.contains("Keystore type: JKS"), list);
        assertTrue(list.contains("server, "), list);
        assertTrue(list.contains("PrivateKeyEntry"), list);
    }

    @Test
    void keystore_keyOfAnotherCertificate_oneLine() {
        Run.of("pki", "keystore", "--cert", f("server.pem"), "--key", f("ca.key"), "--out", f("x.p12"),
                "--storepass", "pass:x").assertOneLineError(1, "whale pki keystore: none of the certificates is for "
                + "the private key (EC 256 bit); the first is for CN = localhost");
        assertTrue(!Files.exists(dir.resolve("x.p12")));
    }

    @Test
    void help_showsAWhaleExample() {
        assertTrue(Run.of("pki", "keystore", "--help").out().contains("./whale pki keystore --cert server.pem"));
    }
}
