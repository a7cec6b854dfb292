package dev.whale.ring;

import java.util.Locale;

/**
 * The check that comes before big work: what a size the user typed will take, against the heap this JVM may use, so
 * that too large a ring, table or demo ends in one line that says why, not in an OutOfMemoryError minutes later.
 */
final class Memory {
    /** The part of the heap that one structure may take; the rest is the JVM's, the CLI's and the output's. */
    private static final double SHARE = 0.75;

    private Memory() {}

    /**
     * Refuses {@code count} items of about {@code bytesEach} bytes each (at the peak of building them) when they
     * would not fit.
     *
     * @param what what is being built, such as "a ring of 66,000,000 points"
     */
    static void require(String what, long count, long bytesEach) {
        require(what, (double) count * bytesEach);
    }

    /** Refuses what would take about {@code need} bytes at its peak when that would not fit. */
    static void require(String what, double need) {
        long max = Runtime.getRuntime().maxMemory();
        if (need > max * SHARE) {
            throw RingException.of("%s would take about %s MiB, more than the %s MiB this JVM may use"
                    + " (%s of -Xmx %s MiB)", what, mib(need), mib(max * SHARE), (int) (SHARE * 100) + "%", mib(max));
        }
    }

    /** {@code count} with thousands separators, for messages. */
    static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    private static String mib(double bytes) {
        return String.format(Locale.ROOT, "%,d", (long) Math.ceil(bytes / (1 << 20)));
    }
}
