package dev.whale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whale.cli.pki.PkiCommand;
import dev.whale.cli.ring.RingCommand;
import org.junit.jupiter.api.Test;

/** Usage errors anywhere in the tree: one line that names what is unknown, exit 2, never help with exit 0. */
class ErrorsTest {
    private static final String PKI_VERBS = String.join(", ", PkiCommand.subcommands().keySet());
    private static final String RING_VERBS = String.join(", ", RingCommand.subcommands().keySet());

    @Test
    void unknownVerb_pki_namesItAndListsTheVerbs() {
        Run.of("pki", "dgst-nope", "-sha256", "README.md").assertOneLineError(2,
                "whale pki: unknown verb dgst-nope; the verbs are " + PKI_VERBS + " (see 'whale pki --help')");
    }

    @Test
    void unknownVerb_withHelpFlag_isStillAnError() {
        // -help is -h to picocli; a verb that does not exist must not be answered with pki's help and exit 0.
        Run.of("pki", "pkcs12-nope", "-help").assertOneLineError(2,
                "whale pki: unknown verb pkcs12-nope; the verbs are " + PKI_VERBS + " (see 'whale pki --help')");
    }

    @Test
    void unknownVerb_ring() {
        Run.of("ring", "spin").assertOneLineError(2,
                "whale ring: unknown verb spin; the verbs are " + RING_VERBS + " (see 'whale ring --help')");
    }

    @Test
    void unknownCommand_top() {
        Run r = Run.of("frobnicate");
        assertEquals(2, r.exit());
        assertTrue(r.oneLineError(), r.err());
        assertTrue(r.err().startsWith("whale: unknown command frobnicate; the commands are serve, "), r.err());
    }

    @Test
    void unknownOption_namesIt() {
        Run.of("pki", "x509", "-bogus").assertOneLineError(2,
                "whale pki x509: unknown option -bogus (see 'whale pki x509 --help')");
    }

    /** OpenSSL's options are words: one that starts like -h or -V is unknown, not a request for help or the version. */
    @Test
    void unknownOption_startingLikeHelpOrVersion_isUnknown() {
        Run.of("pki", "rsa", "-hxyz").assertOneLineError(2,
                "whale pki rsa: unknown option -hxyz (see 'whale pki rsa --help')");
        Run.of("pki", "x509", "-Vx").assertOneLineError(2,
                "whale pki x509: unknown option -Vx (see 'whale pki x509 --help')");
    }

    @Test
    void unknownOption_closeToARealOne_suggestsIt() {
        Run r = Run.of("pki", "x509", "-nout");
        assertEquals(2, r.exit());
        assertTrue(r.oneLineError(), r.err());
        assertTrue(r.err().startsWith("whale pki x509: unknown option -nout; did you mean -noout?"), r.err());
    }

    @Test
    void extraArgument_namesIt() {
        Run.of("config", "show", "nope").assertOneLineError(2,
                "whale config show: unexpected argument nope (see 'whale config show --help')");
    }

    @Test
    void knownVerb_help_stillHelps() {
        Run r = Run.of("pki", "x509", "--help");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Usage: whale pki x509"), r.out());
    }
}
