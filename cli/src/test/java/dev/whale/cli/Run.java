package dev.whale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process with captured output, as a user would from a shell. */
public record Run(int exit, String out, String err) {

    public static Run of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString());
    }

    /** True when stderr is exactly one line and holds no stack trace. */
    public boolean oneLineError() {
        return err.endsWith("\n") && err.indexOf('\n') == err.length() - 1 && !err.contains("\tat ");
    }

    /** The run failed with {@code code} and exactly {@code message} on stderr, no stack trace. */
    public void assertOneLineError(int code, String message) {
        assertEquals(code, exit, err);
        assertEquals(message + "\n", err);
        assertFalse(err.contains("\tat "));
    }
}
