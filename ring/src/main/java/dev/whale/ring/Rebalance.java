package dev.whale.ring;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What moves when a cluster changes from one setup to another: the share of the space (or of the keys) whose node
 * changes, and the flows from node to node. It is exact when both setups map the same space in the same way (two
 * rings, two range partitionings, two modulo or Maglev setups over one hash) and sampled over keys otherwise.
 */
public record Rebalance(BigInteger moved, BigInteger total, boolean exact, List<Flow> flows,
                        LoadStats before, LoadStats after) {

    /** {@code amount} hashes (or keys) that {@code from} served before and {@code to} serves after. */
    public record Flow(String from, String to, BigInteger amount) {}

    /** The largest period of two moduli for which residue flows are counted instead of sampled. */
    static final long MAX_PERIOD = 1L << 24;

    public double movedShare() {
        return LoadStats.ratio(moved, total);
    }

    /** A flow as a share of the whole space (or of all keys). */
    public double shareOf(Flow flow) {
        return LoadStats.ratio(flow.amount(), total);
    }

    /** The change from {@code before} to {@code after}; {@code keys} are used only when it cannot be exact. */
    public static Rebalance between(Partitioner before, Partitioner after, Iterable<String> keys) {
        Optional<SpaceMap> a = before.spaceMap();
        Optional<SpaceMap> b = after.spaceMap();
        if (a.isPresent() && b.isPresent() && before.hash().id().equals(after.hash().id())) {
            Flows flows = new Flows();
            boolean done = false;
            if (a.get() instanceof IntervalMap x && b.get() instanceof IntervalMap y) {
                IntervalMap.overlay(x, y,
                        (first, len, from, to) -> flows.addRange(nameOf(x, from), nameOf(y, to), len));
                done = true;
            } else if (a.get() instanceof ResidueMap x && b.get() instanceof ResidueMap y) {
                done = mergeResidues(x, y, flows);
            }
            if (done) {
                return flows.result(true, a.get().size(), LoadStats.of(a.get()), LoadStats.of(b.get()));
            }
        }
        // One pass: bounded-load placement remembers what it placed, so each key is placed once on each side.
        Flows flows = new Flows();
        LoadStats.KeyCounts countsBefore = new LoadStats.KeyCounts(before.nodes().size());
        LoadStats.KeyCounts countsAfter = new LoadStats.KeyCounts(after.nodes().size());
        long total = 0;
        for (String k : keys) {
            byte[] key = k.getBytes(StandardCharsets.UTF_8);
            int from = before.nodeAt(before.hash().position(key));
            int to = after.nodeAt(after.hash().position(key));
            countsBefore.add(from);
            countsAfter.add(to);
            flows.add(nameOf(before, from), nameOf(after, to), 1);
            total++;
        }
        return flows.result(false, BigInteger.valueOf(total), countsBefore.stats(before.nodes()),
                countsAfter.stats(after.nodes()));
    }

    private static String nameOf(Partitioner p, int node) {
        return node == Partitioner.ROUND_ROBIN ? Placement.ROUND_ROBIN : p.nodes().get(node).name();
    }

    private static String nameOf(SpaceMap m, int node) {
        return node == Partitioner.ROUND_ROBIN ? Placement.ROUND_ROBIN : m.nodes().get(node).name();
    }

    /** Positions with the same residue modulo lcm(P, Q) have the same owners on both sides. */
    private static boolean mergeResidues(ResidueMap a, ResidueMap b, Flows flows) {
        long p = a.modulus();
        long q = b.modulus();
        long period = p / gcd(p, q) * q;
        if (period > MAX_PERIOD) {
            return false;
        }
        BigInteger[] qr = Unsigned.spaceSize(a.bits()).divideAndRemainder(BigInteger.valueOf(period));
        long rem = qr[1].longValueExact();
        Map<Long, long[]> counts = new HashMap<>();
        for (long t = 0; t < period; t++) {
            int from = a.owner((int) (t % p));
            int to = b.owner((int) (t % q));
            long[] c = counts.computeIfAbsent(((long) from << 32) | (to & 0xffffffffL), k -> new long[2]);
            c[0]++;
            if (t < rem) {
                c[1]++;
            }
        }
        counts.forEach((k, c) -> flows.add(nameOf(a, (int) (k >> 32)), nameOf(b, (int) (long) k),
                qr[0].multiply(BigInteger.valueOf(c[0])).add(BigInteger.valueOf(c[1]))));
        return true;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** Flow totals keyed by (from, to), in the order they first appear. */
    private static final class Flows {
        private final Map<String, Map<String, Tally>> byFrom = new LinkedHashMap<>();
        private final Map<String, Map<String, BigInteger>> big = new LinkedHashMap<>();
        private String lastFrom;
        private String lastTo;
        private Tally last;

        void addRange(String from, String to, long lastMinusFirst) {
            tally(from, to).addRange(lastMinusFirst);
        }

        void add(String from, String to, long n) {
            tally(from, to).add(n);
        }

        void add(String from, String to, BigInteger n) {
            big.computeIfAbsent(from, k -> new LinkedHashMap<>()).merge(to, n, BigInteger::add);
        }

        private Tally tally(String from, String to) {
            if (last == null || !from.equals(lastFrom) || !to.equals(lastTo)) {
                last = byFrom.computeIfAbsent(from, k -> new LinkedHashMap<>()).computeIfAbsent(to, k -> new Tally());
                lastFrom = from;
                lastTo = to;
            }
            return last;
        }

        Rebalance result(boolean exact, BigInteger total, LoadStats before, LoadStats after) {
            byFrom.forEach((from, m) -> m.forEach((to, t) -> add(from, to, t.value())));
            List<Flow> moves = new ArrayList<>();
            BigInteger moved = BigInteger.ZERO;
            for (var e : big.entrySet()) {
                for (var f : e.getValue().entrySet()) {
                    if (!e.getKey().equals(f.getKey()) && f.getValue().signum() > 0) {
                        moves.add(new Flow(e.getKey(), f.getKey(), f.getValue()));
                        moved = moved.add(f.getValue());
                    }
                }
            }
            moves.sort(Comparator.comparing(Flow::to).thenComparing(Flow::from));
            return new Rebalance(moved, total, exact, List.copyOf(moves), before, after);
        }
    }
}
