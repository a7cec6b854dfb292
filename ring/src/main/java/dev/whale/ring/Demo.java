package dev.whale.ring;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The post's demo, reproduced byte for byte: nodes server-a, server-b, … with partitions {@code server-x-i} placed at
 * the first 7 hex digits of SHA-1 of their names, printed as a full table, a simplified table and per-node stats.
 *
 * <p>Two quirks of the original are kept on purpose: the space ends at 0xFFFFFFF instead of 2^28, so the last
 * partition serves one hash too few and the total reads 268435455; and partitions that collide are both listed, the
 * later one first serving 0 hashes. {@link RoutingTable} gives the correct figures.
 */
public final class Demo {
    /** The demo names nodes by single letters, so it stops at z. */
    public static final int MAX_NODES = 26;
    private static final long END = 0xFFFFFFFL;

    private Demo() {}

    private record Row(long minHash, String partition, String node, long served) {}

    /** Python's {@code f"{n:W}"} for an int: right-aligned in W columns, wider when it must be. */
    private static StringBuilder pad(StringBuilder out, long n, int width) {
        String s = Long.toString(n);
        for (int i = s.length(); i < width; i++) {
            out.append(' ');
        }
        return out.append(s);
    }

    /** The demo's output for {@code nodes} nodes with {@code partitions} partitions each. */
    public static String render(int nodes, int partitions) {
        if (nodes < 1 || nodes > MAX_NODES) {
            throw RingException.of("number of nodes must be 1..%d: %d", MAX_NODES, nodes);
        }
        if (partitions < 1) {
            throw RingException.of("partitions per node must be positive: %d", partitions);
        }
        // Each partition is held twice as a row with its name, and printed in both tables.
        long held = (long) nodes * partitions;
        Memory.require("the demo's " + Memory.count(held) + " partitions", held, 400);
        List<Node> servers = Node.named(nodes);
        List<Row> points = new ArrayList<>();
        for (Node n : servers) {
            for (int i = 0; i < partitions; i++) {
                String p = n.name() + "-" + i;
                points.add(new Row(Hashes.SHA1_28.position(p.getBytes(StandardCharsets.UTF_8)), p, n.name(), 0));
            }
        }
        points.sort(Comparator.comparingLong(Row::minHash));
        Row last = points.get(points.size() - 1);
        points.add(0, new Row(0, last.partition(), last.node(), 0));

        List<Row> full = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            long next = i + 1 < points.size() ? points.get(i + 1).minHash() : END;
            Row r = points.get(i);
            full.add(new Row(r.minHash(), r.partition(), r.node(), next - r.minHash()));
        }

        StringBuilder out = new StringBuilder("Full routing table\n");
        for (Row r : full) {
            pad(out, r.minHash(), 9).append(" --> ").append(r.partition()).append(" (").append(r.served())
                    .append(" hashes)\n");
        }

        List<Row> simplified = new ArrayList<>();
        for (int i = 0; i < full.size(); ) {
            int j = i;
            long sum = 0;
            while (j < full.size() && full.get(j).node().equals(full.get(i).node())) {
                sum += full.get(j).served();
                j++;
            }
            simplified.add(new Row(full.get(i).minHash(), full.get(i).node(), full.get(i).node(), sum));
            i = j;
        }
        out.append("\nSimplified routing table\n");
        for (Row r : simplified) {
            pad(out, r.minHash(), 9).append(" -- > ").append(r.node()).append(" (");
            pad(out, r.served(), 8).append(" hashes)\n");
        }

        out.append("\nStats\n");
        long total = 0;
        for (Node n : servers) {
            long served = simplified.stream().filter(r -> r.node().equals(n.name())).mapToLong(Row::served).sum();
            total += served;
            out.append(n.name()).append(' ').append(served).append('\n');
        }
        out.append("\nTOTAL HASHES: ").append(total).append('/').append(END).append('\n');
        return out.toString();
    }
}
