package dev.whale.cli.ssh;

import dev.whale.pki.ssh.BcryptPbkdf;
import java.io.PrintWriter;

/**
 * A one-line progress display for bcrypt_pbkdf on standard error, redrawn in place with a carriage return and
 * erased when the derivation is done, so that nothing of it stays in the output.
 */
final class BcryptProgress implements BcryptPbkdf.Progress {
    private final PrintWriter err;
    private final long rounds;
    private int shownPercent = -1;
    private int width;

    BcryptProgress(PrintWriter err, long rounds) {
        this.err = err;
        this.rounds = rounds;
    }

    @Override
    public synchronized void update(long done, long total) {
        int percent = (int) (100 * done / total);
        if (percent == shownPercent) {
            return;
        }
        shownPercent = percent;
        String line = "bcrypt_pbkdf, " + rounds + " rounds: " + percent + "%";
        width = Math.max(width, line.length());
        err.print("\r" + line);
        err.flush();
    }

    /** Erases the line. */
    synchronized void finish() {
        if (width > 0) {
            err.print("\r" + " ".repeat(width) + "\r");
            err.flush();
        }
    }
}
