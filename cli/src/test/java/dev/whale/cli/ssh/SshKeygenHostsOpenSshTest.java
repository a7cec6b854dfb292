package dev.whale.cli.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Host keys and small key edits against OpenSSH 9.2's ssh-keygen: known_hosts (-F, -R, -H), SSHFP records (-r),
 * bubblebabble (-B) and comments (-c), on keys ssh-keygen makes at random. Hashed names carry a random salt, so
 * each tool finds the hosts hashed by the other.
 */
class SshKeygenHostsOpenSshTest extends SshKeygenPeerTestBase {
    static final List<String> NAMES = List.of("rsa", "ecdsa256", "ecdsa384", "ecdsa521", "ed25519");

    @BeforeEach
    void keys() throws Exception {
        for (int i = 0; i < TYPES.size(); i++) {
            List<String> args = new ArrayList<>(List.of("-q", "-a", "2", "-N", i % 2 == 0 ? "" : "pass phrase", "-C",
                    NAMES.get(i) + " key", "-f", f(NAMES.get(i))));
            args.addAll(TYPES.get(i));
            assertEquals(0, sshKeygen("", args.toArray(String[]::new)).exit());
        }
    }

    String pub(String name) throws Exception {
        return Files.readString(dir.resolve(name + ".pub")).strip();
    }

    @Test
    void bubbleBabbleAndSshfp_sameAsSshKeygen() throws Exception {
        for (String k : NAMES) {
            same("", "-B", "-f", f(k + ".pub"));
            same("", "-B", "-f", f(k));
            same("", "-r", "host.example", "-f", f(k + ".pub"));
            same("", "-r", "host.example.", "-g", "-f", f(k));
        }
        assertTrue(whale("", "-B", "-f", f("ed25519.pub")).out().matches(
                "256 x[a-z]{4}(-[a-z]{5}){10} ed25519 key \\(ED25519\\)\n"));
        sameFailure(f("missing"), "-r", "h", "-f", f("missing"));
    }

    /** A known_hosts file with patterns, markers, ports, a hashed line, comments and blank lines. */
    String knownHosts(String hashedLine) throws Exception {
        return "host1,Host2.example " + pub("rsa") + "\n# a comment\n\n@cert-authority *.example " + pub("ecdsa256")
                + "\n[h3]:2222 " + pub("ed25519") + "\n*.wild,x " + pub("ecdsa384") + "\n" + hashedLine + "\n"
                + "@revoked host1 " + pub("ecdsa521") + "\nhost1 " + pub("ed25519") + "\n";
    }

    String hashedBySshKeygen(String host) throws Exception {
        Files.writeString(dir.resolve("one"), host + " " + pub("rsa") + "\n");
        assertEquals(0, sshKeygen("", "-H", "-f", f("one")).exit());
        return Files.readString(dir.resolve("one")).strip();
    }

    @Test
    void find_sameAsSshKeygen() throws Exception {
        Files.writeString(dir.resolve("kh"), knownHosts(hashedBySshKeygen("hashed.example")));
        for (String host : List.of("host1", "HOST2.example", "foo.example", "[h3]:2222", "h3", "x", "nope",
                "hashed.example")) {
            same("", "-F", host, "-f", f("kh"));
            same("", "-F", host, "-l", "-f", f("kh"));
            same("", "-F", host, "-lv", "-E", "md5", "-f", f("kh"));
        }
        sameFailure(f("missing"), "-F", "x", "-f", f("missing"));
    }

    @Test
    void remove_sameOutputAndFilesAsSshKeygen() throws Exception {
        String text = knownHosts(hashedBySshKeygen("hashed.example"));
        for (String host : List.of("host1", "hashed.example", "[h3]:2222", "nope", "foo.example")) {
            Files.writeString(dir.resolve("s"), text);
            Files.writeString(dir.resolve("w"), text);
            Result ssh = sshKeygen("", "-R", host, "-f", f("s"));
            Result w = whale("", "-R", host, "-f", f("w"));
            assertEquals(ssh.exit(), w.exit(), host);
            assertEquals(ssh.out().replace("DIR/s", "DIR/w"), w.out(), host);
            assertEquals(ssh.err().replace("DIR/s", "DIR/w"), w.err(), host);
            assertEquals(Files.readString(dir.resolve("s")), Files.readString(dir.resolve("w")), host);
            assertEquals(Files.exists(dir.resolve("s.old")), Files.exists(dir.resolve("w.old")), host);
            if (Files.exists(dir.resolve("w.old"))) {
                assertEquals(text, Files.readString(dir.resolve("w.old")));
            }
        }
        Files.writeString(dir.resolve("bad"), text + "bad line\n");
        Files.copy(dir.resolve("bad"), dir.resolve("bad.s"));
        Result ssh = sshKeygen("", "-R", "host1", "-f", f("bad.s"));
        Result w = whale("", "-R", "host1", "-f", f("bad"));
        assertEquals(ssh.exit(), w.exit());
        assertEquals(ssh.errLines().replace("bad.s", "bad"), w.err().replace("\r\n", "\n"));
        assertEquals(text + "bad line\n", Files.readString(dir.resolve("bad")));
    }

    /** -H: the same messages and lines, and each tool finds every host in the file the other hashed. */
    @Test
    void hash_eachToolFindsTheOthersHashedHosts() throws Exception {
        SplittableRandom rnd = new SplittableRandom(2026);
        List<String> hosts = new ArrayList<>();
        StringBuilder text = new StringBuilder("# known hosts\n");
        for (int i = 0; i < 6; i++) {
            String h = "Host" + rnd.nextInt(1000) + ".example";
            String h2 = "10.0." + rnd.nextInt(256) + "." + rnd.nextInt(256);
            hosts.add(h.toLowerCase());
            hosts.add(h2);
            text.append(h).append(',').append(h2).append(' ').append(pub(NAMES.get(i % NAMES.size()))).append('\n');
        }
        text.append("*.wild ").append(pub("rsa")).append('\n');
        Files.writeString(dir.resolve("s"), text);
        Files.writeString(dir.resolve("w"), text);
        Result ssh = sshKeygen("", "-H", "-f", f("s"));
        Result w = whale("", "-H", "-f", f("w"));
        assertEquals(ssh.exit(), w.exit());
        assertEquals(ssh.out().replace("DIR/s", "DIR/w"), w.out());
        assertEquals(ssh.err().replace("DIR/s", "DIR/w"), w.err());
        assertEquals(text.toString(), Files.readString(dir.resolve("w.old")));
        List<String> sLines = Files.readAllLines(dir.resolve("s"));
        List<String> wLines = Files.readAllLines(dir.resolve("w"));
        assertEquals(sLines.size(), wLines.size());
        for (int i = 0; i < sLines.size(); i++) {
            assertEquals(sLines.get(i).startsWith("|1|"), wLines.get(i).startsWith("|1|"));
            String hashed = "^\\|1\\|\\S+";
            assertEquals(sLines.get(i).replaceFirst(hashed, ""), wLines.get(i).replaceFirst(hashed, ""));
        }
        for (String h : hosts) {
            Result inWhales = sshKeygen("", "-F", h, "-f", f("w"));
            assertEquals(0, inWhales.exit(), h);
            assertEquals(inWhales, whale("", "-F", h, "-f", f("w")));
            Result inSsh = whale("", "-F", h, "-f", f("s"));
            assertEquals(0, inSsh.exit(), h);
            assertEquals(sshKeygen("", "-F", h, "-f", f("s")), inSsh);
        }
        // -H -F prints the found lines hashed, leaving the file as it is.
        Files.writeString(dir.resolve("plain"), text);
        Result hf = whale("", "-H", "-F", hosts.get(0), "-f", f("plain"));
        String found = "# Host " + hosts.get(0).replace(".", "\\.") + " found: line 2 \n";
        assertTrue(hf.out().matches(found + "(\\|1\\|.*\n){2}"),
                hf.out());
        assertEquals(text.toString(), Files.readString(dir.resolve("plain")));
    }

    @Test
    void changeComment_sameAsSshKeygen_andSshKeygenReadsTheKey() throws Exception {
        for (String k : NAMES) {
            Files.copy(dir.resolve(k), dir.resolve(k + ".w"));
            Files.copy(dir.resolve(k + ".pub"), dir.resolve(k + ".w.pub"));
            String pass = NAMES.indexOf(k) % 2 == 0 ? "" : "pass phrase";
            Result ssh = sshKeygen("", "-c", "-C", "new " + k, "-P", pass, "-f", f(k));
            Result w = whale("", "-c", "-C", "new " + k, "-P", pass, "-f", f(k + ".w"));
            assertEquals(ssh, w, k);
            assertEquals(Files.readString(dir.resolve(k + ".pub")), Files.readString(dir.resolve(k + ".w.pub")));
            assertEquals(sshKeygen("", "-y", "-P", pass, "-f", f(k)), sshKeygen("", "-y", "-P", pass, "-f",
                    f(k + ".w")));
            assertEquals(sshKeygen("", "-c", "-C", "new " + k, "-P", pass, "-f", f(k)),
                    whale("", "-c", "-C", "new " + k, "-P", pass, "-f", f(k + ".w")));
        }
        Files.copy(dir.resolve("ecdsa256"), dir.resolve("typed"));
        Files.copy(dir.resolve("ecdsa256"), dir.resolve("typed.s"));
        assertEquals(sshKeygen("pass phrase\ntyped comment\n", "-c", "-f", f("typed.s")),
                whale("pass phrase\ntyped comment\n", "-c", "-f", f("typed")));
        assertEquals(sshKeygen("pass phrase\n\n", "-c", "-f", f("typed.s")),
                whale("pass phrase\n\n", "-c", "-f", f("typed")));
        sameFailure(f("ecdsa256"), "-c", "-C", "x", "-P", "wrong", "-f", f("ecdsa256"));
        sameFailure(null, "-c", "-C", "x", "-m", "PEM", "-f", f("rsa"));
    }
}
