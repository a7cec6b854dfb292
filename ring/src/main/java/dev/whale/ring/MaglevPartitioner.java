package dev.whale.ring;

import com.dynatrace.hash4j.hashing.Hashing;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Maglev hashing (Eisenbud et al., NSDI 2016) as Envoy builds it (source/extensions/load_balancing_policies/maglev):
 * each node walks its own permutation of a prime-sized table, offset = XXH64(name, 0) % M and
 * skip = XXH64(name, 1) % (M - 1) + 1, and the nodes, in the byte order of their names, take turns claiming free
 * slots in proportion to their weights.
 * A key goes to {@code table[hash % M]}.
 */
final class MaglevPartitioner implements Partitioner {
    private final HashFunction hash;
    private final List<Node> nodes;
    private final int[] table;

    MaglevPartitioner(HashFunction hash, List<Node> nodes, int tableSize) {
        this.hash = hash;
        this.nodes = Node.checkList(nodes);
        if (tableSize < 2 || !BigInteger.valueOf(tableSize).isProbablePrime(30)) {
            throw RingException.of("maglev table size must be a prime: %d", tableSize);
        }
        if (tableSize < this.nodes.size()) {
            throw RingException.of("maglev table size %d is smaller than the %d nodes", tableSize, this.nodes.size());
        }
        this.table = build(this.nodes, tableSize);
    }

    private static int[] build(List<Node> nodes, int m) {
        int n = nodes.size();
        long[] offset = new long[n];
        long[] skip = new long[n];
        long[] next = new long[n];
        double[] weight = new double[n];
        double[] target = new double[n];
        double sum = nodes.stream().mapToDouble(Node::weight).sum();
        double max = 0;
        for (int i = 0; i < n; i++) {
            byte[] name = nodes.get(i).name().getBytes(StandardCharsets.UTF_8);
            offset[i] = Long.remainderUnsigned(Hashing.xxh64(0).hashBytesToLong(name), m);
            skip[i] = Long.remainderUnsigned(Hashing.xxh64(1).hashBytesToLong(name), m - 1)
                    + 1;
            weight[i] = nodes.get(i).weight() / sum;
            max = Math.max(max, weight[i]);
        }
        // Envoy fills the table in the order of the hosts' hash keys, so that it does not depend on config order.
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(
                nodes.get(a).name().getBytes(StandardCharsets.UTF_8),
                nodes.get(b).name().getBytes(StandardCharsets.UTF_8)));
        int[] table = new int[m];
        Arrays.fill(table, -1);
        int filled = 0;
        for (long iteration = 1; filled < m; iteration++) {
            for (int k = 0; k < n && filled < m; k++) {
                int i = order[k];
                if (weight[i] == 0 || iteration * weight[i] < target[i]) {
                    continue;
                }
                target[i] += max;
                int c = (int) ((offset[i] + skip[i] * next[i]) % m);
                while (table[c] >= 0) {
                    next[i]++;
                    c = (int) ((offset[i] + skip[i] * next[i]) % m);
                }
                table[c] = i;
                next[i]++;
                filled++;
            }
        }
        return table;
    }

    @Override
    public List<Node> nodes() {
        return nodes;
    }

    @Override
    public HashFunction hash() {
        return hash;
    }

    @Override
    public int nodeAt(long position) {
        return table[(int) Long.remainderUnsigned(position, table.length)];
    }

    @Override
    public String partitionAt(long position) {
        return "slot-" + Long.remainderUnsigned(position, table.length);
    }

    @Override
    public Optional<SpaceMap> spaceMap() {
        return Optional.of(new ResidueMap(hash.positionBits(), nodes, table.clone()));
    }

    @Override
    public String toString() {
        return "maglev(" + hash.id() + ", " + nodes.size() + " nodes, table " + table.length + ")";
    }
}
