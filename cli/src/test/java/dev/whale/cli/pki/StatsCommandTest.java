package dev.whale.cli.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whale.cli.Run;
import dev.whale.pki.testing.Openssl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code whale pki stats}: the post's two tables over /etc/ssl/certs, against its shell pipelines run for real. */
class StatsCommandTest {
    /** The post's two loops, one after the other, in the C locale so that sort orders by byte. */
    static final String PIPELINES = """
            for i in /etc/ssl/certs/*.pem; do openssl x509 -inform pem -in ${i} -noout -text \
            | grep -E "Public Key Algorithm"; done | sort | uniq -c
            for i in /etc/ssl/certs/*.pem; do openssl x509 -inform pem -in ${i} -noout -text \
            | grep -E "^    Signature Algorithm"; done | sort | uniq -c
            """;

    @TempDir
    Path dir;

    static String bash(String script) throws Exception {
        Openssl.path();
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).redirectErrorStream(false);
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        return out;
    }

    @Test
    void text_etcSslCerts_sameAsThePostsPipelinesWithOpenssl() throws Exception {
        String expected = bash(PIPELINES);
        assertTrue(expected.contains("rsaEncryption"), "no certificates in /etc/ssl/certs; install them: "
                + "apt-get install ca-certificates");
        Run w = Run.of("pki", "stats");
        assertEquals(0, w.exit(), w.err());
        assertEquals(expected, w.out());
    }

    @Test
    void json_countsTheSameAsText() {
        Run text = Run.of("pki", "stats", "/etc/ssl/certs");
        Run json = Run.of("pki", "stats", "--format", "json", "/etc/ssl/certs");
        assertEquals(0, json.exit(), json.err());
        for (String line : text.out().split("\n")) {
            String[] f = line.strip().split(" +");
            String name = f[f.length - 1];
            assertTrue(json.out().contains("\"" + name + "\" : " + f[0]), name + " in\n" + json.out());
        }
        assertTrue(json.out().startsWith("{\n  \"certificates\" : "), json.out());
    }

    @Test
    void filesAndDirectories_countedTogether_badFilesReported() throws Exception {
        Path certs = Files.createDirectories(dir.resolve("store"));
        Files.copy(Path.of("../pki/src/test/resources/golden/amazon-root-ca-1.pem"), certs.resolve("a.pem"));
        Files.copy(Path.of("../pki/src/test/resources/golden/amazon-root-ca-1.pem"), certs.resolve("b.pem"));
        Files.writeString(certs.resolve("readme.txt"), "not a .pem, not counted");
        Files.writeString(dir.resolve("bad.pem"), "garbage");
        Run w = Run.of("pki", "stats", certs.toString(), dir.resolve("bad.pem").toString());
        assertEquals(1, w.exit());
        assertEquals("""
                      2             Public Key Algorithm: rsaEncryption
                      2     Signature Algorithm: sha256WithRSAEncryption
                """, w.out());
        w.assertOneLineError(1, "whale pki stats: " + dir.resolve("bad.pem") + ": not a certificate: no "
                + "-----BEGIN CERTIFICATE----- line, and not DER (which starts with 0x30, not 0x67)");
    }
}
