package dev.whale.ring;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Placement on a {@link HashRing}: the key's position picks a point, the point's node serves it. Nodes marked down
 * keep their points, and a position that lands on one moves on to the next point, as nginx does; after
 * {@value #MAX_SKIPS} skips nginx gives up and picks round-robin.
 */
final class RingPartitioner implements Partitioner {
    static final int MAX_SKIPS = 20;
    /**
     * Rings of up to this many points keep each point's name once it is asked for, so that placing millions of keys
     * (ring locate) does not build the same few names again and again.
     */
    static final int NAMED_POINTS = 1 << 16;

    private final String description;
    private final HashFunction hash;
    private final HashRing ring;
    /** The node serving each point when some are down; null when every point serves its own node. */
    private final int[] servingNode;
    private String[] names;

    RingPartitioner(String description, HashFunction hash, HashRing ring, Set<String> down) {
        this.description = description;
        this.hash = hash;
        this.ring = ring;
        this.servingNode = down.isEmpty() ? null : skipDown(ring, down);
    }

    private static int[] skipDown(HashRing ring, Set<String> down) {
        int[] servingNode = new int[ring.size()];
        boolean[] isDown = new boolean[ring.nodes().size()];
        for (int i = 0; i < isDown.length; i++) {
            isDown[i] = down.contains(ring.nodes().get(i).name());
        }
        int n = ring.size();
        for (int i = 0; i < n; i++) {
            int serving = ROUND_ROBIN;
            for (int tries = 0; tries <= MAX_SKIPS; tries++) {
                int owner = ring.ownerOf((i + tries) % n);
                if (!isDown[owner]) {
                    serving = owner;
                    break;
                }
            }
            servingNode[i] = serving;
        }
        return servingNode;
    }

    private int serving(int point) {
        return servingNode == null ? ring.ownerOf(point) : servingNode[point];
    }

    HashRing ring() {
        return ring;
    }

    @Override
    public List<Node> nodes() {
        return ring.nodes();
    }

    @Override
    public HashFunction hash() {
        return hash;
    }

    @Override
    public int nodeAt(long position) {
        return serving(ring.pointAt(position));
    }

    @Override
    public String partitionAt(long position) {
        return pointName(ring.pointAt(position));
    }

    private String pointName(int point) {
        if (ring.size() > NAMED_POINTS) {
            return ring.nodes().get(ring.ownerOf(point)).name() + "-" + ring.replicaOf(point);
        }
        // Racy but harmless: two threads would make equal strings.
        String[] named = names;
        if (named == null) {
            names = named = new String[ring.size()];
        }
        String name = named[point];
        if (name == null) {
            named[point] = name = ring.nodes().get(ring.ownerOf(point)).name() + "-" + ring.replicaOf(point);
        }
        return name;
    }

    @Override
    public Optional<SpaceMap> spaceMap() {
        return Optional.of(IntervalMap.ofRing(ring, this::serving, this::pointName));
    }

    @Override
    public String toString() {
        return description;
    }
}
