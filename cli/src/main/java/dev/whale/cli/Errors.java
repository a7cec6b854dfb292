package dev.whale.cli;

import dev.whale.pki.PkiException;
import dev.whale.ring.RingException;
import dev.whale.service.ConfigException;
import dev.whale.service.ServiceException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/**
 * Maps failures to one line and an exit code: 2 for a usage error or a setup that cannot work, 1 for a failure.
 * A stack trace appears only with {@code --debug}, or for a bug.
 */
public final class Errors implements IExecutionExceptionHandler {
    static final int FAILURE = 1;
    static final int USAGE = 2;

    private final boolean debug;

    Errors(boolean debug) {
        this.debug = debug;
    }

    /** A bad option or argument: one line that names it, and where to find help. */
    static int onUsageError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String what = e instanceof UnmatchedArgumentException u ? unmatched(u, cmd) : e.getMessage();
        err.println(name(cmd) + ": " + what + " (see '" + name(cmd) + " --help')");
        return USAGE;
    }

    /**
     * An argument no command takes: a verb that does not exist where a verb is expected, or an option the command
     * does not have (with picocli's nearest match, when there is one).
     */
    private static String unmatched(UnmatchedArgumentException u, CommandLine cmd) {
        String first = u.getUnmatched().get(0);
        if (!first.startsWith("-") && !cmd.getSubcommands().isEmpty()) {
            boolean top = cmd.getParent() == null;
            return "unknown " + (top ? "command " : "verb ") + first + "; the " + (top ? "commands" : "verbs")
                    + " are " + String.join(", ", cmd.getSubcommands().keySet());
        }
        if (first.startsWith("-")) {
            List<String> near = u.getSuggestions();
            return "unknown option " + first + (near.isEmpty() ? "" : "; did you mean " + near.get(0) + "?");
        }
        return "unexpected argument " + first;
    }

    /**
     * Runs the command the arguments name, unless a command that takes verbs was given one it does not have: that
     * is an error even when {@code -help} (which picocli reads as {@code -h}) follows, not a reason to show help.
     */
    static int execute(ParseResult parsed) {
        ParseResult last = parsed;
        while (last.subcommand() != null) {
            last = last.subcommand();
        }
        CommandLine cmd = last.commandSpec().commandLine();
        if (!cmd.getSubcommands().isEmpty() && !last.unmatched().isEmpty()) {
            throw new UnmatchedArgumentException(cmd, last.unmatched());
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        if (debug) {
            e.printStackTrace(err);
        }
        if (e instanceof RingException || e instanceof UsageException
                || e instanceof ConfigException) {
            err.println(name(cmd) + ": " + e.getMessage());
            return USAGE;
        }
        if (e instanceof FailureException || e instanceof PkiException
                || e instanceof ServiceException) {
            err.println(name(cmd) + ": " + e.getMessage());
            return FAILURE;
        }
        err.println(name(cmd) + ": internal error: " + e + (debug ? "" : " (run again with --debug for details)"));
        return FAILURE;
    }

    /**
     * Why reading or writing a file failed, in a few words for a one-line message: {@code no such file},
     * {@code permission denied}, {@code is a directory}, {@code not UTF-8 text}, else the system's own reason.
     */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof MalformedInputException) {
            return "not UTF-8 text";
        }
        String m = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        if (m != null && m.contains("Is a directory")) {
            return "is a directory";
        }
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static String name(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName();
    }

    /** Input that cannot be used as given: exit 2. */
    public static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }

    /** A failure while doing the work, such as a file that cannot be written: exit 1. */
    public static final class FailureException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public FailureException(String message) {
            super(message);
        }

        public FailureException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
