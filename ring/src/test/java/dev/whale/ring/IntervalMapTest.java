package dev.whale.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntervalMapTest {

    static Partitioner postRing(int nodes) {
        return Partitioning.strategy(Strategy.RING).hash("sha1-28").nodes(Node.named(nodes)).vnodes(5).build();
    }

    static IntervalMap table(Partitioner p) {
        return (IntervalMap) p.spaceMap().orElseThrow();
    }

    @Test
    void table_twoNodes_isThePostsTableWithTheWholeSpace() {
        List<RoutingRow> rows = table(postRing(2)).table();
        assertEquals(11, rows.size());
        assertEquals(new RoutingRow(BigInteger.ZERO, "server-b-1", "server-b", BigInteger.valueOf(23746828)),
                rows.get(0));
        assertEquals(new RoutingRow(BigInteger.valueOf(79249022 - 388686), "server-b-0", "server-b",
                BigInteger.valueOf(7773725)), rows.get(5));
        // The post's script stops at 0xFFFFFFF; the space really has 2^28 hashes, so the last row serves one more.
        assertEquals(BigInteger.valueOf(5590933), rows.get(10).served());
    }

    @Test
    void simplified_twoNodes_mergesConsecutivePartitionsOfANode() {
        List<RoutingRow> rows = table(postRing(2)).simplified();
        assertEquals(List.of(23746828L, 37156400L, 87553592L, 85098037L, 34880599L),
                rows.stream().map(r -> r.served().longValue()).toList());
        assertEquals(List.of("server-b", "server-a", "server-b", "server-a", "server-b"),
                rows.stream().map(RoutingRow::node).toList());
    }

    @Test
    void stats_threeNodes_addUpToTheWholeSpace() {
        LoadStats s = LoadStats.of(table(postRing(3)));
        assertEquals(BigInteger.valueOf(75183593), s.nodes().get(0).served());
        assertEquals(BigInteger.valueOf(108281649), s.nodes().get(1).served());
        assertEquals(BigInteger.valueOf(84970214), s.nodes().get(2).served());
        assertEquals(BigInteger.ONE.shiftLeft(28), s.total());
        assertEquals(true, s.exact());
    }

    @Test
    void stats_fiveNodesWith3000Partitions_areBalancedWithinOnePercent() {
        LoadStats s = LoadStats.of(Partitioning.strategy(Strategy.RING).hash("sha1-28").nodes(Node.named(5))
                .vnodes(3000).build().spaceMap().orElseThrow());
        // server-a owns the last partition, which serves one hash more than the post's 0xFFFFFFF-bound script says.
        assertEquals(53385223, s.nodes().get(0).served().longValue());
        assertEquals(53840932, s.nodes().get(4).served().longValue());
        assertEquals(1.0031, s.maxOverMean(), 0.0001);
    }

    /** Every row of the table agrees with a lookup of its first and last position. */
    @Test
    void rows_agreeWithLookups_forEveryRule() {
        for (Partitioner p : List.of(postRing(4),
                Partitioning.profile(Profile.NGINX).nodes(Node.parseList("10.0.0.1:80,10.0.0.2:80=2")).build(),
                Partitioning.profile(Profile.HAPROXY).nodes(Node.parseList("s1,s2=3,s3")).build(),
                Partitioning.profile(Profile.KETAMA).nodes(Node.parseList("a:11211,b:11211")).build(),
                Partitioning.profile(Profile.ENVOY_RING).nodes(Node.parseList("a:80,b:80,c:80")).build(),
                Partitioning.strategy(Strategy.RANGE).hash("crc32").nodes(Node.named(17)).build())) {
            IntervalMap m = table(p);
            for (int i = 0; i < m.rows(); i++) {
                assertEquals(m.owner(i), p.nodeAt(m.start(i)), p + " row " + i + " start");
                assertEquals(m.owner(i), p.nodeAt(m.last(i)), p + " row " + i + " last");
            }
        }
    }
}
