package dev.whale.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** inspect's figures against ssh-keygen -l (fingerprints) and openssl (SPKI digest, PBES2 parameters). */
class InspectionPeersTest {
    @TempDir
    Path dir;

    @Test
    void fingerprints_andParameters_matchTheRealTools() throws Exception {
        Path ssh = dir.resolve("id_ecdsa");
        run("ssh-keygen", "-q", "-t", "ecdsa", "-N", "pw", "-a", "7", "-C", "c", "-f", ssh.toString());
        Inspection x = Inspection.of(Files.readAllBytes(ssh), "id_ecdsa").get(0);
        String l = run("ssh-keygen", "-l", "-f", ssh + ".pub");
        assertTrue(l.startsWith("256 " + x.sshFingerprint() + " c (ECDSA)"), l);
        assertEquals("bcrypt", x.encryption().orElseThrow().kdf());
        assertEquals(7, x.encryption().orElseThrow().cost());
        assertEquals("aes256-ctr", x.encryption().orElseThrow().cipher());

        Path rsa = dir.resolve("rsa.pem");
        run("openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", rsa.toString());
        Path der = dir.resolve("pub.der");
        run("openssl", "pkey", "-in", rsa.toString(), "-pubout", "-outform", "DER", "-out", der.toString());
        Inspection r = Inspection.of(Files.readAllBytes(rsa), "rsa.pem").get(0);
        String digest = run("openssl", "dgst", "-sha256", "-r", der.toString()).split(" ")[0];
        assertEquals(digest, r.spkiSha256().replace(":", ""));
        assertEquals("RSA", r.algorithm());
        assertEquals(1024, r.bits());

        Path enc = dir.resolve("enc.pem");
        run("openssl", "genpkey", "-algorithm", "ED25519", "-aes-128-cbc", "-pass", "pass:x", "-out", enc.toString());
        Inspection e = Inspection.of(Files.readAllBytes(enc), "enc.pem").get(0);
        String asn1 = run("openssl", "asn1parse", "-in", enc.toString());
        String salt = asn1.lines().filter(s -> s.contains("OCTET STRING") && s.contains("l=   8")).findFirst()
                .orElseThrow().replaceAll(".*:", "");
        assertEquals(salt, HexFormat.of().withUpperCase().formatHex(e.encryption().orElseThrow().salt()));
        assertEquals("aes-128-cbc", e.encryption().orElseThrow().cipher());
        assertEquals(2048, e.encryption().orElseThrow().cost());
    }

    @Test
    void severalBlocks_eachInspected() throws Exception {
        Path key = dir.resolve("k.pem");
        run("openssl", "req", "-x509", "-newkey", "ed25519", "-nodes", "-keyout", key.toString(), "-out",
                dir.resolve("c.pem").toString(), "-subj", "/CN=bundle", "-days", "2");
        Files.writeString(dir.resolve("bundle.pem"), Files.readString(dir.resolve("c.pem")) + Files.readString(key));
        List<Inspection> all = Inspection.of(Files.readAllBytes(dir.resolve("bundle.pem")), "bundle.pem");
        assertEquals(List.of("certificate", "private key"), all.stream().map(Inspection::kind).toList());
        assertEquals(all.get(0).spkiSha256(), all.get(1).spkiSha256(), "the key belongs to the certificate");
    }

    private String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
        return out;
    }
}
