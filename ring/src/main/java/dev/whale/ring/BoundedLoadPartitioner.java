package dev.whale.ring;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Consistent hashing with bounded loads (Mirrokni, Thorup and Zadimoghaddam, arXiv:1608.01350): a ring where no node
 * takes more than ceil((1 + ε) · keys / nodes) keys; a key whose node is full walks on to the next partition.
 *
 * <p>Placement depends on the keys placed before, so this partitioner is stateful and not thread-safe: place the
 * keys of one assignment, in order, on one instance.
 */
final class BoundedLoadPartitioner implements Partitioner {
    private final RingPartitioner ring;
    private final double epsilon;
    private final long[] capacity;
    private final long[] load;

    BoundedLoadPartitioner(RingPartitioner ring, double epsilon, long keys) {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw RingException.of("bounded-load epsilon must be positive: %s", epsilon);
        }
        if (keys < 1) {
            throw RingException.of("bounded-load placement needs the number of keys, got %d", keys);
        }
        this.ring = ring;
        this.epsilon = epsilon;
        List<Node> nodes = ring.nodes();
        long totalWeight = nodes.stream().mapToLong(Node::weight).sum();
        this.capacity = new long[nodes.size()];
        for (int i = 0; i < capacity.length; i++) {
            capacity[i] = (long) Math.ceil((1 + epsilon) * keys * nodes.get(i).weight() / totalWeight);
        }
        this.load = new long[nodes.size()];
    }

    /** The most keys node {@code i} may take. */
    long capacity(int i) {
        return capacity[i];
    }

    @Override
    public List<Node> nodes() {
        return ring.nodes();
    }

    @Override
    public HashFunction hash() {
        return ring.hash();
    }

    /** Assigns the position to the first node with room, starting at its ring partition, and counts it. */
    @Override
    public int nodeAt(long position) {
        HashRing r = ring.ring();
        int start = r.pointAt(position);
        for (int step = 0; step < r.size(); step++) {
            int node = r.ownerOf((start + step) % r.size());
            if (load[node] < capacity[node]) {
                load[node]++;
                return node;
            }
        }
        throw RingException.of("every node is at capacity; more keys were placed than the %d announced",
                Arrays.stream(capacity).sum());
    }

    @Override
    public String partitionAt(long position) {
        return ring.partitionAt(position);
    }

    @Override
    public Optional<SpaceMap> spaceMap() {
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "bounded(" + ring + ", epsilon " + epsilon + ")";
    }
}
