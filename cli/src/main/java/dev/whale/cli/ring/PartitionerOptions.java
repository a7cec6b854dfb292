package dev.whale.cli.ring;

import dev.whale.ring.Node;
import dev.whale.ring.Partitioner;
import dev.whale.ring.Partitioning;
import dev.whale.ring.Profile;
import dev.whale.ring.Strategy;
import java.util.HashSet;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that pick how keys are placed: a strategy of whale's own, or a real system's profile. */
final class PartitionerOptions {

    @Option(names = "--strategy", paramLabel = "NAME", description = "range, modulo, ring, jump, rendezvous, maglev "
            + "or bounded (default: ${DEFAULT-VALUE}).", defaultValue = "ring")
    String strategy;

    @Option(names = "--profile", paramLabel = "NAME", description = "Place keys exactly as a real system does: nginx, "
            + "ketama, libmemcached-ketama-weighted, libmemcached-ketama, haproxy, haproxy-sdbm, guava, envoy-ring "
            + "or envoy-maglev. Overrides --strategy.")
    String profile;

    @Option(names = "--hash", paramLabel = "NAME",
            description = "sha1-28, md5, crc32, xxh64 or murmur3 (default: sha1-28, the post's).")
    String hash;

    @Option(names = {"--vnodes", "--partitions"}, paramLabel = "N",
            description = "Partitions per node (times its weight) on the ring (default: 5, the post's).")
    Integer vnodes;

    @Option(names = "--down", paramLabel = "SERVER", split = ",",
            description = "Servers marked down (nginx profile): their points stay and are skipped.")
    List<String> down = List.of();

    @Option(names = "--epsilon", paramLabel = "E", defaultValue = "0.25",
            description = "Bounded loads: a node takes at most ceil((1+E)·keys/nodes) keys"
                    + " (default: ${DEFAULT-VALUE}).")
    double epsilon;

    @Option(names = "--table-size", paramLabel = "M", defaultValue = "65537",
            description = "Maglev table size, a prime (default: ${DEFAULT-VALUE}).")
    int tableSize;

    boolean isProfile() {
        return profile != null;
    }

    /** The partitioner over {@code nodes}; {@code keys} is how many keys bounded-load placement will see. */
    Partitioner build(List<Node> nodes, long keys) {
        return build(nodes, keys, false);
    }

    /** The same, checked against the heap together with its simplified table when the caller will hold that. */
    Partitioner build(List<Node> nodes, long keys, boolean withSimplifiedTable) {
        Partitioning.Builder b = isProfile() ? Partitioning.profile(Profile.of(profile))
                : Partitioning.strategy(Strategy.of(strategy));
        if (hash != null) {
            b.hash(hash);
        }
        if (vnodes != null) {
            b.vnodes(vnodes);
        }
        if (!down.isEmpty()) {
            b.down(new HashSet<>(down));
        }
        if (!isProfile() && Strategy.of(strategy) == Strategy.BOUNDED) {
            b.epsilon(epsilon);
        }
        if (withSimplifiedTable) {
            b.withSimplifiedTable();
        }
        return b.nodes(nodes).keys(keys).tableSize(tableSize).build();
    }

    /** A one-line description of the setup, for report headings. */
    String describe(Partitioner p) {
        if (isProfile()) {
            return "profile " + profile + ", key hash " + p.hash().id();
        }
        String s = "strategy " + strategy + ", hash " + p.hash().id();
        Strategy st = Strategy.of(strategy);
        if (st == Strategy.RING || st == Strategy.BOUNDED) {
            s += ", " + (vnodes == null ? Partitioning.DEFAULT_VNODES : vnodes) + " partitions per node";
        }
        return s;
    }
}
