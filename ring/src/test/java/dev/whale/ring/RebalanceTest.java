package dev.whale.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class RebalanceTest {
    private static final List<String> NO_KEYS = List.of();

    @Test
    void between_twoToThreeNodes_movesWhatThePostSays() {
        Rebalance r = Rebalance.between(IntervalMapTest.postRing(2), IntervalMapTest.postRing(3), NO_KEYS);
        assertTrue(r.exact());
        assertEquals(BigInteger.valueOf(84_970_214), r.moved());
        assertEquals(List.of(new Rebalance.Flow("server-a", "server-c", BigInteger.valueOf(47_070_844)),
                new Rebalance.Flow("server-b", "server-c", BigInteger.valueOf(37_899_370))), r.flows());
        assertEquals(0.3165, r.movedShare(), 0.0001);
    }

    @Test
    void between_range16to17_movesHalfTheSpace() {
        Partitioner a = Partitioning.strategy(Strategy.RANGE).hash("crc32").nodes(Node.named(16)).build();
        Partitioner b = Partitioning.strategy(Strategy.RANGE).hash("crc32").nodes(Node.named(17)).build();
        Rebalance r = Rebalance.between(a, b, NO_KEYS);
        assertTrue(r.exact());
        assertEquals(0.5, r.movedShare(), 0.0001);
        // The ripple: each node hands a growing slice to its right-hand neighbour.
        assertEquals(16, r.flows().size());
        assertEquals("server-a", r.flows().get(0).from());
        assertEquals("server-b", r.flows().get(0).to());
    }

    @Test
    void between_modulo16to17_isExactOverResidues() {
        Partitioner a = Partitioning.strategy(Strategy.MODULO).hash("crc32").nodes(Node.named(16)).build();
        Partitioner b = Partitioning.strategy(Strategy.MODULO).hash("crc32").nodes(Node.named(17)).build();
        Rebalance r = Rebalance.between(a, b, NO_KEYS);
        assertTrue(r.exact());
        // Only h with h % 16 == h % 17, i.e. h % 272 < 16, stay: 16/272 of the space.
        assertEquals(1 - 16.0 / 272, r.movedShare(), 1e-6);
    }

    @Test
    void between_jumpHash_isSampledAndMovesAboutOneInNPlusOne() {
        Partitioner a = Partitioning.strategy(Strategy.JUMP).hash("xxh64").nodes(Node.named(10)).build();
        Partitioner b = Partitioning.strategy(Strategy.JUMP).hash("xxh64").nodes(Node.named(11)).build();
        Rebalance r = Rebalance.between(a, b, Keys.generated("key-", 100_000));
        assertFalse(r.exact());
        assertEquals(1 / 11.0, r.movedShare(), 0.005);
        assertTrue(r.flows().stream().allMatch(f -> f.to().equals("server-k")), "jump moves keys only to the new node");
    }

    @Test
    void between_largeRings_isExactAndConsistentWithLookups() {
        Partitioner a = Partitioning.strategy(Strategy.RING).hash("xxh64").nodes(Node.named(50)).vnodes(100).build();
        Partitioner b = Partitioning.strategy(Strategy.RING).hash("xxh64").nodes(Node.named(51)).vnodes(100).build();
        Rebalance exact = Rebalance.between(a, b, NO_KEYS);
        long moved = 0;
        int n = 200_000;
        for (String k : Keys.generated("k", n)) {
            long pos = a.hash().position(k);
            if (!a.nodes().get(a.nodeAt(pos)).name().equals(b.nodes().get(b.nodeAt(pos)).name())) {
                moved++;
            }
        }
        assertEquals(exact.movedShare(), (double) moved / n, 0.005);
        assertEquals(1 / 51.0, exact.movedShare(), 0.01);
    }

    @Test
    void between_boundedLoads_placesEachKeyOnceOnEachSide() {
        int keys = 10_000;
        Partitioner a = Partitioning.strategy(Strategy.BOUNDED).hash("xxh64").nodes(Node.named(3)).vnodes(40)
                .epsilon(0.1).keys(keys).build();
        Partitioner b = Partitioning.strategy(Strategy.BOUNDED).hash("xxh64").nodes(Node.named(4)).vnodes(40)
                .epsilon(0.1).keys(keys).build();
        Rebalance r = Rebalance.between(a, b, Keys.generated("k", keys));
        assertEquals(BigInteger.valueOf(keys), r.total());
        assertEquals(BigInteger.valueOf(keys), r.after().nodes().stream().map(LoadStats.NodeShare::served)
                .reduce(BigInteger.ZERO, BigInteger::add));
        assertTrue(r.after().maxOverMean() <= 1.1 + 1e-9, "after " + r.after().maxOverMean());
    }
}
