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

    /**
     * Signatures made with a certificate (-f id-cert.pub) and allowed_signers' cert-authority lines: each tool
     * verifies the other's, with the certificate's principals, validity and type checked as OpenSSH checks them.
     */
    @Test
    void certificateSignatures_certAuthorityLines_sameAsSshKeygen() throws Exception {
        SplittableRandom rnd = new SplittableRandom();
        for (String[] t : List.of(new String[] {"ed25519"}, new String[] {"ecdsa"}, new String[] {"rsa", "1024"})) {
            String type = t[0];
            List<String> caGen = new ArrayList<>(List.of("-q", "-N", "", "-t", type, "-f", f("ca-" + type)));
            List<String> userGen = new ArrayList<>(List.of("-q", "-N", "", "-t", type, "-f", f("u-" + type)));
            if (t.length > 1) {
                caGen.addAll(List.of("-b", t[1]));
                userGen.addAll(List.of("-b", t[1]));
            }
            assertEquals(0, sshKeygen("", caGen.toArray(String[]::new)).exit());
            assertEquals(0, sshKeygen("", userGen.toArray(String[]::new)).exit());
            assertEquals(0, sshKeygen("", "-q", "-s", f("ca-" + type), "-I", "id", "-n", "alice,bob", "-V",
                    "20200101:20300101", f("u-" + type + ".pub")).exit());
            byte[] data = new byte[1 + rnd.nextInt(3000)];
            rnd.nextBytes(data);
            for (String who : List.of("s", "w")) {
                Files.write(dir.resolve(who + "-" + type), data);
            }
            String cert = f("u-" + type + "-cert.pub");
            Result ssh = sshKeygen("", "-Y", "sign", "-f", cert, "-n", "git", f("s-" + type));
            Result w = whale("", "-Y", "sign", "-f", cert, "-n", "git", f("w-" + type));
            assertEquals(ssh.exit(), w.exit(), w.err());
            assertEquals(ssh.err().replace("s-" + type, "w-" + type), w.err());
            String ca = Files.readString(dir.resolve("ca-" + type + ".pub")).strip();
            Files.writeString(dir.resolve("allowed-ca"), "alice,carol cert-authority " + ca + "\n"
                    + "al*,bob cert-authority,namespaces=\"git\" " + ca + "\n"
                    + "bob " + Files.readString(dir.resolve("u-" + type + ".pub")).strip() + "\n");
            for (String sig : List.of(f("s-" + type + ".sig"), f("w-" + type + ".sig"))) {
                for (String principal : List.of("alice", "bob", "carol", "dave")) {
                    verifyBoth(data, "-Y", "verify", "-f", f("allowed-ca"), "-I", principal, "-n", "git", "-s", sig);
                }
                verifyBoth(data, "-Y", "verify", "-f", f("allowed-ca"), "-I", "alice", "-n", "file", "-s", sig);
                verifyBoth(data, "-Y", "verify", "-f", f("allowed-ca"), "-I", "bob", "-n", "git", "-s", sig, "-O",
                        "verify-time=20350101");
                verifyBoth(data, "-Y", "verify", "-f", f("allowed-ca"), "-I", "bob", "-n", "git", "-s", sig, "-O",
                        "print-pubkey");
                verifyBoth(data, "-Y", "check-novalidate", "-n", "git", "-s", sig);
                verifyBoth(data, "-Y", "find-principals", "-f", f("allowed-ca"), "-s", sig);
                verifyBoth(data, "-Y", "find-principals", "-f", f("allowed-ca"), "-s", sig, "-O",
                        "verify-time=20190101");
            }
            // A host certificate is no signer.
            for (String suffix : List.of("", ".pub")) {
                Files.copy(dir.resolve("u-" + type + suffix), dir.resolve("h-" + type + suffix));
            }
            assertEquals(0, sshKeygen("", "-q", "-s", f("ca-" + type), "-I", "host", "-h", "-n", "alice",
                    f("h-" + type + ".pub")).exit());
            Files.write(dir.resolve("h-data"), data);
            assertEquals(0, sshKeygen("", "-Y", "sign", "-f", f("h-" + type + "-cert.pub"), "-n", "git",
                    f("h-data")).exit());
            verifyBoth(data, "-Y", "verify", "-f", f("allowed-ca"), "-I", "alice", "-n", "git", "-s",
                    f("h-data.sig"));
            Files.delete(dir.resolve("h-data.sig"));
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
