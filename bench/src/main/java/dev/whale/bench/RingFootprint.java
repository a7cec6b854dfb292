package dev.whale.bench;

import dev.whale.ring.HashRing;
import dev.whale.ring.Keys;
import dev.whale.ring.Partitioner;
import dev.whale.ring.Rebalance;
import java.util.Arrays;
import java.util.Locale;
import org.openjdk.jol.info.GraphLayout;

/**
 * Bytes per point and build times of a 1,000,000-point ring (1000 nodes × 1000 points), in a fresh JVM.
 *
 * <p>It prints, in this order so that the first figures are cold: the first build of a {@link HashRing} (points from a
 * seeded {@code SplittableRandom}), the first build of the post's XXH64 ring through {@code Partitioning}, the first
 * exact rebalance from it to 1001 nodes; then the best and median of {@code REPEATS} further builds; then the retained
 * size of each ring as JOL walks it ({@code GraphLayout.parseInstance(ring).totalSize()}) and
 * {@link HashRing#footprintBytes()}, each over the number of points, and JOL's class histogram of the HashRing.
 *
 * <p>Run (after {@code ./whale mvn -q -B -pl bench -am package -DskipTests} in the repository root):
 *
 * <pre>{@code
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -Xms2g -Xmx2g --sun-misc-unsafe-memory-access=allow \
 *     -Djdk.attach.allowAttachSelf=true -cp bench/target/benchmarks.jar dev.whale.bench.RingFootprint
 * }</pre>
 */
public final class RingFootprint {
    private static final int NODES = 1000;
    private static final int POINTS_PER_NODE = 1000;
    private static final int REPEATS = 20;

    private RingFootprint() {}

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        HashRing ring = RingPoints.ceilingRing(NODES, POINTS_PER_NODE);
        long ringCold = System.nanoTime() - t0;

        t0 = System.nanoTime();
        Partitioner post = RingPoints.postRing(NODES, POINTS_PER_NODE);
        long postCold = System.nanoTime() - t0;

        Partitioner postPlusOne = RingPoints.postRing(NODES + 1, POINTS_PER_NODE);
        t0 = System.nanoTime();
        Rebalance r = Rebalance.between(post, postPlusOne, Keys.generated("k", 1));
        long rebalanceCold = System.nanoTime() - t0;

        long[] ringWarm = new long[REPEATS];
        long[] postWarm = new long[REPEATS];
        for (int k = 0; k < REPEATS; k++) {
            t0 = System.nanoTime();
            HashRing again = RingPoints.ceilingRing(NODES, POINTS_PER_NODE);
            ringWarm[k] = System.nanoTime() - t0;
            if (again.size() != ring.size()) {
                throw new IllegalStateException("rebuilt ring differs");
            }
            t0 = System.nanoTime();
            RingPoints.postRing(NODES, POINTS_PER_NODE);
            postWarm[k] = System.nanoTime() - t0;
        }
        Arrays.sort(ringWarm);
        Arrays.sort(postWarm);

        System.out.println("ring: " + ring);
        line("build HashRing 1M points, first (cold):", "%8.1f ms", ms(ringCold));
        line("build HashRing 1M points, warm best / median:", "%8.1f / %.1f ms", ms(ringWarm[0]),
                ms(ringWarm[REPEATS / 2]));
        line("build post ring xxh64 1M, first (cold):", "%8.1f ms", ms(postCold));
        line("build post ring xxh64 1M, warm best / median:", "%8.1f / %.1f ms", ms(postWarm[0]),
                ms(postWarm[REPEATS / 2]));
        line("exact rebalance 1000x1000 -> 1001x1000, first:", "%8.1f ms (moved %.4f, exact %s)", ms(rebalanceCold),
                r.movedShare(), r.exact());

        long jolRing = GraphLayout.parseInstance(ring).totalSize();
        long jolPost = GraphLayout.parseInstance(post).totalSize();
        int n = ring.size();
        line("HashRing points:", "%8d", n);
        line("HashRing retained (JOL totalSize):", "%8d bytes = %.2f bytes/point", jolRing, (double) jolRing / n);
        line("HashRing footprintBytes():", "%8d bytes = %.2f bytes/point", ring.footprintBytes(),
                (double) ring.footprintBytes() / n);
        line("post ring partitioner retained (JOL totalSize):", "%8d bytes = %.2f bytes/point", jolPost,
                (double) jolPost / NODES / POINTS_PER_NODE);
        System.out.println();
        System.out.println("JOL footprint of the HashRing:");
        System.out.println(GraphLayout.parseInstance(ring).toFootprint());
    }

    /** One line of the report: the label padded to a column, then the value. */
    private static void line(String label, String format, Object... args) {
        System.out.printf(Locale.ROOT, "%-48s " + format + "%n", prepend(label, args));
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
