package dev.whale.cli.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whale.cli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command as whale's command line runs it, and ssh-keygen's getopt. */
class SshKeygenCommandTest {
    @TempDir
    Path dir;

    @Test
    void run_passesSshKeygenWordsThroughPicocli() throws Exception {
        Path key = dir.resolve("k");
        Run gen = Run.of("ssh-keygen", "-qt", "ed25519", "-N", "", "-Cwhale test", "-f", key.toString());
        assertEquals(new Run(0, "", ""), gen);
        Run l = Run.of("ssh-keygen", "-lf", key + ".pub");
        assertEquals(0, l.exit());
        assertTrue(l.out().matches("256 SHA256:[A-Za-z0-9+/]{43} whale test \\(ED25519\\)\n"), l.out());
        assertEquals(Files.readString(Path.of(key + ".pub")),
                Run.of("ssh-keygen", "-y", "-f", key.toString()).out());
    }

    @Test
    void run_unknownOption_usageAndExit1LikeSshKeygen() {
        Run r = Run.of("ssh-keygen", "-W");
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("unknown option -- W\nusage: ssh-keygen "), r.err());
    }

    @Test
    void run_unsupportedSshKeygenMode_oneLine() {
        Run r = Run.of("ssh-keygen", "-k", "-f", "krl");
        assertEquals(1, r.exit());
        assertTrue(r.oneLineError(), r.err());
        assertTrue(r.err().startsWith("whale ssh-keygen: -k is not supported"), r.err());
    }

    @Test
    void getopt_clustersAttachedArgumentsAndStopsAtTheFirstOperand() throws Exception {
        Getopt.Parsed p = Getopt.parse(List.of("-lvf", "key", "-E", "-x", "-Cc d", "op", "-q"), "lvqf:E:C:");
        assertEquals(List.of(new Getopt.Opt('l', null), new Getopt.Opt('v', null), new Getopt.Opt('f', "key"),
                new Getopt.Opt('E', "-x"), new Getopt.Opt('C', "c d")), p.options());
        assertEquals(List.of("op", "-q"), p.operands());
        assertEquals(List.of("-l"), Getopt.parse(List.of("--", "-l"), "l").operands());
        assertEquals("option requires an argument -- f", assertThrows(Getopt.Error.class,
                () -> Getopt.parse(List.of("-lf"), "lf:")).getMessage());
        assertEquals("unknown option -- z", assertThrows(Getopt.Error.class,
                () -> Getopt.parse(List.of("-lz"), "lf:")).getMessage());
    }
}
