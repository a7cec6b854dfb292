package dev.whale.pki.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.whale.pki.Passphrase;
import dev.whale.pki.Pem;
import dev.whale.pki.PemBlock;
import dev.whale.pki.WrongPassphraseException;
import dev.whale.pki.key.KeyData;
import dev.whale.pki.key.Keys;
import dev.whale.pki.key.PemEncryption;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * whale's OpenSSH formats against the real ssh-keygen (OpenSSH 9.2) and openssl: keys of random types, sizes,
 * rounds, ciphers and passphrases written by one are read by the other, and whale's files are byte for byte what
 * ssh-keygen writes when given the same salt and check integer.
 */
class OpenSshSshKeygenTest {
    static final List<String> CIPHERS = List.of("aes256-ctr", "aes128-ctr", "aes192-ctr", "aes128-cbc",
            "aes256-cbc", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "chacha20-poly1305@openssh.com",
            "3des-cbc", "aes192-cbc");

    @TempDir
    Path dir;

    record Out(int exit, String out, String err) {}

    static Out run(Path dir, String... command) throws IOException, InterruptedException {
        if (!isOnPath(command[0])) {
            fail(command[0] + " is not installed; these tests compare whale with it: apt-get install "
                    + (command[0].equals("openssl") ? "openssl" : "openssh-client"));
        }
        Path o = Files.createTempFile(dir, "out", ".txt");
        Path e = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectInput(new File("/dev/null"))
                .redirectOutput(o.toFile()).redirectError(e.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out: " + String.join(" ", command));
        }
        Out out = new Out(p.exitValue(), Files.readString(o), Files.readString(e));
        Files.delete(o);
        Files.delete(e);
        return out;
    }

    private static boolean isOnPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    /** ssh-keygen -t/-b arguments for a random key type and size. */
    static List<String> randomType(SplittableRandom rnd) {
        return switch (rnd.nextInt(3)) {
            case 0 -> List.of("-t", "rsa", "-b", String.valueOf(1024 + 8 * rnd.nextInt(129)));
            case 1 -> List.of("-t", "ecdsa", "-b", List.of("256", "384", "521").get(rnd.nextInt(3)));
            default -> List.of("-t", "ed25519");
        };
    }

    static String randomPassphrase(SplittableRandom rnd) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !#%+,-./:=@_~äöü€";
        StringBuilder sb = new StringBuilder();
        int n = 5 + rnd.nextInt(20);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return sb.toString().strip() + "x";
    }

    Path sshKeygenKey(String name, List<String> type, int rounds, String cipher, String passphrase, String comment)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ssh-keygen", "-q"));
        cmd.addAll(type);
        cmd.addAll(List.of("-a", String.valueOf(rounds), "-Z", cipher, "-N", passphrase, "-C", comment, "-f", name));
        Out o = run(dir, cmd.toArray(String[]::new));
        assertEquals(0, o.exit(), o.err());
        return dir.resolve(name);
    }

    static KeyData read(Path file, String passphrase) throws IOException {
        return Keys.read(Files.readAllBytes(file), file.getFileName().toString(),
                Passphrase.of(passphrase.toCharArray()));
    }

    @Test
    void sshKeygenWrites_whaleReads_everyCipher() throws Exception {
        SplittableRandom rnd = new SplittableRandom(20261124);
        for (String cipher : CIPHERS) {
            List<String> type = randomType(rnd);
            String pass = randomPassphrase(rnd);
            String comment = "c " + cipher + " " + String.join("", type);
            Path f = sshKeygenKey("k-" + cipher, type, 1 + rnd.nextInt(3), cipher, pass, comment);
            KeyData k = read(f, pass);
            String what = cipher + " " + type;
            assertEquals(Files.readString(Path.of(f + ".pub")).strip(), OpenSsh.publicKeyLine(k.publicKey(),
                    k.comment()), what);
            assertEquals(comment, k.comment());
            assertEquals(cipher, k.encryption().orElseThrow().cipher(), what);
            WrongPassphraseException e = assertThrows(WrongPassphraseException.class, () -> read(f, pass + "!"));
            assertEquals("wrong passphrase for " + f.getFileName(), e.getMessage());
        }
    }

    @Test
    void sshKeygenWrites_whaleReads_100Rounds() throws Exception {
        Path f = sshKeygenKey("k100", List.of("-t", "ed25519"), 100, "aes256-ctr", "a passphrase", "hundred");
        KeyData k = read(f, "a passphrase");
        assertEquals(100, k.encryption().orElseThrow().cost());
        assertEquals(Files.readString(Path.of(f + ".pub")).strip(), OpenSsh.publicKeyLine(k.publicKey(),
                k.comment()));
    }

    @Test
    void whaleWrites_sshKeygenReadsWithY() throws Exception {
        SplittableRandom rnd = new SplittableRandom(77);
        for (int i = 0; i < 8; i++) {
            KeyData k = OpenSshTest.key(List.of("rsa", "ecdsa", "ed25519").get(i % 3), rnd);
            String pass = i == 0 ? "" : randomPassphrase(rnd);
            String cipher = CIPHERS.get(rnd.nextInt(CIPHERS.size()));
            String comment = "whale " + i + (i == 1 ? " ü" : "");
            String text = OpenSshKeyWriter.builder().passphrase(pass.toCharArray()).cipher(cipher)
                    .rounds(1 + rnd.nextInt(4)).build().write(k.privateKey(), comment);
            Path f = dir.resolve("w" + i);
            Files.writeString(f, text);
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
            Out o = run(dir, "ssh-keygen", "-y", "-P", pass, "-f", f.getFileName().toString());
            assertEquals(new Out(0, OpenSsh.publicKeyLine(k.publicKey(), comment) + "\n", ""), o, cipher);
        }
    }

    /** Given ssh-keygen's salt and check integer, whale writes the very same file. */
    @Test
    void whaleWrites_byteIdenticalToSshKeygen_givenItsSaltAndCheckint() throws Exception {
        SplittableRandom rnd = new SplittableRandom(3);
        for (String cipher : List.of("none", "aes256-ctr", "aes128-gcm@openssh.com", "chacha20-poly1305@openssh.com",
                "aes256-cbc")) {
            String pass = cipher.equals("none") ? "" : randomPassphrase(rnd);
            Path f = sshKeygenKey("b-" + cipher, randomType(rnd), 2, cipher.equals("none") ? "aes256-ctr" : cipher,
                    pass, "same bytes");
            String original = Files.readString(f);
            byte[] blob = Pem.read(original, "b").get(0).der();
            OpenSshKeyV1.Header h = OpenSshKeyV1.header(blob, "b");
            byte[] plain = h.sealed();
            if (h.cipher() != SshCipher.NONE) {
                SshCipher c = h.cipher();
                byte[] keyIv = BcryptPbkdf.derive(pass.getBytes(StandardCharsets.UTF_8), h.salt(), h.rounds(),
                        c.keyBytes() + c.ivBytes());
                plain = c.decrypt(Arrays.copyOf(keyIv, c.keyBytes()),
                        Arrays.copyOfRange(keyIv, c.keyBytes(), keyIv.length), h.sealed());
            }
            Deque<byte[]> randomness = new ArrayDeque<>();
            if (h.cipher() != SshCipher.NONE) {
                randomness.add(h.salt());
            }
            randomness.add(Arrays.copyOf(plain, 4));
            SecureRandom replay = new SecureRandom() {
                @Override
                public void nextBytes(byte[] bytes) {
                    byte[] next = randomness.remove();
                    assertEquals(next.length, bytes.length);
                    System.arraycopy(next, 0, bytes, 0, bytes.length);
                }
            };
            KeyData k = read(f, pass);
            String again = OpenSshKeyWriter.builder().passphrase(pass.toCharArray()).cipher(h.cipher() == SshCipher.NONE
                    ? "aes256-ctr" : cipher).rounds(h.rounds() == 0 ? 16 : h.rounds()).random(replay).build()
                    .write(k.privateKey(), k.comment());
            assertEquals(original, again, cipher);
        }
    }

    @Test
    void fingerprintsAndRandomArt_sameAsSshKeygenLv() throws Exception {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < 4; i++) {
            Path f = sshKeygenKey("f" + i, randomType(rnd), 1, "aes256-ctr", "", "fp " + i);
            KeyData k = OpenSsh.readPublicKey(Files.readString(Path.of(f + ".pub")), "f.pub");
            for (String hash : List.of("sha256", "md5", "sha1", "sha384", "sha512")) {
                FingerprintHash h = FingerprintHash.named(hash);
                String expected = k.bits() + " " + OpenSsh.fingerprint(k.publicKey(), h) + " fp " + i + " ("
                        + OpenSsh.typeLabel(k.publicKey()) + ")\n" + OpenSsh.randomArt(k.publicKey(), h) + "\n";
                assertEquals(new Out(0, expected, ""), run(dir, "ssh-keygen", "-lv", "-E", hash, "-f", f + ".pub"));
            }
        }
    }

    @Test
    void rfc4716_sameAsSshKeygenE_andReadsIt() throws Exception {
        SplittableRandom rnd = new SplittableRandom(12);
        for (int i = 0; i < 4; i++) {
            Path f = sshKeygenKey("e" + i, i == 0 ? List.of("-t", "rsa", "-b", "4096") : randomType(rnd), 1,
                    "aes256-ctr", "", "e");
            Out o = run(dir, "ssh-keygen", "-e", "-f", f + ".pub");
            String comment = o.out().lines().filter(l -> l.startsWith("Comment: ")).findFirst().orElseThrow()
                    .replaceAll("^Comment: \"|\"$", "");
            KeyData k = OpenSsh.readRfc4716(o.out(), "e.rfc");
            assertEquals(comment, k.comment());
            assertEquals(o.out(), OpenSsh.rfc4716(k.publicKey(), comment));
            assertEquals(Files.readString(Path.of(f + ".pub")).strip(), OpenSsh.publicKeyLine(k.publicKey(), "e"));
        }
    }

    /** ssh-keygen -m PEM -N writes OpenSSL's traditional encryption; whale reads it, and writes it for both tools. */
    @Test
    void pemEncryption_sshKeygenWrites_whaleReads_andWhaleWrites_sshKeygenAndOpensslRead() throws Exception {
        SplittableRandom rnd = new SplittableRandom(13);
        for (List<String> type : List.of(List.of("-t", "rsa", "-b", "1024"), List.of("-t", "ecdsa", "-b", "384"))) {
            String pass = randomPassphrase(rnd);
            List<String> cmd = new ArrayList<>(List.of("ssh-keygen", "-q", "-m", "PEM", "-N", pass, "-f", "p"));
            cmd.addAll(type);
            Files.deleteIfExists(dir.resolve("p"));
            Files.deleteIfExists(dir.resolve("p.pub"));
            assertEquals(0, run(dir, cmd.toArray(String[]::new)).exit());
            PemBlock block = Pem.read(Files.readString(dir.resolve("p")), "p").get(0);
            KeyData k = PemEncryption.read(block, "p", Passphrase.of(pass.toCharArray()));
            assertEquals(Files.readString(dir.resolve("p.pub")).strip().replaceAll(" [^ ]+$", ""),
                    OpenSsh.publicKeyLine(k.publicKey(), ""));
            assertEquals("aes-128-cbc", k.encryption().orElseThrow().cipher());
            assertEquals("wrong passphrase for p", assertThrows(WrongPassphraseException.class,
                    () -> PemEncryption.read(block, "p", Passphrase.of("nope!".toCharArray()))).getMessage());

            PemBlock traditional = Keys.traditional(k.privateKey());
            Path w = dir.resolve("w.pem");
            Files.writeString(w, PemEncryption.encrypt(traditional.label(), traditional.der(), pass.toCharArray(),
                    new SecureRandom()));
            Files.setPosixFilePermissions(w, PosixFilePermissions.fromString("rw-------"));
            assertEquals(new Out(0, OpenSsh.publicKeyLine(k.publicKey(), "") + "\n", ""),
                    run(dir, "ssh-keygen", "-y", "-P", pass, "-f", "w.pem"));
            Out o = run(dir, "openssl", "pkey", "-in", "w.pem", "-passin", "pass:" + pass, "-pubout");
            assertEquals(0, o.exit(), o.err());
            assertEquals(Pem.write("PUBLIC KEY", Keys.spki(k.publicKey())), o.out());
        }
    }
}
