package dev.whale.cli.ssh;

import java.util.ArrayList;
import java.util.List;

/**
 * POSIX getopt as OpenSSH's compat copy of BSD getopt behaves: single-letter options, clustered ({@code -lvf key}),
 * an option's argument attached or in the next word whatever it starts with, and no reordering: the first word that
 * is not an option, or {@code --}, ends the options.
 */
final class Getopt {
    /** One option as given, with its argument for those that take one. */
    record Opt(char name, String arg) {}

    /** The options in order, then the operands after them. */
    record Parsed(List<Opt> options, List<String> operands) {}

    /** A word getopt refuses: its message is getopt's, such as {@code unknown option -- x}. */
    static final class Error extends Exception {
        private static final long serialVersionUID = 1L;

        Error(String message) {
            super(message);
        }
    }

    private Getopt() {}

    /** Parses {@code args} against getopt's optstring {@code spec}: letters, ":" after those with an argument. */
    static Parsed parse(List<String> args, String spec) throws Error {
        List<Opt> options = new ArrayList<>();
        int i = 0;
        while (i < args.size()) {
            String word = args.get(i);
            if (word.equals("--")) {
                i++;
                break;
            }
            if (word.length() < 2 || word.charAt(0) != '-') {
                break;
            }
            i++;
            for (int k = 1; k < word.length(); k++) {
                char c = word.charAt(k);
                int at = spec.indexOf(c);
                if (c == ':' || at < 0) {
                    throw new Error("unknown option -- " + c);
                }
                boolean takesArg = at + 1 < spec.length() && spec.charAt(at + 1) == ':';
                if (!takesArg) {
                    options.add(new Opt(c, null));
                    continue;
                }
                if (k + 1 < word.length()) {
                    options.add(new Opt(c, word.substring(k + 1)));
                } else if (i < args.size()) {
                    options.add(new Opt(c, args.get(i++)));
                } else {
                    throw new Error("option requires an argument -- " + c);
                }
                break;
            }
        }
        return new Parsed(options, List.copyOf(args.subList(i, args.size())));
    }
}
