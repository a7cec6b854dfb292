package dev.whale.ring;

import java.util.Arrays;
import java.util.List;

/**
 * A ring of points sorted by position, each owned by a node; a position is served by the point that the ring's
 * {@link Rule} picks.
 *
 * <p>Lookups use a bucket index over the top bits of the position, so they cost a few array reads whatever the size of
 * the ring. A ring takes 12 bytes per point plus at most 4 for the index.
 */
public final class HashRing {

    /** Which point serves a position. */
    public enum Rule {
        /** The last point at or before the position: a point is the minimum hash of its partition (the post). */
        FLOOR,
        /** The first point at or after the position, wrapping around (nginx, ketama, Envoy). */
        CEILING,
        /** The nearer of the two points around the position; the earlier one on a tie (HAProxy). */
        NEAREST
    }

    /** What to do when two points land on the same position. */
    public enum Collisions {
        /** Refuse the ring: the partitions cannot be told apart. */
        REJECT,
        /** Keep the point generated first (nginx). */
        KEEP_FIRST,
        /** Keep the point generated last (spymemcached's TreeMap). */
        KEEP_LAST
    }

    /** Generates the points of one node, in the order its replicas are numbered. */
    @FunctionalInterface
    public interface Points {
        long[] of(int nodeIndex, Node node);
    }

    private final int bits;
    private final long mask;
    private final List<Node> nodes;
    private final Rule rule;
    private final Points points;
    private final Collisions collisions;
    private final int[] nodeOffsets;
    private final long[] pos;
    private final int[] owner;
    private final int[] bucketStart;
    private final int shift;
    private volatile int[] ordinals;

    private HashRing(int bits, List<Node> nodes, Rule rule, Points points, Collisions collisions) {
        if (bits < 1 || bits > 64) {
            throw RingException.of("position width must be 1..64 bits: %d", bits);
        }
        this.bits = bits;
        this.mask = Unsigned.maxPosition(bits);
        this.nodes = Node.checkList(nodes);
        this.rule = rule;
        this.points = points;
        this.collisions = collisions;

        long[][] perNode = new long[this.nodes.size()][];
        nodeOffsets = new int[this.nodes.size() + 1];
        long total = 0;
        for (int i = 0; i < perNode.length; i++) {
            perNode[i] = points.of(i, this.nodes.get(i));
            total += perNode[i].length;
            if (total > Integer.MAX_VALUE - 8) {
                throw RingException.of("too many points on the ring: more than %d", Integer.MAX_VALUE - 8);
            }
            nodeOffsets[i + 1] = (int) total;
        }
        if (total == 0) {
            throw RingException.of("the ring has no points: every node has weight 0");
        }
        Sorted sorted = sortAndCollapse(perNode);
        this.pos = sorted.pos;
        this.owner = new int[pos.length];
        for (int i = 0; i < pos.length; i++) {
            owner[i] = nodeOfOrdinal(sorted.ordinal[i]);
        }
        if (pos.length <= 1 << 16) {
            this.ordinals = sorted.ordinal;
        }
        int k = Math.max(1, Math.min(bits, 31 - Integer.numberOfLeadingZeros(Math.max(2, pos.length))));
        this.shift = bits - k;
        this.bucketStart = new int[(1 << k) + 1];
        int p = 0;
        for (int b = 0; b <= 1 << k; b++) {
            while (p < pos.length && (pos[p] >>> shift) < b) {
                p++;
            }
            bucketStart[b] = p;
        }
    }

    /** A ring over a space of {@code bits} bits, with the points that {@code points} makes for each node. */
    public static HashRing of(int bits, List<Node> nodes, Rule rule, Points points, Collisions collisions) {
        return new HashRing(bits, nodes, rule, points, collisions);
    }

    public int bits() {
        return bits;
    }

    public List<Node> nodes() {
        return nodes;
    }

    public Rule rule() {
        return rule;
    }

    /** The number of points after collisions were collapsed. */
    public int size() {
        return pos.length;
    }

    /** The position of point {@code i}, points being sorted by position. */
    public long position(int i) {
        return pos[i];
    }

    /** The index of the node that owns point {@code i}. */
    public int ownerOf(int i) {
        return owner[i];
    }

    /** The replica number of point {@code i} within its node, as the generator numbered it. */
    public int replicaOf(int i) {
        return ordinals()[i] - nodeOffsets[owner[i]];
    }

    /** The index of the point that serves {@code position}. */
    public int pointAt(long position) {
        if ((position & ~mask) != 0) {
            throw RingException.of("position %s is outside the %d-bit space", Long.toUnsignedString(position), bits);
        }
        int n = pos.length;
        int i = bucketStart[(int) (position >>> shift)];
        switch (rule) {
            case FLOOR -> {
                while (i < n && Long.compareUnsigned(pos[i], position) <= 0) {
                    i++;
                }
                return i == 0 ? n - 1 : i - 1;
            }
            case CEILING -> {
                while (i < n && Long.compareUnsigned(pos[i], position) < 0) {
                    i++;
                }
                return i == n ? 0 : i;
            }
            default -> {
                while (i < n && Long.compareUnsigned(pos[i], position) < 0) {
                    i++;
                }
                int next = i == n ? 0 : i;
                int prev = i == 0 ? n - 1 : i - 1;
                long dp = (position - pos[prev]) & mask;
                long dn = (pos[next] - position) & mask;
                return Long.compareUnsigned(dp, dn) <= 0 ? prev : next;
            }
        }
    }

    /** The index of the node that serves {@code position}. */
    public int nodeAt(long position) {
        return owner[pointAt(position)];
    }

    /**
     * The first position served by point {@code i}; the point serves up to the start of the next point's arc, going
     * around the ring.
     */
    long arcStart(int i) {
        int n = pos.length;
        return switch (rule) {
            case FLOOR -> pos[i];
            case CEILING -> (pos[i == 0 ? n - 1 : i - 1] + 1) & mask;
            case NEAREST -> {
                long p = pos[i == 0 ? n - 1 : i - 1];
                long gap = (pos[i] - p) & mask;
                if (n == 1) {
                    gap = mask;
                }
                yield (p + (gap >>> 1) + 1) & mask;
            }
        };
    }

    /** Bytes held by the ring's arrays: the figure behind "bytes per point". */
    public long footprintBytes() {
        return 8L * pos.length + 4L * owner.length + 4L * bucketStart.length;
    }

    private int nodeOfOrdinal(int ordinal) {
        int i = Arrays.binarySearch(nodeOffsets, ordinal);
        if (i >= 0) {
            while (nodeOffsets[i + 1] == ordinal) {
                i++;
            }
            return i;
        }
        return -i - 2;
    }

    private int[] ordinals() {
        int[] o = ordinals;
        if (o == null) {
            long[][] perNode = new long[nodes.size()][];
            for (int i = 0; i < perNode.length; i++) {
                perNode[i] = points.of(i, nodes.get(i));
            }
            o = sortAndCollapse(perNode).ordinal;
            ordinals = o;
        }
        return o;
    }

    private record Sorted(long[] pos, int[] ordinal) {}

    private Sorted sortAndCollapse(long[][] perNode) {
        int total = nodeOffsets[perNode.length];
        long[] keys = new long[total];
        int[] ord = new int[total];
        for (int i = 0, k = 0; i < perNode.length; i++) {
            for (long p : perNode[i]) {
                if ((p & ~mask) != 0) {
                    throw new IllegalStateException(
                            "point outside the " + bits + "-bit space: " + Long.toUnsignedString(p));
                }
                keys[k] = p;
                ord[k] = k;
                k++;
            }
        }
        RadixSort.sort(keys, ord, bits);
        int w = 0;
        for (int r = 0; r < total; ) {
            int e = r + 1;
            while (e < total && keys[e] == keys[r]) {
                e++;
            }
            if (e - r > 1 && collisions == Collisions.REJECT) {
                throw RingException.of("partitions %s and %s hash to the same point %s;"
                        + " use fewer partitions or a wider hash",
                        label(ord[r]), label(ord[r + 1]), Long.toUnsignedString(keys[r]));
            }
            int keep = collisions == Collisions.KEEP_LAST ? e - 1 : r;
            keys[w] = keys[keep];
            ord[w] = ord[keep];
            w++;
            r = e;
        }
        return new Sorted(Arrays.copyOf(keys, w), Arrays.copyOf(ord, w));
    }

    private String label(int ordinal) {
        int node = nodeOfOrdinal(ordinal);
        return nodes.get(node).name() + "-" + (ordinal - nodeOffsets[node]);
    }

    @Override
    public String toString() {
        return "HashRing(" + bits + " bits, " + nodes.size() + " nodes, " + pos.length + " points, " + rule + ")";
    }
}
