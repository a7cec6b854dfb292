package dev.whale.ring;

import java.math.BigInteger;

/** Arithmetic on unsigned positions and on counts that may reach 2^64. */
final class Unsigned {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private Unsigned() {}

    static BigInteger toBigInteger(long unsigned) {
        BigInteger b = BigInteger.valueOf(unsigned);
        return unsigned < 0 ? b.add(TWO_64) : b;
    }

    /** The size of a space of {@code bits} bits, 2^bits. */
    static BigInteger spaceSize(int bits) {
        return BigInteger.ONE.shiftLeft(bits);
    }

    /** The largest position of a space, 2^bits - 1, as an unsigned long. */
    static long maxPosition(int bits) {
        return bits == 64 ? -1L : (1L << bits) - 1;
    }
}
