package dev.whale.pki.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.whale.pki.Passphrase;
import dev.whale.pki.Pem;
import dev.whale.pki.PkiException;
import dev.whale.pki.WrongPassphraseException;
import dev.whale.pki.key.Encryption;
import dev.whale.pki.key.KeyData;
import dev.whale.pki.key.KeyFormat;
import dev.whale.pki.key.Keys;
import dev.whale.pki.testing.Golden;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** OpenSSH formats without a peer: golden files made once by ssh-keygen 9.2, round trips, and broken input. */
class OpenSshTest {
    static final List<String> GOLDEN = List.of("openssh-ed25519-chacha20", "openssh-rsa1024-aes256ctr",
            "openssh-ecdsa384");

    static String golden(String name) {
        return Golden.text(name);
    }

    static KeyData key(String type, SplittableRandom rnd) {
        SecureRandom random = new SecureRandom();
        return switch (type) {
            case "rsa" -> Keys.generate("RSA", 1024 + 8 * rnd.nextInt(64), BigInteger.valueOf(65537), null, random);
            case "ecdsa" -> Keys.generate("EC", 0, null, List.of("P-256", "P-384", "P-521").get(rnd.nextInt(3)),
                    random);
            default -> Keys.generate("ED25519", 256, null, null, random);
        };
    }

    @Test
    void readPrivateKey_golden_matchesItsPublicFileAndComment() {
        for (String name : GOLDEN) {
            KeyData k = Keys.read(golden(name + ".key").getBytes(StandardCharsets.UTF_8), name,
                    Passphrase.of("golden pass".toCharArray()));
            KeyData pub = OpenSsh.readPublicKey(golden(name + ".pub"), name + ".pub");
            assertEquals(golden(name + ".pub").strip(), OpenSsh.publicKeyLine(k.publicKey(), k.comment()), name);
            assertEquals(pub.comment(), k.comment());
            assertEquals(KeyFormat.OPENSSH, k.format());
        }
    }

    @Test
    void readPrivateKey_golden_reportsCipherAndRounds() {
        KeyData k = Keys.read(golden("openssh-ed25519-chacha20.key").getBytes(StandardCharsets.UTF_8), "k",
                Passphrase.of("golden pass".toCharArray()));
        Encryption e = k.encryption().orElseThrow();
        assertEquals("openssh-key-v1", e.scheme());
        assertEquals("bcrypt", e.kdf());
        assertEquals(2, e.cost());
        assertEquals(16, e.salt().length);
        assertEquals("chacha20-poly1305@openssh.com", e.cipher());
        assertTrue(Keys.read(golden("openssh-ecdsa384.key").getBytes(StandardCharsets.UTF_8), "k",
                Passphrase.none()).encryption().isEmpty());
    }

    @Test
    void readPrivateKey_wrongPassphrase_namesTheFile() {
        for (String name : List.of("openssh-ed25519-chacha20", "openssh-rsa1024-aes256ctr")) {
            WrongPassphraseException e = assertThrows(WrongPassphraseException.class, () -> Keys.read(
                    golden(name + ".key").getBytes(StandardCharsets.UTF_8), name + ".key",
                    Passphrase.of("golden pas".toCharArray())));
            assertEquals("wrong passphrase for " + name + ".key", e.getMessage());
        }
    }

    @Test
    void fingerprintAndRandomArt_golden_asSshKeygenLv() {
        for (String name : GOLDEN) {
            KeyData k = OpenSsh.readPublicKey(golden(name + ".pub"), name);
            StringBuilder sb = new StringBuilder();
            for (FingerprintHash h : List.of(FingerprintHash.SHA256, FingerprintHash.MD5)) {
                sb.append(k.bits()).append(' ').append(OpenSsh.fingerprint(k.publicKey(), h)).append(' ')
                        .append(k.comment()).append(" (").append(OpenSsh.typeLabel(k.publicKey())).append(")\n")
                        .append(OpenSsh.randomArt(k.publicKey(), h)).append('\n');
            }
            assertEquals(golden(name + ".lv.txt"), sb.toString(), name);
        }
    }

    /** A digest of all ones walks the bishop diagonally down to the right, where it stays. */
    @Test
    void randomArt_allOnes_walksToTheCorner() {
        byte[] allOnes = new byte[32];
        Arrays.fill(allOnes, (byte) 0xff);
        assertEquals(String.join("\n",
                "+---[ECDSA 384]---+",
                "|                 |",
                "|                 |",
                "|                 |",
                "|                 |",
                "|        S        |",
                "|         .       |",
                "|          .      |",
                "|           .     |",
                "|            ....E|",
                "+----[SHA256]-----+"), RandomArt.draw(allOnes, "ECDSA", 384, "SHA256"));
    }

    @Test
    void publicKeyLine_roundTripsEveryType() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (String type : List.of("rsa", "ecdsa", "ecdsa", "ed25519")) {
            KeyData k = key(type, rnd);
            String line = OpenSsh.publicKeyLine(k.publicKey(), "a comment  with spaces");
            KeyData back = OpenSsh.parsePublicKeyLine(line, "line");
            assertArrayEquals(OpenSsh.publicKeyBlob(k.publicKey()), OpenSsh.publicKeyBlob(back.publicKey()));
            assertEquals("a comment  with spaces", back.comment());
            assertEquals(line, OpenSsh.publicKeyLine(back.publicKey(), back.comment()));
            assertTrue(line.startsWith(OpenSsh.sshName(k.publicKey()) + " AAAA"));
        }
    }

    @Test
    void parsePublicKeyLine_refusesWithAMessageNamingTheInput() {
        String ed = golden("openssh-ed25519-chacha20.pub").strip();
        String b64 = ed.split(" ")[1];
        assertEquals("k.pub: the line says ssh-rsa but holds a ssh-ed25519 key", assertThrows(PkiException.class,
                () -> OpenSsh.parsePublicKeyLine("ssh-rsa " + b64, "k.pub")).getMessage());
        assertEquals("k.pub: the ssh-ed25519 key is not valid base64", assertThrows(PkiException.class,
                () -> OpenSsh.parsePublicKeyLine("ssh-ed25519 AAA*", "k.pub")).getMessage());
        assertEquals("k.pub: Ed25519 public key is longer than the data left", assertThrows(PkiException.class,
                () -> OpenSsh.parsePublicKeyLine("ssh-ed25519 " + b64.substring(0, 40), "k.pub")).getMessage());
        assertTrue(assertThrows(PkiException.class, () -> OpenSsh.parsePublicKeyLine("ssh-dss AAAAB3NzaC1kc3M=",
                "k.pub")).getMessage().startsWith("k.pub: unsupported key type \"ssh-dss\""));
    }

    @Test
    void rfc4716_roundTripsAndContinuesLongComments() {
        KeyData k = OpenSsh.readPublicKey(golden("openssh-rsa1024-aes256ctr.pub"), "k");
        String comment = "a long comment ".repeat(8).strip();
        String block = OpenSsh.rfc4716(k.publicKey(), comment);
        for (String line : block.split("\n")) {
            assertTrue(line.length() <= 72, line);
        }
        assertTrue(block.contains("\\\n"), block);
        KeyData back = OpenSsh.readRfc4716("text before\n" + block.replace("\n", "\r\n"), "k.rfc");
        assertEquals(comment, back.comment());
        assertArrayEquals(OpenSsh.publicKeyBlob(k.publicKey()), OpenSsh.publicKeyBlob(back.publicKey()));
        assertEquals(KeyFormat.RFC4716_PUBLIC, Keys.read(block.getBytes(StandardCharsets.UTF_8), "k.rfc",
                Passphrase.none()).format());
        assertEquals("k.rfc: no ---- END SSH2 PUBLIC KEY ---- line", assertThrows(PkiException.class,
                () -> OpenSsh.readRfc4716(block.substring(0, block.length() - 31), "k.rfc")).getMessage());
    }

    @Test
    void writer_roundTripsEveryCipherAndType() {
        SplittableRandom rnd = new SplittableRandom(99);
        for (SshCipher cipher : SshCipher.values()) {
            if (cipher == SshCipher.NONE) {
                continue;
            }
            KeyData k = key(List.of("rsa", "ecdsa", "ed25519").get(rnd.nextInt(3)), rnd);
            char[] pass = ("p" + rnd.nextInt(1_000_000)).toCharArray();
            String text = OpenSshKeyWriter.builder().passphrase(pass).cipher(cipher.sshName())
                    .rounds(1 + rnd.nextInt(2)).build().write(k.privateKey(), "comment " + cipher);
            KeyData back = Keys.read(text.getBytes(StandardCharsets.UTF_8), "k", Passphrase.of(pass));
            assertArrayEquals(OpenSsh.publicKeyBlob(k.publicKey()), OpenSsh.publicKeyBlob(back.publicKey()));
            assertEquals("comment " + cipher, back.comment());
            assertEquals(cipher.sshName(), back.encryption().orElseThrow().cipher());
            assertThrows(WrongPassphraseException.class, () -> Keys.read(text.getBytes(StandardCharsets.UTF_8), "k",
                    Passphrase.of("not it".toCharArray())));
        }
    }

    @Test
    void writer_emptyPassphrase_writesCipherNone() {
        KeyData k = key("ed25519", new SplittableRandom(1));
        OpenSshKeyWriter w = OpenSshKeyWriter.builder().build();
        assertFalse(w.encrypts());
        byte[] blob = w.encode(k.privateKey(), "");
        OpenSshKeyV1.Header h = OpenSshKeyV1.header(blob, "k");
        assertEquals(SshCipher.NONE, h.cipher());
        assertEquals("none", h.kdf());
        assertEquals(0, (h.sealed().length) % 8);
        assertEquals("openssh-key-v1 (unencrypted)", w.toString());
        assertEquals("openssh-key-v1 (bcrypt, 16 rounds, aes256-ctr)",
                OpenSshKeyWriter.builder().passphrase("x".toCharArray()).build().toString());
    }

    @Test
    void writer_refusesWhatCannotBeWritten() {
        KeyData k = key("ed25519", new SplittableRandom(1));
        assertEquals("an openssh-key-v1 file needs a private key, not a public one", assertThrows(PkiException.class,
                () -> OpenSshKeyWriter.builder().build().write(k.publicKey(), "")).getMessage());
        assertEquals("bcrypt rounds must be at least 1: 0", assertThrows(PkiException.class,
                () -> OpenSshKeyWriter.builder().rounds(0)).getMessage());
        assertTrue(assertThrows(PkiException.class, () -> OpenSshKeyWriter.builder().cipher("rot13")).getMessage()
                .startsWith("Invalid OpenSSH-format cipher 'rot13'; choose one of: none, 3des-cbc"));
    }

    /** Every truncation and many single-byte changes of a key give a PkiException, never another exception. */
    @Test
    void readPrivateKey_brokenBlobs_failWithPkiException() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (String name : GOLDEN) {
            String text = golden(name + ".key");
            byte[] blob = Pem.read(text, name).get(0).der();
            for (int cut = 0; cut < blob.length; cut += 1 + rnd.nextInt(7)) {
                byte[] shorter = Arrays.copyOf(blob, cut);
                PkiException e = assertThrows(PkiException.class, () -> OpenSsh.readPrivateKey(shorter, "k",
                        Passphrase.of("golden pass".toCharArray())), "cut at " + cut);
                assertTrue(e.getMessage().startsWith("k: ") || e.getMessage().equals("wrong passphrase for k"),
                        e.getMessage());
            }
            int roundsAt = roundsOffset(blob);
            for (int trial = 0; trial < 60; trial++) {
                byte[] changed = blob.clone();
                int at = rnd.nextInt(changed.length);
                if (at >= roundsAt && at < roundsAt + 3) {
                    continue; // more rounds only take longer, as in OpenSSH
                }
                changed[at] ^= (byte) (1 + rnd.nextInt(255));
                try {
                    OpenSsh.readPrivateKey(changed, "k", Passphrase.of("golden pass".toCharArray()));
                } catch (PkiException expected) {
                    assertTrue(expected.getMessage().contains("k"), expected.getMessage());
                } catch (RuntimeException e) {
                    fail("byte " + at + " changed: " + e, e);
                }
            }
        }
    }

    /** Where bcrypt's rounds are in an openssh-key-v1 blob, or past the end for an unencrypted one. */
    private static int roundsOffset(byte[] blob) {
        SshWire.Reader r = new SshWire.Reader(blob, 15, blob.length, "k");
        r.string("cipher");
        r.string("kdf");
        int kdfOptions = r.position() + 4;
        byte[] options = r.string("kdf options");
        return options.length == 0 ? blob.length : kdfOptions + options.length - 4;
    }

    @Test
    void readPrivateKeyHeader_givesThePublicKeyWithoutThePassphrase() {
        byte[] blob = Pem.read(golden("openssh-rsa1024-aes256ctr.key"), "k").get(0).der();
        KeyData h = OpenSsh.readPrivateKeyHeader(blob, "k");
        assertFalse(h.isPrivate());
        assertEquals(golden("openssh-rsa1024-aes256ctr.pub").strip().replace(" golden rsa", ""),
                OpenSsh.publicKeyLine(h.publicKey(), ""));
        assertEquals(3, h.encryption().orElseThrow().cost());
    }

    @Test
    void fingerprintHash_namedInAnyCase() {
        assertEquals(FingerprintHash.MD5, FingerprintHash.named("md5"));
        assertEquals(FingerprintHash.SHA512, FingerprintHash.named("Sha512"));
        assertEquals("Invalid hash algorithm \"sha3\"; choose one of: md5, sha1, sha256, sha384, sha512",
                assertThrows(PkiException.class, () -> FingerprintHash.named("sha3")).getMessage());
    }
}
