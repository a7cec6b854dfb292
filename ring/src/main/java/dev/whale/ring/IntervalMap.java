package dev.whale.ring;

import java.math.BigInteger;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/**
 * The space cut into consecutive ranges, each served by one partition of one node: a ring's routing table, or range
 * partitioning. Row {@code i} serves the positions from {@code start(i)} up to {@code start(i + 1) - 1}, and the last
 * row up to the end of the space.
 */
public final class IntervalMap implements SpaceMap {
    /** A held simplified row: the record, its BigIntegers and the node name it shares. */
    static final int SIMPLIFIED_ROW_BYTES = 120;

    private final int bits;
    private final List<Node> nodes;
    private final long[] starts;
    private final int[] partitions;
    private final int[] owners;
    private final IntFunction<String> partitionName;

    IntervalMap(int bits, List<Node> nodes, long[] starts, int[] partitions, int[] owners,
                IntFunction<String> partitionName) {
        if (starts.length == 0 || starts[0] != 0) {
            throw new IllegalArgumentException("an interval map starts at position 0");
        }
        this.bits = bits;
        this.nodes = nodes;
        this.starts = starts;
        this.partitions = partitions;
        this.owners = owners;
        this.partitionName = partitionName;
    }

    /**
     * The routing table of a ring: each point's arc, in position order, with the arc that wraps past the top of the
     * space split in two so that the table starts at 0.
     */
    static IntervalMap ofRing(HashRing ring, IntUnaryOperator nodeOfPoint, IntFunction<String> pointName) {
        int n = ring.size();
        long[] s = new long[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            s[i] = ring.arcStart(i);
            if (Long.compareUnsigned(s[i], s[k]) < 0) {
                k = i;
            }
        }
        boolean lead = s[k] != 0;
        int rows = n + (lead ? 1 : 0);
        long[] starts = new long[rows];
        int[] points = new int[rows];
        int[] owners = new int[rows];
        int r = 0;
        if (lead) {
            points[r++] = (k + n - 1) % n;
        }
        for (int j = 0; j < n; j++) {
            int i = (k + j) % n;
            starts[r] = s[i];
            points[r++] = i;
        }
        for (int i = 0; i < rows; i++) {
            owners[i] = nodeOfPoint.applyAsInt(points[i]);
        }
        return new IntervalMap(ring.bits(), ring.nodes(), starts, points, owners, pointName);
    }

    @Override
    public int bits() {
        return bits;
    }

    @Override
    public List<Node> nodes() {
        return nodes;
    }

    /** The number of rows. */
    public int rows() {
        return starts.length;
    }

    /** The first position of row {@code i}. */
    public long start(int i) {
        return starts[i];
    }

    /** The last position of row {@code i}, inclusive. */
    public long last(int i) {
        return i + 1 < starts.length ? starts[i + 1] - 1 : Unsigned.maxPosition(bits);
    }

    /** The number of positions that row {@code i} serves. */
    public BigInteger served(int i) {
        return Unsigned.toBigInteger(last(i) - starts[i]).add(BigInteger.ONE);
    }

    /** The node index of row {@code i}, or {@link Partitioner#ROUND_ROBIN}. */
    public int owner(int i) {
        return owners[i];
    }

    /** The partition of row {@code i}, such as {@code server-a-3}. */
    public String partition(int i) {
        return partitionName.apply(partitions[i]);
    }

    /** Receives the stretches of the space over which two maps both keep one owner. */
    @FunctionalInterface
    public interface Overlay {
        /** Positions {@code first .. first + lastMinusFirst} are served by {@code ownerA} and {@code ownerB}. */
        void stretch(long first, long lastMinusFirst, int ownerA, int ownerB);
    }

    /**
     * Walks two maps of the same space at once, reporting each stretch between consecutive boundaries of either
     * map, in position order: the basis of exact rebalance figures and of the picture of what moves.
     */
    public static void overlay(IntervalMap a, IntervalMap b, Overlay out) {
        if (a.bits != b.bits) {
            throw new IllegalArgumentException("maps of different spaces: " + a.bits + " and " + b.bits + " bits");
        }
        long end = Unsigned.maxPosition(a.bits);
        long cur = 0;
        int i = 0;
        int j = 0;
        while (true) {
            long lastA = a.last(i);
            long lastB = b.last(j);
            long seg = Long.compareUnsigned(lastA, lastB) <= 0 ? lastA : lastB;
            out.stretch(cur, seg - cur, a.owners[i], b.owners[j]);
            if (seg == end) {
                return;
            }
            cur = seg + 1;
            if (lastA == seg) {
                i++;
            }
            if (lastB == seg) {
                j++;
            }
        }
    }

    /**
     * The full routing table, one row per partition arc: a view that makes each row when it is read, so that a table
     * of millions of rows can be written out without being held.
     */
    public List<RoutingRow> table() {
        return new AbstractList<>() {
            @Override
            public RoutingRow get(int i) {
                return new RoutingRow(Unsigned.toBigInteger(starts[i]), partition(i), nodeName(owners[i]), served(i));
            }

            @Override
            public int size() {
                return rows();
            }
        };
    }

    /**
     * The simplified routing table: consecutive rows of one node merged, the partition being the node. It is held
     * in memory, so its size is checked first.
     */
    public List<RoutingRow> simplified() {
        long runs = 0;
        for (int i = 0; i < rows(); i++) {
            if (i == 0 || owners[i] != owners[i - 1]) {
                runs++;
            }
        }
        Memory.require("a simplified routing table of " + Memory.count(runs) + " rows", runs, SIMPLIFIED_ROW_BYTES);
        List<RoutingRow> out = new ArrayList<>();
        int i = 0;
        while (i < rows()) {
            int j = i;
            Tally t = new Tally();
            while (j < rows() && owners[j] == owners[i]) {
                t.addRange(last(j) - starts[j]);
                j++;
            }
            String node = nodeName(owners[i]);
            out.add(new RoutingRow(Unsigned.toBigInteger(starts[i]), node, node, t.value()));
            i = j;
        }
        return out;
    }

    @Override
    public BigInteger[] served() {
        Tally[] t = tallies();
        BigInteger[] out = new BigInteger[nodes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t[i].value();
        }
        return out;
    }

    @Override
    public BigInteger roundRobin() {
        return tallies()[nodes.size()].value();
    }

    private Tally[] tallies() {
        Tally[] t = new Tally[nodes.size() + 1];
        for (int i = 0; i < t.length; i++) {
            t[i] = new Tally();
        }
        for (int i = 0; i < rows(); i++) {
            t[owners[i] == Partitioner.ROUND_ROBIN ? nodes.size() : owners[i]].addRange(last(i) - starts[i]);
        }
        return t;
    }

    private String nodeName(int owner) {
        return owner == Partitioner.ROUND_ROBIN ? Placement.ROUND_ROBIN : nodes.get(owner).name();
    }
}
