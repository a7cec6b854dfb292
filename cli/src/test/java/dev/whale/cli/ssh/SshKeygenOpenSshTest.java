package dev.whale.cli.ssh;

import static dev.whale.cli.ssh.SshKeygen.FATAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code whale ssh-keygen} against OpenSSH 9.2's ssh-keygen: the same arguments and standard input give the same
 * standard output, prompts and exit code; where keys are random, whale's files are checked by the real tool, and
 * by openssl for PEM. File names are absolute and shown as DIR.
 */
class SshKeygenOpenSshTest extends SshKeygenPeerTestBase {

    @BeforeEach
    void keys() throws Exception {
        for (List<String> type : TYPES) {
            String name = type.get(1) + (type.size() > 2 ? type.get(3) : "");
            List<String> args = new ArrayList<>(List.of("-q", "-a", "2", "-N", "pass phrase", "-C", name + " key",
                    "-f", f(name)));
            args.addAll(type);
            assertEquals(0, sshKeygen("", args.toArray(String[]::new)).exit());
        }
    }

    static final List<String> NAMES = List.of("rsa1024", "ecdsa256", "ecdsa384", "ecdsa521", "ed25519");

    @Test
    void fingerprintsAndRandomArt_sameAsSshKeygen() throws Exception {
        for (String k : NAMES) {
            same("", "-l", "-f", f(k + ".pub"));
            same("", "-lv", "-f", f(k));
            same("", "-l", "-E", "md5", "-vf", f(k + ".pub"));
            same("", "-lf", f(k), "-E", "sha512");
        }
    }

    @Test
    void fingerprint_authorizedKeysAndKnownHosts_sameAsSshKeygen() throws Exception {
        String ed = Files.readString(dir.resolve("ed25519.pub")).strip();
        String rsa = Files.readString(dir.resolve("rsa1024.pub")).strip();
        // A key whose comment starts with '#' comes first: ssh-keygen 9.2 keeps the previous line's host field as
        // the comment of such a line, which whale does not copy.
        Files.writeString(dir.resolve("lines"), "# comment\n\n" + rsa.replace("rsa1024 key", "#hash comment") + "\n"
                + ed + "\n  command=\"echo a b\",no-pty " + rsa + "\nhost.example,10.0.0.1 "
                + ed.replaceAll(" [^ ]+ [^ ]+$", "") + "\nnot a key\n");
        same("", "-l", "-f", f("lines"));
        same(ed + "\n", "-l", "-f", "-");
        Files.writeString(dir.resolve("nokey"), "# nothing\nnot a key\n");
        sameFailure(f("nokey"), "-l", "-f", f("nokey"));
    }

    @Test
    void fingerprint_privateKeyWithoutPub_sameAsSshKeygen() throws Exception {
        for (String k : List.of("ed25519", "rsa1024")) {
            Files.delete(dir.resolve(k + ".pub"));
            same("", "-l", "-f", f(k));
        }
        assertEquals(0, sshKeygen("", "-q", "-t", "ed25519", "-N", "", "-C", "", "-f", f("plain")).exit());
        same("", "-l", "-f", f("plain"));
        Files.writeString(dir.resolve("plain.pub"), Files.readString(dir.resolve("plain.pub")).strip() + "\n");
        same("", "-l", "-f", f("plain"));
        Files.delete(dir.resolve("plain.pub"));
        same("", "-l", "-f", f("plain"));
    }

    @Test
    void printPublic_sameAsSshKeygen_withPassphraseFromFlagOrStdin() throws Exception {
        for (String k : NAMES) {
            same("", "-y", "-P", "pass phrase", "-f", f(k));
            same("pass phrase\n", "-y", "-f", f(k));
        }
    }

    @Test
    void exportAndImport_sameAsSshKeygen() throws Exception {
        for (String k : NAMES) {
            Result rfc = same("", "-e", "-f", f(k + ".pub"));
            same("", "-e", "-f", f(k));
            Files.writeString(dir.resolve(k + ".rfc"), rfc.out());
            same("", "-i", "-f", f(k + ".rfc"));
            if (!k.equals("ed25519")) {
                Result spki = same("", "-e", "-m", "PKCS8", "-f", f(k + ".pub"));
                Files.writeString(dir.resolve(k + ".p8"), spki.out());
                same("", "-i", "-m", "pkcs8", "-f", f(k + ".p8"));
                same("", "-e", "-m", "PEM", "-f", f(k + ".pub"));
            }
        }
        Files.writeString(dir.resolve("rsa.pem1"), whale("", "-e", "-m", "PEM", "-f", f("rsa1024.pub")).out());
        same("", "-i", "-m", "PEM", "-f", f("rsa.pem1"));
    }

    /** ssh-keygen refuses ed25519 for -e -m PKCS8; whale writes SubjectPublicKeyInfo, which openssl reads. */
    @Test
    void export_ed25519Pkcs8_whaleOnly_opensslReadsIt() throws Exception {
        assertEquals(255, sshKeygen("", "-e", "-m", "PKCS8", "-f", f("ed25519.pub")).exit());
        Result w = whale("", "-e", "-m", "PKCS8", "-f", f("ed25519.pub"));
        assertEquals(0, w.exit());
        Files.writeString(dir.resolve("ed.spki"), w.out());
        Result o = run("", "openssl", "pkey", "-pubin", "-in", "ed.spki", "-pubout");
        assertEquals(w.out(), o.out(), o.err());
        Result back = whale("", "-i", "-m", "PKCS8", "-f", f("ed.spki"));
        assertEquals(Files.readString(dir.resolve("ed25519.pub")).replace(" ed25519 key", ""), back.out());
    }

    @Test
    void seedLines_sameAsSshKeygen() throws Exception {
        // openssh-private-keys: ssh-keygen -a 100 -t ed25519, which asks where to save the key and stops at EOF.
        same("", "-a", "100", "-t", "ed25519");
        // rsa-keys: the conversions of a public key to PKCS#8 and back.
        Files.copy(dir.resolve("rsa1024.pub"), dir.resolve("public.pub"));
        Result pem = same("", "-e", "-f", f("public.pub"), "-m", "PKCS8");
        Files.writeString(dir.resolve("public.pem"), pem.out());
        same("", "-i", "-f", f("public.pem"), "-m", "PKCS8");
    }

    /** The seed's generation lines with a file name and passphrase typed on standard input (no terminal). */
    @Test
    void generate_seedLinesWithStdin_sameTextsAndTheFilesWorkInSshKeygen() throws Exception {
        String file = f("typed");
        Result w = whale(file + "\nsecret words\nsecret words\n", "-a", "100", "-t", "ed25519");
        checkGenerated(w, "typed", "ed25519", "secret words", null);
        Result ssh = sshKeygen(f("typed-ssh") + "\nsecret words\nsecret words\n", "-a", "100", "-t", "ed25519");
        assertEquals(ssh.err(), w.err());
        assertEquals("Enter passphrase (empty for no passphrase): Enter same passphrase again: ", w.err());

        Result pem = whale("", "-m", "PEM", "-t", "rsa", "-b", "2048", "-f", f("key"));
        checkGenerated(pem, "key", "rsa", "", "-----BEGIN RSA PRIVATE KEY-----");
    }

    /** Generation prints ssh-keygen's lines; the fingerprint and randomart are those real ssh-keygen gives. */
    private void checkGenerated(Result w, String name, String type, String pass, String firstLine) throws Exception {
        assertEquals(0, w.exit(), w.toString());
        Path key = dir.resolve(name);
        String pub = Files.readString(Path.of(key + ".pub"));
        String comment = pub.strip().split(" ", 3).length > 2 ? pub.strip().split(" ", 3)[2] : "";
        Result lv = sshKeygen("", "-lv", "-f", key + ".pub");
        String[] fp = lv.out().split("\n", 2);
        String expected = "Generating public/private " + type + " key pair.\n"
                + (w.out().contains("Enter file in which") ? "Enter file in which to save the key ("
                        + System.getProperty("user.home") + "/.ssh/id_" + type + "): " : "")
                + "Your identification has been saved in DIR/" + name + "\n"
                + "Your public key has been saved in DIR/" + name + ".pub\n"
                + "The key fingerprint is:\n"
                + fp[0].split(" ")[1] + " " + comment + "\n"
                + "The key's randomart image is:\n" + fp[1];
        assertEquals(expected, w.out());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        String first = Files.readString(key).lines().findFirst().orElseThrow();
        // OpenSSH 9.2 cannot read Ed25519 in PKCS#8, which whale writes when -m PKCS8 asks for it.
        Result y = type.equals("ed25519") && !first.contains("OPENSSH") ? whale("", "-y", "-P", pass, "-f",
                key.toString()) : sshKeygen("", "-y", "-P", pass, "-f", key.toString());
        assertEquals(pub.strip(), y.out().strip() + (comment.isEmpty() || y.out().contains(comment) ? ""
                : " " + comment));
        if (firstLine != null) {
            assertEquals(firstLine, first);
        }
    }

    /** Random types, formats, rounds and passphrases; every file is checked by ssh-keygen, PEM ones by openssl. */
    @Test
    void generate_randomKeys_sshKeygenAndOpensslReadThem() throws Exception {
        SplittableRandom rnd = new SplittableRandom(20261124);
        for (int i = 0; i < 6; i++) {
            List<String> type = TYPES.get(rnd.nextInt(TYPES.size()));
            String format = List.of("RFC4716", "PEM", "PKCS8", "").get(rnd.nextInt(4));
            String pass = rnd.nextBoolean() ? "" : "pass-" + rnd.nextInt(100_000);
            String name = "g" + i;
            List<String> args = new ArrayList<>(type);
            args.addAll(List.of("-a", String.valueOf(1 + rnd.nextInt(3)), "-N", pass, "-C", "comment " + i, "-f",
                    f(name)));
            if (!format.isEmpty()) {
                args.addAll(List.of("-m", format));
            }
            Result w = whale("", args.toArray(String[]::new));
            checkGenerated(w, name, type.get(1), pass, null);
            String first = Files.readString(dir.resolve(name)).lines().findFirst().orElseThrow();
            if (!first.contains("OPENSSH")) {
                Result o = run("", "openssl", "pkey", "-in", name, "-passin", "pass:" + pass, "-noout");
                assertEquals(0, o.exit(), format + " " + type + ": " + o.err());
            }
        }
    }

    @Test
    void generate_overwriteAndMismatchedPassphrases_sameAsSshKeygen() throws Exception {
        Files.writeString(dir.resolve("exists"), "old");
        Result no = same("n\n", "-q", "-t", "ed25519", "-N", "", "-f", f("exists"));
        assertEquals(1, no.exit());
        assertEquals("old", Files.readString(dir.resolve("exists")));
        Result w = whale("y\none\ntwo\nthree\nthree\n", "-t", "ed25519", "-f", f("exists"));
        assertEquals(0, w.exit());
        assertTrue(w.out().startsWith("Generating public/private ed25519 key pair.\nDIR/exists already exists.\n"
                + "Overwrite (y/n)? Passphrases do not match.  Try again.\nYour identification"), w.out());
        assertEquals(0, sshKeygen("", "-y", "-P", "three", "-f", f("exists")).exit());
    }

    @Test
    void changePassphrase_sameAsSshKeygen() throws Exception {
        for (String k : NAMES) {
            Files.copy(dir.resolve(k), dir.resolve(k + ".w"));
            Files.copy(dir.resolve(k + ".pub"), dir.resolve(k + ".w.pub"));
            String[] ssh = {"-p", "-P", "pass phrase", "-N", "new phrase", "-a", "3", "-f", f(k)};
            String[] wh = {"-p", "-P", "pass phrase", "-N", "new phrase", "-a", "3", "-f", f(k + ".w")};
            assertEquals(sshKeygen("", ssh), whale("", wh));
            assertEquals(sshKeygen("", "-y", "-P", "new phrase", "-f", f(k)).out(),
                    sshKeygen("", "-y", "-P", "new phrase", "-f", f(k + ".w")).out());
        }
        Files.copy(dir.resolve("ed25519"), dir.resolve("ed.w"));
        assertEquals(sshKeygen("new phrase\nx\ny\n", "-p", "-f", f("ed25519")),
                whale("new phrase\nx\ny\n", "-p", "-f", f("ed.w")));
        assertEquals(sshKeygen("new phrase\nnewer\nnewer\n", "-p", "-f", f("ed25519")),
                whale("new phrase\nnewer\nnewer\n", "-p", "-f", f("ed.w")));
        for (String format : List.of("PEM", "PKCS8", "RFC4716")) {
            for (String side : List.of(".s", ".w")) {
                Files.copy(dir.resolve("ecdsa384"), dir.resolve("ec." + format + side));
            }
            String[] args = {"-p", "-P", "new phrase", "-N", "longer phrase", "-m", format, "-f", ""};
            args[8] = f("ec." + format + ".s");
            Result ssh = sshKeygen("", args);
            args[8] = f("ec." + format + ".w");
            assertEquals(ssh, whale("", args), format);
            assertEquals(Files.readString(dir.resolve("ec." + format + ".s")).lines().findFirst(),
                    Files.readString(dir.resolve("ec." + format + ".w")).lines().findFirst());
            assertEquals(sshKeygen("", "-y", "-P", "longer phrase", "-f", f("ec." + format + ".s")),
                    sshKeygen("", "-y", "-P", "longer phrase", "-f", f("ec." + format + ".w")));
        }
    }

    /** The feature ssh-keygen lacks: an OpenSSH ed25519 key to PKCS#8 (openssl reads it) and back. */
    @Test
    void changePassphrase_ed25519ToPkcs8AndBack_opensslAndSshKeygenReadIt() throws Exception {
        String want = Files.readString(dir.resolve("ed25519.pub")).replace(" ed25519 key", "");
        for (String pass : List.of("", "to pkcs8")) {
            Files.copy(dir.resolve("ed25519"), dir.resolve("ed.p8"), StandardCopyOption.REPLACE_EXISTING);
            Result w = whale("", "-p", "-P", "pass phrase", "-N", pass, "-m", "PKCS8", "-f", f("ed.p8"));
            assertEquals(new Result(0, "Key has comment 'ed25519 key'\n"
                    + "Your identification has been saved with the new passphrase.\n", ""), w);
            String first = Files.readString(dir.resolve("ed.p8")).lines().findFirst().orElseThrow();
            assertEquals(pass.isEmpty() ? "-----BEGIN PRIVATE KEY-----" : "-----BEGIN ENCRYPTED PRIVATE KEY-----",
                    first);
            Result o = run("", "openssl", "pkey", "-in", "ed.p8", "-passin", "pass:" + pass, "-pubout");
            assertEquals(0, o.exit(), o.err());
            Files.writeString(dir.resolve("ed.spki"), o.out());
            assertEquals(want, whale("", "-i", "-m", "PKCS8", "-f", f("ed.spki")).out());

            Result back = whale("", "-p", "-P", pass, "-N", "home again", "-m", "RFC4716", "-f", f("ed.p8"));
            assertEquals(0, back.exit(), back.toString());
            assertEquals(want, sshKeygen("", "-y", "-P", "home again", "-f", f("ed.p8")).out());
        }
    }

    @Test
    void wrongPassphrase_oneLineNamingTheFile_exitAsSshKeygen() throws Exception {
        sameFailure(f("ed25519"), "-y", "-P", "wrong", "-f", f("ed25519"));
        sameFailure(f("rsa1024"), "-p", "-P", "wrong", "-N", "x", "-f", f("rsa1024"));
        assertEquals("whale ssh-keygen: wrong passphrase for DIR/ed25519\n",
                whale("", "-y", "-P", "wrong", "-f", f("ed25519")).err());
    }

    /** Broken files: one line, ssh-keygen's exit code, and the file left as it was with nothing beside it. */
    @Test
    void truncatedAndGarbledFiles_oneLine_noFileWritten() throws Exception {
        String key = Files.readString(dir.resolve("ed25519"));
        Files.writeString(dir.resolve("truncated"), key.substring(0, key.length() / 2));
        Files.writeString(dir.resolve("garbled"), key.replace(key.substring(key.length() - 110, key.length() - 70),
                "A".repeat(40)));
        Files.writeString(dir.resolve("garbage"), "garbage\n");
        // ssh-keygen prints the stored public key of the garbled file; whale finds that the private key does not
        // give it.
        Path garbled = dir.resolve("garbled");
        Files.setPosixFilePermissions(garbled, PosixFilePermissions.fromString("rw-------"));
        assertEquals(new Result(FATAL, "", "whale ssh-keygen: DIR/garbled: Ed25519 key is inconsistent: the private "
                + "key does not give the public key\n"),
                whale("", "-y", "-P", "pass phrase", "-f", garbled.toString()));
        for (String name : List.of("truncated", "garbage")) {
            Path p = dir.resolve(name);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
            String before = Files.readString(p);
            List<Path> files = listDir();
            sameFailure(p.toString(), "-y", "-P", "pass phrase", "-f", p.toString());
            sameFailure(p.toString(), "-p", "-P", "pass phrase", "-N", "new", "-f", p.toString());
            sameFailure(p.toString(), "-e", "-P", "pass phrase", "-f", p.toString());
            assertEquals(before, Files.readString(p));
            assertEquals(files, listDir());
        }
        sameFailure(f("missing"), "-y", "-f", f("missing"));
        sameFailure(f("missing"), "-l", "-f", f("missing"));
        sameFailure(f("missing"), "-p", "-N", "", "-f", f("missing"));
    }

    private List<Path> listDir() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void badArguments_sameExitAsSshKeygen() throws Exception {
        for (String[] args : List.of(new String[] {"-t", "foo"}, new String[] {"-t", "rsa", "-b", "512"},
                new String[] {"-t", "ecdsa", "-b", "300"}, new String[] {"-b", "abc"}, new String[] {"-a", "0"},
                new String[] {"-E", "sha3", "-l", "-f", "x"}, new String[] {"-Z", "rot13"}, new String[] {"-m", "x"})) {
            sameFailure(null, args);
        }
        for (String[] args : List.of(new String[] {"-x"}, new String[] {"-f"}, new String[] {"-y", "extra"})) {
            Result ssh = sshKeygen("", args);
            Result w = whale("", args);
            assertEquals(ssh.exit(), w.exit());
            assertEquals(ssh.errLines().lines().findFirst(), w.err().lines().findFirst());
            assertTrue(w.err().contains("usage: ssh-keygen"));
        }
    }

    @Test
    void progress_onlyWhenAskedOrOnATerminal_andErasedAfterwards() throws Exception {
        assertEquals(0, sshKeygen("", "-q", "-t", "ed25519", "-a", "64", "-N", "sixty four", "-f", f("k64")).exit());
        Result quiet = whale("", "-y", "-P", "sixty four", "-f", f("k64"));
        assertEquals("", quiet.err());
        Result shown = whale("", "--progress", "-y", "-P", "sixty four", "-f", f("k64"));
        assertEquals(quiet.out(), shown.out());
        assertTrue(shown.err().startsWith("\rbcrypt_pbkdf, 64 rounds: "), shown.err());
        assertTrue(shown.err().contains("100%"));
        assertTrue(shown.err().matches("(?s).*\r {26,}\r"), shown.err());
        assertFalse(whale("", "--progress", "-y", "-P", "pass phrase", "-f", f("ed25519")).err().contains("bcrypt"));
    }

    @Test
    void help_listsTheFlagsWhaleTakes() {
        Result h = whale("", "--help");
        assertEquals(0, h.exit());
        assertEquals(String.join("\n", SshKeygen.HELP) + "\n", h.out());
    }
}
