package dev.whale.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrategiesTest {

    @Test
    void maglev_sharesFollowWeights_exactlyOverTheTable() {
        Partitioner p = Partitioning.strategy(Strategy.MAGLEV).hash("xxh64")
                .nodes(Node.parseList("a=2,b=1,c=1")).build();
        ResidueMap m = (ResidueMap) p.spaceMap().orElseThrow();
        int[] slots = new int[3];
        for (int r = 0; r < m.modulus(); r++) {
            slots[m.owner(r)]++;
        }
        assertEquals(65537, slots[0] + slots[1] + slots[2]);
        assertEquals(0.5, slots[0] / 65537.0, 0.001);
        assertEquals(0.25, slots[1] / 65537.0, 0.001);
    }

    @Test
    void maglev_tableSizeMustBePrime() {
        assertEquals("maglev table size must be a prime: 65536", assertThrows(RingException.class,
                () -> Partitioning.strategy(Strategy.MAGLEV).nodes(Node.named(3)).tableSize(65536).build())
                .getMessage());
    }

    @Test
    void envoyMaglev_doesNotDependOnServerOrder() {
        Partitioner a = Partitioning.profile(Profile.ENVOY_MAGLEV).nodes(Node.parseList("x:1,y:1,z:1")).build();
        Partitioner b = Partitioning.profile(Profile.ENVOY_MAGLEV).nodes(Node.parseList("z:1,x:1,y:1")).build();
        for (String k : Keys.generated("k", 2000)) {
            assertEquals(a.place(k).node(), b.place(k).node());
        }
    }

    @Test
    void envoyRing_pointsPerHost() {
        long[][] points = Profiles.envoyRing(Node.parseList("a:80,b:80,c:80"));
        for (long[] p : points) {
            assertEquals(342, p.length);
        }
        // The ring holds at least 1024 points in all, shared in proportion to the weights.
        long[][] weighted = Profiles.envoyRing(Node.parseList("a:80=1,b:80=3"));
        assertEquals(256, weighted[0].length);
        assertEquals(768, weighted[1].length);
    }

    @Test
    void rendezvous_sharesFollowWeights_andRemovingANodeMovesOnlyItsKeys() {
        Partitioner p = Partitioning.strategy(Strategy.RENDEZVOUS).hash("xxh64").nodes(Node.parseList("a=3,b,c"))
                .build();
        LoadStats s = LoadStats.sample(p, Keys.generated("k", 100_000));
        assertEquals(0.6, s.nodes().get(0).share(), 0.01);
        Partitioner without = Partitioning.strategy(Strategy.RENDEZVOUS).hash("xxh64").nodes(Node.parseList("a=3,b"))
                .build();
        Rebalance r = Rebalance.between(p, without, Keys.generated("k", 50_000));
        assertTrue(r.flows().stream().allMatch(f -> f.from().equals("c")), r.flows().toString());
    }

    @Test
    void bounded_noNodeExceedsItsCapacity() {
        int keys = 20_000;
        Partitioner p = Partitioning.strategy(Strategy.BOUNDED).hash("xxh64").nodes(Node.named(8)).vnodes(10)
                .epsilon(0.1).keys(keys).build();
        LoadStats s = LoadStats.sample(p, Keys.generated("k", keys));
        long capacity = (long) Math.ceil(1.1 * keys / 8);
        for (LoadStats.NodeShare n : s.nodes()) {
            assertTrue(n.served().longValue() <= capacity, n + " over " + capacity);
        }
        // The plain ring with so few partitions is far from balanced; bounded loads cut its peak to 1 + ε.
        LoadStats plain = LoadStats.of(Partitioning.strategy(Strategy.RING).hash("xxh64").nodes(Node.named(8))
                .vnodes(10).build(), List.of());
        assertTrue(plain.maxOverMean() > 1.1, "plain " + plain.maxOverMean());
        assertTrue(s.maxOverMean() <= 1.1 + 1e-9, "bounded " + s.maxOverMean());
    }

    @Test
    void bounded_moreKeysThanAnnounced_isAClearError() {
        Partitioner p = Partitioning.strategy(Strategy.BOUNDED).nodes(Node.named(2)).keys(4).epsilon(0.1).build();
        RingException e = assertThrows(RingException.class,
                () -> LoadStats.sample(p, Keys.generated("k", 100)));
        assertEquals("every node is at capacity; more keys were placed than the 6 announced", e.getMessage());
    }

    @Test
    void range_singlePartitionOf64Bits_coversTheSpace() {
        Partitioner p = Partitioning.strategy(Strategy.RANGE).hash("xxh64").nodes(Node.named(1)).build();
        assertEquals(BigInteger.ONE.shiftLeft(64), LoadStats.of(p.spaceMap().orElseThrow()).nodes().get(0).served());
        assertEquals("server-a", p.place("anything").node());
    }

    @Test
    void weights_zeroWeightNodeGetsNothing_andAllZeroIsRefused() {
        Partitioner p = Partitioning.strategy(Strategy.RING).nodes(Node.parseList("a,b=0,c")).build();
        assertEquals(BigInteger.ZERO, LoadStats.of(p.spaceMap().orElseThrow()).nodes().get(1).served());
        assertEquals("every node has weight 0; at least one must serve keys", assertThrows(RingException.class,
                () -> Node.parseList("a=0,b=0")).getMessage());
    }

    @Test
    void vnodes_withAProfile_isRefused() {
        assertEquals("partitions per node apply to the ring and bounded strategies, not nginx",
                assertThrows(RingException.class, () -> Partitioning.profile(Profile.NGINX).vnodes(10)).getMessage());
    }
}
