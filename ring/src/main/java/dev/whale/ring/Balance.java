package dev.whale.ring;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * How well a strategy balances a cluster of a given size, averaged over trials. Each trial renames the nodes
 * ({@code NAME#t}), which moves every point of a ring, and draws a new set of keys for sampled strategies; the first
 * trial uses the names as given.
 */
public record Balance(int trials, boolean exact, double meanMaxOverMean, double worstMaxOverMean,
                      double meanRelativeStdDev, LoadStats first) {

    /**
     * Runs {@code trials} trials: {@code factory} builds the partitioner for the nodes of a trial, and sampled
     * strategies place {@code keys} keys per trial.
     */
    public static Balance run(List<Node> nodes, int trials, int keys, Function<List<Node>, Partitioner> factory) {
        if (trials < 1) {
            throw RingException.of("number of trials must be positive: %d", trials);
        }
        if (keys < 1) {
            throw RingException.of("number of keys must be positive: %d", keys);
        }
        List<LoadStats> all = new ArrayList<>();
        for (int t = 0; t < trials; t++) {
            List<Node> renamed = t == 0 ? nodes : rename(nodes, t);
            all.add(LoadStats.of(factory.apply(renamed), Keys.generated("t" + t + "-key-", keys)));
        }
        double sumMax = 0;
        double worst = 0;
        double sumSd = 0;
        for (LoadStats s : all) {
            sumMax += s.maxOverMean();
            worst = Math.max(worst, s.maxOverMean());
            sumSd += s.relativeStdDev();
        }
        return new Balance(trials, all.get(0).exact(), sumMax / trials, worst, sumSd / trials, all.get(0));
    }

    private static List<Node> rename(List<Node> nodes, int trial) {
        return nodes.stream().map(n -> new Node(n.name() + "#" + trial, n.weight())).toList();
    }

    /**
     * The relative standard deviation of a node's share on a ring of n equal nodes with v points each, the
     * theory to hold simulations against: sqrt((n - 1) / (n·v + 1)).
     */
    public static double ringTheory(int nodes, int pointsPerNode) {
        return Math.sqrt((nodes - 1.0) / ((double) nodes * pointsPerNode + 1));
    }
}
