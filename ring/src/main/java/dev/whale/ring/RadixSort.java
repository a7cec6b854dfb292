package dev.whale.ring;

import java.util.Arrays;

/** A stable LSD radix sort of unsigned keys that carries an int payload along: a ring's points and their ordinals. */
final class RadixSort {
    private static final int DIGIT = 16;

    private RadixSort() {}

    /** Sorts {@code keys} as unsigned values of at most {@code bits} bits, moving {@code vals} with them. */
    static void sort(long[] keys, int[] vals, int bits) {
        int n = keys.length;
        if (n < 2) {
            return;
        }
        long[] k2 = new long[n];
        int[] v2 = new int[n];
        int[] count = new int[(1 << DIGIT) + 1];
        long[] srcK = keys;
        int[] srcV = vals;
        for (int shift = 0; shift < bits; shift += DIGIT) {
            Arrays.fill(count, 0);
            for (long k : srcK) {
                count[(int) ((k >>> shift) & 0xffff) + 1]++;
            }
            if (count[(int) ((srcK[0] >>> shift) & 0xffff) + 1] == n) {
                continue;
            }
            for (int i = 0; i < 1 << DIGIT; i++) {
                count[i + 1] += count[i];
            }
            for (int i = 0; i < n; i++) {
                int d = (int) ((srcK[i] >>> shift) & 0xffff);
                int p = count[d]++;
                k2[p] = srcK[i];
                v2[p] = srcV[i];
            }
            long[] tk = srcK;
            srcK = k2;
            k2 = tk;
            int[] tv = srcV;
            srcV = v2;
            v2 = tv;
        }
        if (srcK != keys) {
            System.arraycopy(srcK, 0, keys, 0, n);
            System.arraycopy(srcV, 0, vals, 0, n);
        }
    }
}
