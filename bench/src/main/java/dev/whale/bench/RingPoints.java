package dev.whale.bench;

import dev.whale.ring.HashRing;
import dev.whale.ring.Node;
import dev.whale.ring.Partitioner;
import dev.whale.ring.Partitioning;
import dev.whale.ring.Strategy;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The rings the benchmarks share: each node's points are 64-bit positions drawn from a {@link SplittableRandom} seeded
 * with the node's index, so every run and every structure (whale's ring, the TreeMap baseline) sees the same points.
 * The generator captures nothing, so a JOL walk of a ring built from it counts only the ring.
 */
final class RingPoints {
    /** Points per node in the lookup benchmarks: ketama's 160. */
    static final int KETAMA_POINTS = 160;

    private static final long SEED = 0x5eed_1e55_c0ffeeL;

    private RingPoints() {}

    /** The points of node {@code nodeIndex}. */
    static long[] of(int nodeIndex, int count) {
        SplittableRandom random = new SplittableRandom(SEED + nodeIndex);
        long[] points = new long[count];
        for (int j = 0; j < count; j++) {
            points[j] = random.nextLong();
        }
        return points;
    }

    /** A 64-bit ceiling ring (ketama, Envoy): the first point at or after the position, wrapping around. */
    static HashRing ceilingRing(int nodes, int pointsPerNode) {
        return HashRing.of(64, Node.named(nodes), HashRing.Rule.CEILING, (i, node) -> of(i, pointsPerNode),
                HashRing.Collisions.KEEP_FIRST);
    }

    /**
     * The classic Java ring over the same points: a {@code TreeMap<Long, Integer>} in natural (signed) order, the first
     * point generated kept on a collision, as {@link HashRing.Collisions#KEEP_FIRST}. A ceiling ring is the same on a
     * circle whichever point the order starts from, so signed order serves every position as whale's unsigned ring.
     */
    static TreeMap<Long, Integer> treeMapRing(int nodes, int pointsPerNode) {
        TreeMap<Long, Integer> ring = new TreeMap<>();
        for (int i = 0; i < nodes; i++) {
            for (long p : of(i, pointsPerNode)) {
                ring.putIfAbsent(p, i);
            }
        }
        return ring;
    }

    /** The TreeMap ring's lookup: {@code ceilingEntry}, wrapping to the first entry past the last point. */
    static int treeMapLookup(TreeMap<Long, Integer> ring, long position) {
        Map.Entry<Long, Integer> e = ring.ceilingEntry(position);
        if (e == null) {
            e = ring.firstEntry();
        }
        return e.getValue();
    }

    /** {@code count} random 64-bit positions: precomputed key hashes. */
    static long[] hashes(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] h = new long[count];
        for (int i = 0; i < count; i++) {
            h[i] = random.nextLong();
        }
        return h;
    }

    /** The post's style ring through the public builder: XXH64 of {@code server-x-r}, {@code vnodes} per node. */
    static Partitioner postRing(int nodes, int vnodes) {
        return Partitioning.strategy(Strategy.RING).hash("xxh64").nodes(Node.named(nodes)).vnodes(vnodes).build();
    }
}
