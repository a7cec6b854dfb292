package dev.whale.ring;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

/**
 * The reports of {@code whale ring} as text: routing tables with their per-node stats, what moves in a rebalance,
 * how evenly a strategy spreads the space, and where keys go, in columns aligned for a terminal or as CSV
 * (RFC 4180). Each method returns whole lines, each ended by a line feed.
 */
public final class RingText {
    private RingText() {}

    /** A share as a percentage with two decimals: 0.31654 is {@code 31.65%}. */
    public static String percent(double share) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * share);
    }

    /** The nodes by name, or the first two and the last when there are more than six. */
    public static String nodeList(List<Node> nodes) {
        if (nodes.size() <= 6) {
            return String.join(", ", nodes.stream().map(Node::toString).toList());
        }
        return nodes.get(0) + ", " + nodes.get(1) + ", …, " + nodes.get(nodes.size() - 1) + " (" + nodes.size()
                + " nodes)";
    }

    /**
     * {@code whale ring table}: the full and the simplified routing table when the placement has one, what it has
     * instead otherwise, and each node's share.
     *
     * @param setup how the keys are placed, for the heading
     * @param nodes the nodes, for the heading
     * @param partitioner the placement
     * @param stats each node's load under it
     * @param keys how many keys {@code stats} sampled when the space has no map
     */
    public static void table(String setup, List<Node> nodes, Partitioner partitioner, LoadStats stats, int keys,
            Appendable to) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("Routing of ").append(nodeList(nodes)).append(" (").append(setup).append(")\n\n");
        SpaceMap map = partitioner.spaceMap().orElse(null);
        if (map instanceof IntervalMap table) {
            BigInteger spaceMax = BigInteger.ONE.shiftLeft(partitioner.hash().positionBits()).subtract(BigInteger.ONE);
            List<RoutingRow> simplified = table.simplified();
            out.append("Full routing table\n");
            to.append(out);
            out.setLength(0);
            routingTable(to, table.table(), spaceMax);
            out.append("\nSimplified routing table\n");
            routingTable(out, simplified, spaceMax);
            out.append('\n');
        } else if (map instanceof ResidueMap r) {
            out.append("No contiguous table: position % ").append(r.modulus()).append(" picks the partition.\n\n");
        } else {
            out.append("No table: this placement has no fixed map of the space; stats over ").append(keys)
                    .append(" keys.\n\n");
        }
        out.append("Stats\n");
        loadStats(out, stats, map != null ? "hashes" : "keys");
        to.append(out);
    }

    /**
     * {@code whale ring table --format csv}: the full routing table when the placement has one, else each node's
     * share.
     */
    public static void tableCsv(Partitioner partitioner, LoadStats stats, Appendable to) throws IOException {
        StringBuilder out = new StringBuilder();
        if (partitioner.spaceMap().orElse(null) instanceof IntervalMap table) {
            to.append("min_hash,partition,node,served\n");
            for (RoutingRow r : table.table()) {
                to.append(r.minHash().toString()).append(',').append(csv(r.partition())).append(',')
                        .append(csv(r.node())).append(',').append(r.served().toString()).append('\n');
            }
        } else {
            out.append("node,weight,served,share\n");
            for (LoadStats.NodeShare n : stats.nodes()) {
                out.append(csv(n.node())).append(',').append(n.weight()).append(',').append(n.served()).append(',')
                        .append(n.share()).append('\n');
            }
        }
        to.append(out);
    }

    /** {@code whale ring rebalance}: how much moves, the flows from node to node, and the load before and after. */
    public static String rebalance(String setup, List<Node> before, List<Node> after, Rebalance r) {
        String unit = r.exact() ? "hashes" : "keys";
        StringBuilder out = new StringBuilder();
        out.append("Rebalance (").append(setup).append(")\n");
        out.append("  from: ").append(nodeList(before)).append('\n');
        out.append("  to:   ").append(nodeList(after)).append("\n\n");
        out.append(String.format(Locale.ROOT, "Moved: %s of %s %s (%s), %s\n", r.moved(), r.total(), unit,
                percent(r.movedShare()), r.exact() ? "computed exactly over the whole space" : "sampled"));
        int fw = r.flows().stream().mapToInt(f -> f.from().length()).max().orElse(1);
        int tw = r.flows().stream().mapToInt(f -> f.to().length()).max().orElse(1);
        int aw = width(r.flows().stream().map(Rebalance.Flow::amount).toList());
        for (Rebalance.Flow f : r.flows()) {
            out.append(String.format(Locale.ROOT, "  %-" + fw + "s -> %-" + tw + "s %" + aw + "s %s %7s\n", f.from(),
                    f.to(), f.amount(), unit, percent(r.shareOf(f))));
        }
        out.append("\nBefore\n");
        loadStats(out, r.before(), unit);
        out.append("\nAfter\n");
        loadStats(out, r.after(), unit);
        return out.toString();
    }

    /**
     * {@code whale ring balance}: the mean and worst max/mean over the trials, the mean standard deviation, and the
     * first trial's shares.
     *
     * @param setup how the keys are placed, for the heading
     * @param nodes the nodes, for the heading
     * @param b the trials' outcome
     * @param keys how many keys each sampled trial placed
     * @param theory the standard deviation that theory predicts, or null when it predicts none
     */
    public static String balance(String setup, List<Node> nodes, Balance b, int keys, Double theory) {
        StringBuilder out = new StringBuilder();
        out.append("Balance of ").append(nodeList(nodes)).append(" (").append(setup).append(")\n");
        out.append(String.format(Locale.ROOT, "%d trial%s, %s\n\n", b.trials(), b.trials() == 1 ? "" : "s",
                b.exact() ? "each computed exactly over the whole space" : "each over " + keys + " keys"));
        out.append(String.format(Locale.ROOT, "max/mean            mean %.4f, worst %.4f\n", b.meanMaxOverMean(),
                b.worstMaxOverMean()));
        out.append(String.format(Locale.ROOT, "standard deviation  mean %s of a fair share%s\n",
                percent(b.meanRelativeStdDev()),
                theory == null ? "" : " (theory for a ring: " + percent(theory) + ")"));
        out.append("\nFirst trial\n");
        loadStats(out, b.first(), b.exact() ? "hashes" : "keys");
        return out.toString();
    }

    /** {@code whale ring locate}: a key, its node, partition and hash, separated by tabs. */
    public static String placement(String key, Placement p) {
        return key + '\t' + p.node() + '\t' + p.partition() + '\t' + p.hash() + '\n';
    }

    /** {@code whale ring locate --format csv}: a key, its node, partition and hash. */
    public static String placementCsv(String key, Placement p) {
        return csv(key) + ',' + csv(p.node()) + ',' + csv(p.partition()) + ',' + p.hash() + '\n';
    }

    /** The header line of {@link #placementCsv}. */
    public static String placementCsvHeader() {
        return "key,node,partition,hash\n";
    }

    /** A routing table: min hash, arrow, partition, served hashes, aligned. */
    private static void routingTable(Appendable out, List<RoutingRow> rows, BigInteger spaceMax) throws IOException {
        int hw = spaceMax.toString().length();
        int sw = 1;
        int pw = 1;
        for (RoutingRow r : rows) {
            sw = Math.max(sw, r.served().toString().length());
            pw = Math.max(pw, r.partition().length());
        }
        String format = "%" + hw + "s --> %-" + pw + "s (%" + sw + "s hashes)\n";
        for (RoutingRow r : rows) {
            out.append(String.format(Locale.ROOT, format, r.minHash(), r.partition(), r.served()));
        }
    }

    /** Per-node load and the balance summary. */
    private static void loadStats(StringBuilder out, LoadStats s, String unit) {
        int nw = s.nodes().stream().mapToInt(n -> n.node().length()).max().orElse(1);
        int sw = width(s.nodes().stream().map(LoadStats.NodeShare::served).toList());
        for (LoadStats.NodeShare n : s.nodes()) {
            out.append(String.format(Locale.ROOT, "%-" + nw + "s %" + sw + "s %7s%s\n", n.node(), n.served(),
                    percent(n.share()), n.weight() == 1 ? "" : "  weight " + n.weight()));
        }
        if (s.roundRobin().signum() > 0) {
            out.append(String.format(Locale.ROOT, "%-" + nw + "s %" + sw + "s\n", "(round-robin)", s.roundRobin()));
        }
        out.append(String.format(Locale.ROOT, "\nTOTAL %s: %s (%s)\n", unit.toUpperCase(Locale.ROOT), s.total(),
                s.exact() ? "exact, the whole space" : "sampled"));
        out.append(String.format(Locale.ROOT, "max/mean %.4f, standard deviation %s of a fair share\n",
                s.maxOverMean(), percent(s.relativeStdDev())));
    }

    /** The width of the widest number, at least 1. */
    private static int width(List<BigInteger> values) {
        int w = 1;
        for (BigInteger v : values) {
            w = Math.max(w, v.toString().length());
        }
        return w;
    }

    /** A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
    static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
