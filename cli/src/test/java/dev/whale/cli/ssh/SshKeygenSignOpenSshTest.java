package dev.whale.cli.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * ssh-keygen -Y (file signatures, as git uses them) against OpenSSH 9.2: each tool verifies the other's signatures
 * of random data with random keys, encrypted and not, against allowed_signers files with patterns, namespaces and
 * validity times. Ed25519 and RSA signatures are deterministic, so those files must be byte for byte the same.
 */
class SshKeygenSignOpenSshTest extends SshKeygenPeerTestBase {

    @Test
    void signAndVerify_eachToolVerifiesTheOthers() throws Exception {
        SplittableRandom rnd = new SplittableRandom(20261206);
        for (int i = 0; i < TYPES.size(); i++) {
            String k = "k" + i;
            boolean encrypted = rnd.nextBoolean();
            List<String> gen = new ArrayList<>(List.of("-q", "-a", "2", "-N", encrypted ? "pass phrase" : "", "-C",
                    "signer " + i, "-f", f(k)));
            gen.addAll(TYPES.get(i));
            assertEquals(0, sshKeygen("", gen.toArray(String[]::new)).exit());
            byte[] data = new byte[rnd.nextInt(5000)];
            rnd.nextBytes(data);
            Files.write(dir.resolve("data" + i), data);
            Files.write(dir.resolve("wdata" + i), data);
            String pass = encrypted ? "pass phrase" : "";
            Result ssh = sshKeygen("", "-Y", "sign", "-f", f(k), "-P", pass, "-n", "git", f("data" + i));
            Result w = whale("", "-Y", "sign", "-f", f(k + ".pub"), "-P", pass, "-n", "git", f("wdata" + i));
            assertEquals(ssh.exit(), w.exit());
            assertEquals(ssh.err().replace("data", "wdata"), w.err());
            String sshSig = Files.readString(dir.resolve("data" + i + ".sig"));
            String whaleSig = Files.readString(dir.resolve("wdata" + i + ".sig"));
            if (i == 0 || i == 4) {
                assertEquals(sshSig, whaleSig, "deterministic signatures");
            }
            String pub = Files.readString(dir.resolve(k + ".pub")).strip();
            Files.writeString(dir.resolve("allowed"), "# signers\nother@example.com " + pub.replaceFirst(" \\S+$", "")
                    + "x\n" + "me@example.com,*@team.example namespaces=\"git,file\" " + pub + "\n");
            for (String sig : List.of("data" + i + ".sig", "wdata" + i + ".sig")) {
                String s = f(sig);
                verifyBoth(data, "-Y", "verify", "-f", f("allowed"), "-I", "me@example.com", "-n", "git", "-s", s);
                verifyBoth(data, "-Y", "verify", "-f", f("allowed"), "-I", "ann@team.example", "-n", "git", "-s", s);
                verifyBoth(data, "-Y", "verify", "-f", f("allowed"), "-I", "eve@example.com", "-n", "git", "-s", s);
                verifyBoth(data, "-Y", "verify", "-f", f("allowed"), "-I", "me@example.com", "-n", "file", "-s", s);
                verifyBoth(data, "-Y", "verify", "-f", f("allowed"), "-I", "me@example.com", "-n", "git", "-s", s,
                        "-O", "print-pubkey");
                verifyBoth(new byte[] {1}, "-Y", "verify", "-f", f("allowed"), "-I", "me@example.com", "-n", "git",
                        "-s", s);
                verifyBoth(data, "-Y", "check-novalidate", "-n", "git", "-s", s);
                verifyBoth(data, "-Y", "find-principals", "-f", f("allowed"), "-s", s);
            }
        }
    }

    /** Runs both tools with {@code data} on standard input: the same exit code and standard output. */
    private void verifyBoth(byte[] data, String... args) throws Exception {
        Path in = dir.resolve("stdin.bin");
        Files.write(in, data);
        Result ssh = runWithInput(in, prepend("ssh-keygen", args));
        Result w = whaleWithInput(data, args);
        assertEquals(ssh.exit(), w.exit(), () -> String.join(" ", args) + "\n" + ssh + "\n" + w);
        assertEquals(ssh.out(), w.out(), () -> String.join(" ", args));
    }

    @Test
    void allowedSignersValidity_sameAsSshKeygen() throws Exception {
        assertEquals(0, sshKeygen("", "-q", "-t", "ed25519", "-N", "", "-f", f("k")).exit());
        byte[] data = "signed\n".getBytes();
        Files.write(dir.resolve("m"), data);
        assertEquals(0, whale("", "-Y", "sign", "-f", f("k"), "-n", "file", f("m")).exit());
        String pub = Files.readString(dir.resolve("k.pub")).strip();
        for (String opts : List.of("valid-after=\"20200101\"", "valid-before=\"20200101\"",
                "valid-after=\"20200101\",valid-before=\"20990101Z\"", "valid-after=\"20990101\"", "cert-authority",
                "namespaces=\"git\"", "bogus")) {
            Files.writeString(dir.resolve("allowed"), "me " + opts + " " + pub + "\n");
            verifyBoth(data, "-Y", "verify", "-f", f("allowed"), "-I", "me", "-n", "file", "-s", f("m.sig"));
            verifyBoth(data, "-Y", "find-principals", "-f", f("allowed"), "-s", f("m.sig"));
            verifyBoth(data, "-Y", "verify", "-f", f("allowed"), "-I", "me", "-n", "file", "-s", f("m.sig"), "-O",
                    "verify-time=20250101");
        }
        verifyBoth(data, "-Y", "verify", "-f", f("missing"), "-I", "me", "-n", "file", "-s", f("m.sig"));
        verifyBoth(data, "-Y", "verify", "-f", f("allowed"), "-I", "me", "-n", "file", "-s", f("missing"));
        for (String[] args : List.of(new String[] {"-Y", "sign", "-f", f("k")}, new String[] {"-Y", "sign", "-n", "x"},
                new String[] {"-Y", "verify", "-n", "x", "-s", "y", "-f", "z"}, new String[] {"-Y", "bogus"},
                new String[] {"-Y", "find-principals", "-s", "x"})) {
            Result ssh = sshKeygen("", args);
            Result w = whale("", args);
            assertEquals(ssh.exit(), w.exit(), String.join(" ", args));
        }
    }
}
