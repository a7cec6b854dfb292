package dev.whale.cli.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Certificates (-s, -L) against OpenSSH 9.2's ssh-keygen: on random CA and subject keys, encrypted and not, both
 * tools sign with the same arguments; each prints the other's certificate as it prints its own, and the texts
 * (ssh-keygen -L) of both certificates are the same, since only the nonce and the signature differ.
 */
class SshKeygenCertOpenSshTest extends SshKeygenPeerTestBase {

    /** A key made by ssh-keygen; its passphrase is empty or "pass phrase". */
    String key(String name, List<String> type, boolean encrypted) throws Exception {
        List<String> args = new ArrayList<>(List.of("-q", "-a", "2", "-N", encrypted ? "pass phrase" : "", "-C",
                name + " comment", "-f", f(name)));
        args.addAll(type);
        assertEquals(0, sshKeygen("", args.toArray(String[]::new)).exit());
        return f(name);
    }

    /** Signs with both tools; both print the same on stderr, and -L shows the same for both certificates. */
    void signBoth(String subject, String... args) throws Exception {
        String base = subject.endsWith(".pub") ? subject.substring(0, subject.length() - 4) : subject;
        Path cert = Path.of(base + "-cert.pub");
        List<String> all = new ArrayList<>(List.of(args));
        all.add(subject);
        String[] a = all.toArray(String[]::new);
        Result ssh = sshKeygen("", a);
        assertEquals(0, ssh.exit(), ssh.toString());
        Path sshCert = Files.move(cert, Path.of(base + "-ssh-cert.pub"), StandardCopyOption.REPLACE_EXISTING);
        Result w = whale("", a);
        assertEquals(new Result(0, "", ssh.errLines()), new Result(w.exit(), w.out(), w.err().replace("\r\n", "\n")),
                String.join(" ", a));
        assertTrue(w.err().endsWith("\r\n"), "logit ends its lines with CR LF");
        String wantText = sshKeygen("", "-L", "-f", cert.toString()).out();
        assertEquals(sshKeygen("", "-L", "-f", sshCert.toString()).out().replace("-ssh-cert.pub", "-cert.pub"),
                wantText, String.join(" ", a));
        assertEquals(wantText, whale("", "-L", "-f", cert.toString()).out());
        assertEquals(sshKeygen("", "-L", "-f", sshCert.toString()), whale("", "-L", "-f", sshCert.toString()));
        // The comment is the subject's, or its file name when it has none.
        assertEquals(Files.readString(sshCert).replaceAll("^\\S+ \\S+", ""),
                Files.readString(cert).replaceAll("^\\S+ \\S+", ""));
    }

    @Test
    void sign_randomCaAndSubjects_sameTextsAsSshKeygen() throws Exception {
        SplittableRandom rnd = new SplittableRandom(20261206);
        List<String> validities = List.of("always:forever", "20260101:20270101", "202601011230:20270101123059",
                "20300101Z:forever", "always:20300101", "19991231235959:forever");
        List<List<String>> options = List.of(List.of(), List.of("-O", "clear"),
                List.of("-O", "force-command=/bin/ls -l", "-O", "source-address=10.0.0.0/8,::1"),
                List.of("-O", "no-pty", "-O", "no-port-forwarding", "-O", "no-agent-forwarding", "-O",
                        "no-x11-forwarding", "-O", "no-user-rc"),
                List.of("-O", "clear", "-O", "permit-pty", "-O", "critical:foo=bar", "-O", "extension:baz",
                        "-O", "extension:qq=zz", "-O", "permit-X11-forwarding"));
        for (int i = 0; i < TYPES.size(); i++) {
            boolean encrypted = rnd.nextBoolean();
            String ca = key("ca" + i, TYPES.get(i), encrypted);
            String subject = key("user" + i, TYPES.get(rnd.nextInt(TYPES.size())), rnd.nextBoolean());
            List<String> args = new ArrayList<>(List.of("-s", ca, "-I", "id " + i, "-V",
                    validities.get(rnd.nextInt(validities.size())), "-z", String.valueOf(rnd.nextLong() >>> 1)));
            if (encrypted) {
                args.addAll(List.of("-P", "pass phrase"));
            }
            if (rnd.nextBoolean()) {
                args.addAll(List.of("-n", "alice,bob" + i));
            }
            if (rnd.nextInt(3) == 0) {
                args.add("-h");
            }
            args.addAll(options.get(rnd.nextInt(options.size())));
            signBoth(subject + ".pub", args.toArray(String[]::new));
        }
    }

    @Test
    void sign_rsaCaDefaultsToRsaSha512_andTSelectsTheAlgorithm() throws Exception {
        String ca = key("rsaca", TYPES.get(0), false);
        String user = key("user", TYPES.get(4), false);
        signBoth(user + ".pub", "-s", ca, "-I", "rsa");
        assertTrue(Files.readString(Path.of(user + "-cert.pub")).startsWith("ssh-ed25519-cert-v01@openssh.com "));
        assertTrue(whale("", "-L", "-f", user + "-cert.pub").out().contains("(using rsa-sha2-512)"));
        signBoth(user + ".pub", "-s", ca, "-I", "rsa", "-t", "rsa-sha2-256");
        signBoth(user + ".pub", "-s", ca, "-I", "rsa", "-t", "ssh-rsa");
    }

    /** Many keys in one run, a serial counting up, and a private key file named instead of its .pub. */
    @Test
    void sign_severalKeysAutoIncrementAndPrivateFile_sameAsSshKeygen() throws Exception {
        String ca = key("ca", TYPES.get(4), false);
        String a = key("a", TYPES.get(1), false);
        String b = key("b", TYPES.get(4), true);
        Result ssh = sshKeygen("", "-s", ca, "-I", "many", "-z", "+7", a + ".pub", b + ".pub");
        Result w = whale("", "-s", ca, "-I", "many", "-z", "+7", a + ".pub", b + ".pub");
        assertEquals(ssh.errLines(), w.err().replace("\r\n", "\n"));
        assertTrue(w.err().contains("serial 8"), w.err());
        // A private key file named, its .pub beside it: the key and comment come from the .pub.
        signBoth(b, "-s", ca, "-I", "private file");
        // Without its .pub, the key comes from the private file's header and has no comment: "(null)".
        Files.delete(Path.of(a + ".pub"));
        signBoth(a, "-s", ca, "-I", "no pub");
        assertTrue(Files.readString(Path.of(a + "-cert.pub")).endsWith(" (null)\n"));
    }

    /** Relative validity depends on the clock: ssh-keygen reads whale's certificate with the interval whale says. */
    @Test
    void sign_relativeValidity_sshKeygenReadsTheInterval() throws Exception {
        String ca = key("ca", TYPES.get(4), false);
        String user = key("user", TYPES.get(1), false);
        for (String v : List.of("+52w", "-1d:+1w", "-5m:+1h30m", "+1d:+2w")) {
            Result w = whale("", "-s", ca, "-I", "rel", "-V", v, user + ".pub");
            assertEquals(0, w.exit(), w.err());
            String valid = w.err().substring(w.err().indexOf(" valid ") + 7).strip();
            String text = sshKeygen("", "-L", "-f", user + "-cert.pub").out();
            assertTrue(text.contains("        Valid: " + valid + "\n"), text + " / " + valid);
        }
    }

    @Test
    void sign_badArguments_sameExitAsSshKeygen() throws Exception {
        String ca = key("ca", TYPES.get(4), false);
        String user = key("user", TYPES.get(4), false);
        signBoth(user + ".pub", "-s", ca, "-I", "first");
        for (String[] args : List.of(new String[] {"-s", ca, user + ".pub"},
                new String[] {"-s", ca, "-I", "x", "-V", "bogus", user + ".pub"},
                new String[] {"-s", ca, "-I", "x", "-V", "+1d:", user + ".pub"},
                new String[] {"-s", ca, "-I", "x", "-V", "20270101:20260101", user + ".pub"},
                new String[] {"-s", ca, "-I", "x", "-V", "-1x:+1d", user + ".pub"},
                new String[] {"-s", ca, "-I", "x", "-V", "2026:forever", user + ".pub"},
                new String[] {"-s", ca, "-I", "x", "-n", "a,,b", user + ".pub"},
                new String[] {"-s", ca, "-I", "x", "-z", "abc", user + ".pub"},
                new String[] {"-s", ca, "-I", "x", "-O", "bogus", user + ".pub"},
                new String[] {"-s", ca, "-I", "x", "-O", "force-command=", user + ".pub"},
                new String[] {"-s", ca, "-I", "x", "-O", "source-address=zzz", user + ".pub"},
                new String[] {"-s", ca, "-I", "x", "-t", "ssh-rsa", user + ".pub"},
                new String[] {"-s", ca, "-I", "x", f("missing.pub")},
                new String[] {"-s", f("missing"), "-I", "x", user + ".pub"},
                new String[] {"-s", ca, "-I", "x", user + "-cert.pub"})) {
            sameFailure(null, args);
        }
        Result ssh = sshKeygen("", "-s", ca, "-I", "x");
        Result w = whale("", "-s", ca, "-I", "x");
        assertEquals(ssh.exit(), w.exit());
        assertEquals("Too few arguments.", w.err().lines().findFirst().orElseThrow());
    }

    /** -L on files with several lines, comments, plain keys and garbage: the same output and exit code. */
    @Test
    void show_mixedFiles_sameAsSshKeygen() throws Exception {
        String ca = key("ca", TYPES.get(2), false);
        String user = key("user", TYPES.get(0), false);
        String host = key("host", TYPES.get(3), false);
        assertEquals(0, whale("", "-s", ca, "-I", "u", "-n", "alice", user + ".pub").exit());
        assertEquals(0, whale("", "-s", ca, "-I", "h", "-h", "-n", "a.example,b.example", host + ".pub").exit());
        String userCert = Files.readString(Path.of(user + "-cert.pub"));
        String hostCert = Files.readString(Path.of(host + "-cert.pub"));
        Files.writeString(dir.resolve("mixed"), "# certificates\n" + userCert + Files.readString(Path.of(
                user + ".pub")) + "garbage\n  " + hostCert);
        same("", "-L", "-f", f("mixed"));
        same(userCert + hostCert, "-L", "-f", "-");
        Files.writeString(dir.resolve("plain"), Files.readString(Path.of(user + ".pub")));
        Result ssh = sshKeygen("", "-L", "-f", f("plain"));
        Result w = whale("", "-L", "-f", f("plain"));
        assertEquals(ssh.exit(), w.exit());
        assertEquals(ssh.errLines(), w.err());
        sameFailure(f("missing"), "-L", "-f", f("missing"));
    }
}
