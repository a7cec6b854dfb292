package dev.whale.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

/** Entry point of the whale command: runs a command and exits with its code. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, false), new PrintWriter(System.err, true)));
    }

    /** Runs whale with {@code args}, writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        boolean debug = Arrays.asList(args).contains("--debug");
        CommandLine cl = commandLine(debug, args);
        cl.setOut(out);
        cl.setErr(err);
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Columns of --help output. */
    static final int HELP_WIDTH = 120;

    /** The whole command tree, as help shows it. */
    static CommandLine commandLine(boolean debug) {
        return commandLine(debug, new String[0]);
    }

    /**
     * The command tree for {@code args}: only the commands on the path the arguments name, when they name one.
     * picocli reflects over every command it is given, and that is most of whale's start-up time.
     */
    static CommandLine commandLine(boolean debug, String[] args) {
        CommandLine cl = Commands.tree(new WhaleCommand(), args);
        cl.setExpandAtFiles(false);
        // OpenSSL's options are words after one dash (-hash, -Vx): read as clusters of one-letter options they would
        // be -h or -V, and show help or the version instead of saying that the option is unknown.
        cl.setPosixClusteredShortOptionsAllowed(false);
        cl.setCaseInsensitiveEnumValuesAllowed(false);
        // The project's line width: every example fits on one line, so that it can be pasted.
        cl.setUsageHelpWidth(HELP_WIDTH);
        cl.setParameterExceptionHandler(Errors::onUsageError);
        cl.setExecutionStrategy(Errors::execute);
        cl.setExecutionExceptionHandler(new Errors(debug));
        return cl;
    }
}
