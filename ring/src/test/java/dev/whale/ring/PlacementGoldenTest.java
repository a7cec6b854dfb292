package dev.whale.ring;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins where every profile and strategy places 300 keys, so that no change moves a key unnoticed. Profiles with a
 * real peer are also checked against it elsewhere; these files pin Envoy's and whale's own, which have none here.
 * See {@link Golden} to regenerate them after an intended change.
 */
class PlacementGoldenTest {
    private static final List<Node> SERVERS = Node.parseList("10.0.0.1:11211=2,10.0.0.2:11211,10.0.0.3:8080=3");
    private static final List<Node> UNWEIGHTED = Node.parseList("10.0.0.1:11211,10.0.0.2:11211,10.0.0.3:8080");
    private static final List<Node> NODES = Node.parseList("server-a=2,server-b,server-c=3,server-d");

    static Stream<Arguments> setups() {
        return Stream.of(
                Arguments.of("nginx", (Supplier<Partitioner>) () -> Partitioning.profile(Profile.NGINX)
                        .nodes(SERVERS).build()),
                Arguments.of("nginx-down", (Supplier<Partitioner>) () -> Partitioning.profile(Profile.NGINX)
                        .nodes(SERVERS).down(Set.of("10.0.0.3:8080")).build()),
                Arguments.of("ketama", (Supplier<Partitioner>) () -> Partitioning.profile(Profile.KETAMA)
                        .nodes(SERVERS).build()),
                Arguments.of("libmemcached-ketama-weighted", (Supplier<Partitioner>) () -> Partitioning
                        .profile(Profile.LIBMEMCACHED_KETAMA_WEIGHTED).nodes(SERVERS).build()),
                Arguments.of("libmemcached-ketama", (Supplier<Partitioner>) () -> Partitioning
                        .profile(Profile.LIBMEMCACHED_KETAMA).nodes(UNWEIGHTED).build()),
                Arguments.of("haproxy", (Supplier<Partitioner>) () -> Partitioning.profile(Profile.HAPROXY)
                        .nodes(SERVERS).build()),
                Arguments.of("haproxy-sdbm", (Supplier<Partitioner>) () -> Partitioning
                        .profile(Profile.HAPROXY_SDBM).nodes(SERVERS).build()),
                Arguments.of("guava", (Supplier<Partitioner>) () -> Partitioning.profile(Profile.GUAVA)
                        .nodes(SERVERS).build()),
                Arguments.of("envoy-ring", (Supplier<Partitioner>) () -> Partitioning.profile(Profile.ENVOY_RING)
                        .nodes(SERVERS).build()),
                Arguments.of("envoy-maglev", (Supplier<Partitioner>) () -> Partitioning.profile(Profile.ENVOY_MAGLEV)
                        .nodes(SERVERS).build()),
                Arguments.of("ring", strategy(Strategy.RING, "sha1-28")),
                Arguments.of("range", strategy(Strategy.RANGE, "crc32")),
                Arguments.of("modulo", strategy(Strategy.MODULO, "md5")),
                Arguments.of("jump", strategy(Strategy.JUMP, "xxh64")),
                Arguments.of("rendezvous", strategy(Strategy.RENDEZVOUS, "murmur3")),
                Arguments.of("maglev", strategy(Strategy.MAGLEV, "xxh64")),
                Arguments.of("bounded", (Supplier<Partitioner>) () -> Partitioning.strategy(Strategy.BOUNDED)
                        .hash("xxh64").nodes(NODES).vnodes(20).epsilon(0.1).keys(300).build()));
    }

    static Supplier<Partitioner> strategy(Strategy s, String hash) {
        return () -> Partitioning.strategy(s).hash(hash).nodes(NODES).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    void placement_isPinned(String name, Supplier<Partitioner> setup) throws IOException {
        Partitioner p = setup.get();
        StringBuilder sb = new StringBuilder();
        for (String key : Keys.generated("key-", 300)) {
            Placement pl = p.place(key);
            sb.append(key).append(' ').append(pl.node()).append(' ').append(pl.partition()).append('\n');
        }
        Golden.assertMatches("placement/" + name + ".txt", sb.toString());
    }
}
