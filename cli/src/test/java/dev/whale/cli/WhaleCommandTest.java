package dev.whale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class WhaleCommandTest {

    @Test
    void version_printsNameAndJava() {
        Run r = Run.of("--version");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("whale "), r.out());
        assertTrue(r.out().contains("on Java " + Runtime.version().feature()), r.out());
    }

    @Test
    void help_everyCommandShowsAnExample() {
        List<CommandLine> all = new ArrayList<>();
        collect(Main.commandLine(false), all);
        assertTrue(all.size() >= 9, "commands: " + all.size());
        List<String> tooWide = new ArrayList<>();
        PrintStream err = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
            for (CommandLine c : all) {
                StringWriter w = new StringWriter();
                c.usage(new PrintWriter(w));
                assertTrue(w.toString().contains("Example"), c.getCommandSpec().qualifiedName() + " has no example");
                assertTrue(w.toString().contains("./whale "), c.getCommandSpec().qualifiedName() + " has no example");
                assertTrue(!w.toString().contains("%n"), c.getCommandSpec().qualifiedName() + " shows a raw %n");
                // An example that wraps cannot be pasted: every one fits the help's width.
                int width = c.getCommandSpec().usageMessage().width();
                for (String example : c.getCommandSpec().usageMessage().footer()) {
                    if (example.replace("%%", "%").length() > width) {
                        tooWide.add(c.getCommandSpec().qualifiedName() + ": " + example);
                    }
                }
            }
        } finally {
            System.setErr(err);
        }
        assertEquals("", warnings.toString(StandardCharsets.UTF_8), "picocli warned while formatting help");
        assertEquals(List.of(), tooWide, "examples wider than the help wrap, and cannot be pasted");
    }

    private static void collect(CommandLine c, List<CommandLine> out) {
        out.add(c);
        c.getSubcommands().values().forEach(s -> {
            if (!out.contains(s)) {
                collect(s, out);
            }
        });
    }

    @Test
    void unknownOption_isAUsageErrorOnOneLine() {
        Run r = Run.of("ring", "table", "--colour", "red");
        assertEquals(2, r.exit());
        assertTrue(r.oneLineError(), r.err());
        assertEquals("whale ring table: unknown option --colour (see 'whale ring table --help')\n", r.err());
    }

    @Test
    void unknownCommand_isAUsageError() {
        Run r = Run.of("rings");
        assertEquals(2, r.exit());
        assertTrue(r.oneLineError(), r.err());
    }

    @Test
    void test_outsideTheLauncher_saysHowToRunIt() {
        Run r = Run.of("test");
        assertEquals(2, r.exit());
        assertEquals("whale test: the test suite runs through the launcher: ./whale test\n", r.err());
    }

    @Test
    void debug_showsTheStackTrace() {
        Run r = Run.of("ring", "table", "--hash", "sha3", "--debug");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("\tat "), r.err());
    }
}
