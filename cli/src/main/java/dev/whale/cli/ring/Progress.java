package dev.whale.cli.ring;

import java.io.PrintWriter;

/** Progress of long work on standard error, redrawn in place; silent when stderr is not a terminal. */
final class Progress {
    private final PrintWriter err;
    private final String what;
    private final int total;
    private final boolean on;
    private final long start = System.nanoTime();

    Progress(PrintWriter err, String what, int total) {
        this.err = err;
        this.what = what;
        this.total = total;
        this.on = System.console() != null && total > 1;
    }

    void update(int done) {
        if (on && System.nanoTime() - start > 300_000_000L) {
            err.print("\r" + what + " " + done + "/" + total);
            err.flush();
        }
    }

    void finish() {
        if (on && System.nanoTime() - start > 300_000_000L) {
            err.print("\r" + " ".repeat(what.length() + 24) + "\r");
            err.flush();
        }
    }
}
