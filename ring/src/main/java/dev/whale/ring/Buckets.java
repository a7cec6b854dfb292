package dev.whale.ring;

import java.util.List;

/**
 * Numbered partitions spread over weighted nodes: node i takes weight(i) consecutive partition numbers. Used by the
 * strategies that pick a partition number (range, modulo, jump, Guava).
 */
final class Buckets {
    private final int[] nodeOf;

    Buckets(List<Node> nodes) {
        long total = nodes.stream().mapToLong(Node::weight).sum();
        if (total > 1 << 24) {
            throw RingException.of("too many partitions: the weights add up to %d, more than %d", total, 1 << 24);
        }
        nodeOf = new int[(int) total];
        int p = 0;
        for (int i = 0; i < nodes.size(); i++) {
            for (int w = 0; w < nodes.get(i).weight(); w++) {
                nodeOf[p++] = i;
            }
        }
    }

    int count() {
        return nodeOf.length;
    }

    int node(int partition) {
        return nodeOf[partition];
    }

    int[] owners() {
        return nodeOf.clone();
    }
}
