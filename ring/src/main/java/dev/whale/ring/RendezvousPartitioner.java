package dev.whale.ring;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Rendezvous or highest-random-weight hashing (Thaler and Ravishankar): every node scores the key and the highest
 * score wins. Weights use the logarithmic method, score = -weight / ln(u) with u uniform in (0, 1), so a node's
 * share is proportional to its weight and removing a node moves only its own keys.
 */
final class RendezvousPartitioner implements Partitioner {
    private final HashFunction hash;
    private final List<Node> nodes;
    private final long[] seeds;

    RendezvousPartitioner(HashFunction hash, List<Node> nodes) {
        this.hash = hash;
        this.nodes = Node.checkList(nodes);
        this.seeds = new long[this.nodes.size()];
        for (int i = 0; i < seeds.length; i++) {
            seeds[i] = Hashes.XXH64.position(
                    this.nodes.get(i).name().getBytes(StandardCharsets.UTF_8));
        }
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
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < seeds.length; i++) {
            int w = nodes.get(i).weight();
            if (w == 0) {
                continue;
            }
            double u = ((mix(position ^ seeds[i]) >>> 11) + 0.5) * 0x1.0p-53;
            double score = -w / Math.log(u);
            if (score > bestScore) {
                bestScore = score;
                best = i;
            }
        }
        return best;
    }

    @Override
    public String partitionAt(long position) {
        return nodes.get(nodeAt(position)).name();
    }

    @Override
    public Optional<SpaceMap> spaceMap() {
        return Optional.empty();
    }

    /** SplitMix64's finalizer: spreads a pair (key, node) over 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return "rendezvous(" + hash.id() + ", " + nodes.size() + " nodes)";
    }
}
