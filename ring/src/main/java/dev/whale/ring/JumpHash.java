package dev.whale.ring;

/**
 * Jump consistent hash (Lamping and Veach, arXiv:1406.2294): a 64-bit key picks one of n buckets with no ring at
 * all, and adding a bucket moves only the keys that the new bucket takes.
 */
final class JumpHash {
    private static final long LCG = 2862933555777941757L;

    private JumpHash() {}

    /** The paper's algorithm, as its C++ reference computes it. */
    static int bucket(long key, int buckets) {
        long b = -1;
        long j = 0;
        while (j < buckets) {
            b = j;
            key = key * LCG + 1;
            j = (long) ((b + 1) * ((double) (1L << 31) / (double) ((key >>> 33) + 1)));
        }
        return (int) b;
    }

    /**
     * Guava's {@code Hashing.consistentHash(long, int)}, bit for bit. Guava adds 1 to {@code (int) (state >>> 33)}
     * in int arithmetic, which overflows to a negative number and ends the walk early where the paper's code goes on.
     */
    static int guava(long input, int buckets) {
        long state = input;
        int candidate = 0;
        while (true) {
            state = LCG * state + 1;
            double r = ((double) ((int) (state >>> 33) + 1)) / 0x1.0p31;
            int next = (int) ((candidate + 1) / r);
            if (next >= 0 && next < buckets) {
                candidate = next;
            } else {
                return candidate;
            }
        }
    }
}
