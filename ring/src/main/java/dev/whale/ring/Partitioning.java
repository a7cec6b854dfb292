package dev.whale.ring;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds partitioners: whale's own strategies, or the placement of a real system.
 *
 * <pre>{@code
 * Partitioner ring = Partitioning.strategy(Strategy.RING).hash("sha1-28").nodes(Node.named(3)).vnodes(5).build();
 * Partitioner nginx = Partitioning.profile(Profile.NGINX).nodes(Node.parseList("10.0.0.1:80,10.0.0.2:80")).build();
 * }</pre>
 */
public final class Partitioning {
    /** The post's demo settings: its 28-bit SHA-1 hash and 5 partitions per node. */
    public static final String DEFAULT_HASH = "sha1-28";
    public static final int DEFAULT_VNODES = 5;
    public static final double DEFAULT_EPSILON = 0.25;
    /** The most points one ring holds: its positions are one Java array. */
    static final long MAX_POINTS = Integer.MAX_VALUE - 8;
    /** A ring's bytes per point at the peak of its build, measured (docs/benchmarks.md, "Limits"). */
    static final int RING_BYTES_PER_POINT = 48;

    private Partitioning() {}

    public static Builder strategy(Strategy strategy) {
        return new Builder(strategy, null);
    }

    public static Builder profile(Profile profile) {
        return new Builder(null, profile);
    }

    /** A validated setup; every setter checks its value, and {@link #build()} checks that they fit together. */
    public static final class Builder {
        private final Strategy strategy;
        private final Profile profile;
        private HashFunction hash;
        private List<Node> nodes;
        private Integer vnodes;
        private Set<String> down = Set.of();
        private double epsilon = DEFAULT_EPSILON;
        private long keys;
        private int tableSize = Profiles.ENVOY_MAGLEV_TABLE;
        private boolean simplifiedTable;

        private Builder(Strategy strategy, Profile profile) {
            this.strategy = strategy;
            this.profile = profile;
        }

        public Builder hash(String id) {
            return hash(HashFunction.of(id));
        }

        public Builder hash(HashFunction hash) {
            if (profile != null) {
                throw RingException.of("profile %s hashes keys with %s; a hash cannot be chosen", profile.id(),
                        profile.keyHash().id());
            }
            this.hash = hash;
            return this;
        }

        public Builder nodes(List<Node> nodes) {
            this.nodes = Node.checkList(nodes);
            return this;
        }

        /** Partitions per unit of weight on the post's ring. */
        public Builder vnodes(int vnodes) {
            if (vnodes < 1) {
                throw RingException.of("partitions per node must be positive: %d", vnodes);
            }
            if (strategy != Strategy.RING && strategy != Strategy.BOUNDED) {
                throw RingException.of("partitions per node apply to the ring and bounded strategies, not %s", name());
            }
            this.vnodes = vnodes;
            return this;
        }

        /** Servers marked down: nginx keeps their points and skips them at lookup. */
        public Builder down(Set<String> down) {
            if (!down.isEmpty() && profile != Profile.NGINX) {
                throw RingException.of("servers can be marked down only in the nginx profile, not %s", name());
            }
            this.down = Set.copyOf(down);
            return this;
        }

        /** The bounded-load slack ε: a node takes at most ceil((1+ε)·keys/nodes) keys. */
        public Builder epsilon(double epsilon) {
            if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
                throw RingException.of("epsilon must be a positive number: %s", epsilon);
            }
            this.epsilon = epsilon;
            return this;
        }

        /** How many keys bounded-load placement will see. */
        public Builder keys(long keys) {
            this.keys = keys;
            return this;
        }

        /** The Maglev table size, a prime. */
        public Builder tableSize(int tableSize) {
            this.tableSize = tableSize;
            return this;
        }

        /**
         * The caller will hold the ring's simplified routing table too ({@link IntervalMap#simplified()}): the ring
         * and that table are checked against the heap together, before the ring is built.
         */
        public Builder withSimplifiedTable() {
            this.simplifiedTable = true;
            return this;
        }

        public Partitioner build() {
            if (nodes == null) {
                throw RingException.of("no nodes given");
            }
            Set<String> names = new HashSet<>();
            nodes.forEach(n -> names.add(n.name()));
            for (String d : down) {
                if (!names.contains(d)) {
                    throw RingException.of("server '%s' is marked down but is not in the server list", d);
                }
            }
            if (!down.isEmpty() && down.containsAll(names)) {
                throw RingException.of("every server is down: nginx places no key, it answers 502 (no live"
                        + " upstreams) to every request");
            }
            return profile != null ? buildProfile() : buildStrategy();
        }

        private String name() {
            return profile != null ? profile.id() : strategy.id();
        }

        private Partitioner buildStrategy() {
            HashFunction h = hash != null ? hash : HashFunction.of(DEFAULT_HASH);
            int v = vnodes != null ? vnodes : DEFAULT_VNODES;
            return switch (strategy) {
                case RANGE -> new NumberedPartitioner(NumberedPartitioner.Kind.RANGE, h, nodes);
                case MODULO -> new NumberedPartitioner(NumberedPartitioner.Kind.MODULO, h, nodes);
                case JUMP -> new NumberedPartitioner(NumberedPartitioner.Kind.JUMP, h, nodes);
                case RENDEZVOUS -> new RendezvousPartitioner(h, nodes);
                case MAGLEV -> maglev(h);
                case RING -> postRing(h, v);
                case BOUNDED -> new BoundedLoadPartitioner(postRing(h, v), epsilon, keys);
            };
        }

        /** Maglev's lookup table: 4 bytes a slot, and as much again while it is filled. */
        private Partitioner maglev(HashFunction h) {
            Memory.require("a Maglev table of " + Memory.count(tableSize) + " slots", tableSize, 8);
            return new MaglevPartitioner(h, nodes, tableSize);
        }

        private RingPartitioner postRing(HashFunction h, int v) {
            requireRing((long) v * nodes.stream().mapToLong(Node::weight).sum());
            HashRing ring = HashRing.of(h.positionBits(), nodes, HashRing.Rule.FLOOR, (i, node) -> {
                long[] points = new long[v * node.weight()];
                for (int r = 0; r < points.length; r++) {
                    points[r] = h.position((node.name() + "-" + r).getBytes(StandardCharsets.UTF_8));
                }
                return points;
            }, HashRing.Collisions.REJECT);
            return new RingPartitioner("ring(" + h.id() + ", " + nodes.size() + " nodes, " + v + " partitions each)",
                    h, ring, Set.of());
        }

        /**
         * Refuses a ring of {@code points} points that cannot be built here: more than a Java array holds, or more
         * than the heap holds at the peak of the build (the points per node, the sorted positions, their owners, the
         * sort's scratch and the bucket index: about {@link #RING_BYTES_PER_POINT} bytes a point).
         */
        private void requireRing(long points) {
            if (points > MAX_POINTS) {
                throw RingException.of("a ring of %s points is more than one ring holds (%s)", Memory.count(points),
                        Memory.count(MAX_POINTS));
            }
            String ring = "a ring of " + Memory.count(points) + " points";
            if (!simplifiedTable) {
                Memory.require(ring, points, RING_BYTES_PER_POINT);
                return;
            }
            long runs = expectedRuns(points);
            Memory.require(ring + " and its simplified table of about " + Memory.count(runs) + " rows",
                    (double) points * RING_BYTES_PER_POINT + (double) runs * IntervalMap.SIMPLIFIED_ROW_BYTES);
        }

        /**
         * The rows of the simplified table of a ring of {@code points} points: a point starts a new row unless the
         * point before it is the same node's, which for points spread at random is a node's share of the points.
         * Points are taken in proportion to weight, as every ring here gives them.
         */
        private long expectedRuns(long points) {
            double total = nodes.stream().mapToLong(Node::weight).sum();
            double same = nodes.stream().mapToDouble(n -> (n.weight() / total) * (n.weight() / total)).sum();
            return Math.max(1, Math.round(points * (1 - same)));
        }

        /** The points a profile's ring gets, before it is built. */
        private long profilePoints() {
            long weights = nodes.stream().mapToLong(Node::weight).sum();
            return switch (profile) {
                case NGINX -> Profiles.NGINX_POINTS_PER_WEIGHT * weights;
                case KETAMA, LIBMEMCACHED_KETAMA_WEIGHTED -> (long) Profiles.KETAMA_POINTS * nodes.size();
                case LIBMEMCACHED_KETAMA -> (long) Profiles.LIBMEMCACHED_POINTS * nodes.size();
                case HAPROXY, HAPROXY_SDBM -> Profiles.HAPROXY_POINTS_PER_WEIGHT * weights;
                case ENVOY_RING -> Profiles.ENVOY_MAX_RING + nodes.size();
                case GUAVA, ENVOY_MAGLEV -> 0;
            };
        }

        private Partitioner buildProfile() {
            HashFunction h = profile.keyHash();
            requireRing(profilePoints());
            if (profile == Profile.LIBMEMCACHED_KETAMA || profile == Profile.LIBMEMCACHED_KETAMA_WEIGHTED) {
                Profiles.requireLibmemcachedServers(profile, nodes.size());
            }
            nodes.forEach(n -> Profiles.requireValid(profile, n));
            return switch (profile) {
                case NGINX -> new RingPartitioner("nginx(" + nodes + ")", h, HashRing.of(32, nodes,
                        HashRing.Rule.CEILING, (i, n) -> Profiles.nginx(n), HashRing.Collisions.KEEP_FIRST), down);
                case KETAMA -> new RingPartitioner("ketama(" + nodes + ")", h, HashRing.of(32, nodes,
                        HashRing.Rule.CEILING, (i, n) -> Profiles.ketama(n.name(), nodes, n),
                        HashRing.Collisions.KEEP_LAST), Set.of());
                // libmemcached sorts its continuum by value, then server index: the first server keeps a tie.
                case LIBMEMCACHED_KETAMA_WEIGHTED -> new RingPartitioner("libmemcached-ketama-weighted(" + nodes + ")",
                        h, HashRing.of(32, nodes, HashRing.Rule.CEILING,
                                (i, n) -> Profiles.libmemcachedKetamaWeighted(nodes, n),
                                HashRing.Collisions.KEEP_FIRST), Set.of());
                case LIBMEMCACHED_KETAMA -> new RingPartitioner("libmemcached-ketama(" + nodes + ")", h,
                        HashRing.of(32, nodes, HashRing.Rule.CEILING, (i, n) -> Profiles.libmemcachedKetama(n),
                                HashRing.Collisions.KEEP_FIRST), Set.of());
                case HAPROXY, HAPROXY_SDBM -> new RingPartitioner(profile.id() + "(" + nodes + ")", h,
                        HashRing.of(32, nodes, HashRing.Rule.NEAREST, (i, n) -> Profiles.haproxy(i + 1, n),
                                HashRing.Collisions.KEEP_FIRST), Set.of());
                case GUAVA -> new NumberedPartitioner(NumberedPartitioner.Kind.GUAVA, h, nodes);
                case ENVOY_RING -> {
                    long[][] points = Profiles.envoyRing(nodes);
                    yield new RingPartitioner("envoy-ring(" + nodes + ")", h, HashRing.of(64, nodes,
                            HashRing.Rule.CEILING, (i, n) -> points[i], HashRing.Collisions.KEEP_FIRST), Set.of());
                }
                case ENVOY_MAGLEV -> maglev(h);
            };
        }
    }
}
