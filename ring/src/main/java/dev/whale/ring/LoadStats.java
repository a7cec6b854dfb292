package dev.whale.ring;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * How evenly a partitioner spreads load: each node's share of the space (exact) or of a set of keys (sampled), and
 * how far the busiest node is above its fair share. A node's fair share is its weight over the total weight.
 */
public record LoadStats(List<NodeShare> nodes, BigInteger total, boolean exact, BigInteger roundRobin) {

    /** One node's load: what it serves, and that as a fraction of the total. */
    public record NodeShare(String node, int weight, BigInteger served, double share) {}

    /** The exact load of each node over the whole space. */
    public static LoadStats of(SpaceMap map) {
        return build(map.nodes(), map.served(), map.size(), true, map.roundRobin());
    }

    /** The load of each node over {@code keys}, placed one by one. */
    public static LoadStats sample(Partitioner p, Iterable<String> keys) {
        KeyCounts c = new KeyCounts(p.nodes().size());
        for (String k : keys) {
            c.add(p.nodeAt(p.hash().position(k)));
        }
        return c.stats(p.nodes());
    }

    /** Keys counted per node as they are placed; {@link Partitioner#ROUND_ROBIN} ones apart. */
    static final class KeyCounts {
        private final long[] count;
        private long roundRobin;
        private long total;

        KeyCounts(int nodes) {
            count = new long[nodes];
        }

        void add(int node) {
            if (node == Partitioner.ROUND_ROBIN) {
                roundRobin++;
            } else {
                count[node]++;
            }
            total++;
        }

        LoadStats stats(List<Node> nodes) {
            BigInteger[] served = new BigInteger[count.length];
            for (int i = 0; i < count.length; i++) {
                served[i] = BigInteger.valueOf(count[i]);
            }
            return build(nodes, served, BigInteger.valueOf(total), false, BigInteger.valueOf(roundRobin));
        }
    }

    /** Exact when the structure allows it, else over the keys. */
    public static LoadStats of(Partitioner p, Iterable<String> keys) {
        return p.spaceMap().map(LoadStats::of).orElseGet(() -> sample(p, keys));
    }

    private static LoadStats build(List<Node> nodes, BigInteger[] served, BigInteger total, boolean exact,
                                   BigInteger roundRobin) {
        List<NodeShare> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            out.add(new NodeShare(nodes.get(i).name(), nodes.get(i).weight(), served[i], ratio(served[i], total)));
        }
        return new LoadStats(List.copyOf(out), total, exact, roundRobin);
    }

    static double ratio(BigInteger a, BigInteger b) {
        if (b.signum() == 0) {
            return 0;
        }
        return new BigDecimal(a).divide(new BigDecimal(b), MathContext.DECIMAL64).doubleValue();
    }

    /** Each node's load over its fair share; 1 is perfect. Nodes of weight 0 are left out. */
    private double[] loadFactors() {
        long totalWeight = nodes.stream().mapToLong(NodeShare::weight).sum();
        return nodes.stream().filter(n -> n.weight() > 0)
                .mapToDouble(n -> n.share() / ((double) n.weight() / totalWeight)).toArray();
    }

    /** The busiest node's load over its fair share: 1.00 is perfect balance. */
    public double maxOverMean() {
        double max = 0;
        for (double f : loadFactors()) {
            max = Math.max(max, f);
        }
        return max;
    }

    /** The standard deviation of the nodes' load factors, relative to a fair share (0 is perfect). */
    public double relativeStdDev() {
        double[] f = loadFactors();
        double sum = 0;
        for (double x : f) {
            sum += (x - 1) * (x - 1);
        }
        return Math.sqrt(sum / f.length);
    }
}
