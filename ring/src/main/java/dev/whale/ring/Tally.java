package dev.whale.ring;

import java.math.BigInteger;

/** A count of positions that may reach 2^64, the size of the whole 64-bit space: a 128-bit unsigned accumulator. */
final class Tally {
    private long hi;
    private long lo;

    /** Adds the {@code lastMinusFirst + 1} positions of an inclusive range. */
    void addRange(long lastMinusFirst) {
        add(lastMinusFirst);
        add(1);
    }

    void add(long unsigned) {
        long r = lo + unsigned;
        if (Long.compareUnsigned(r, lo) < 0) {
            hi++;
        }
        lo = r;
    }

    void add(Tally other) {
        add(other.lo);
        hi += other.hi;
    }

    boolean isZero() {
        return hi == 0 && lo == 0;
    }

    BigInteger value() {
        return BigInteger.valueOf(hi).shiftLeft(64).add(Unsigned.toBigInteger(lo));
    }
}
