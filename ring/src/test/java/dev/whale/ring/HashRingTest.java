package dev.whale.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ring's rules where points meet: which of two points on the same position survives (nginx keeps the first
 * generated, spymemcached's TreeMap the last, the post's ring refuses), and which of two equally near points serves
 * (HAProxy: the earlier one).
 */
class HashRingTest {
    private static final List<Node> ABC = Node.parseList("a,b,c");

    /** a, b and c all put a point on 100; b's is its second replica, c's its first. */
    private static final long[][] THREE_ON_100 = {{100, 500}, {900, 100}, {100}};

    static HashRing ring(HashRing.Rule rule, HashRing.Collisions collisions, long[][] points) {
        return HashRing.of(16, ABC, rule, (i, node) -> points[i], collisions);
    }

    /** The node and replica of the point on {@code position}, as "b-1". */
    static String pointOn(HashRing ring, long position) {
        for (int i = 0; i < ring.size(); i++) {
            if (ring.position(i) == position) {
                return ring.nodes().get(ring.ownerOf(i)).name() + "-" + ring.replicaOf(i);
            }
        }
        throw new AssertionError("no point on " + position);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"KEEP_FIRST, a-0, 0", "KEEP_LAST, c-0, 2"})
    void of_threePointsOnOnePosition_keepsOneAsTheRuleSays(HashRing.Collisions rule, String kept, int node) {
        HashRing ring = ring(HashRing.Rule.CEILING, rule, THREE_ON_100);
        assertEquals(3, ring.size(), "three points on 100 collapse into one");
        assertEquals(kept, pointOn(ring, 100));
        assertEquals(node, ring.nodeAt(100));
        assertEquals(node, ring.nodeAt(50), "the ceiling of 50 is the point on 100");
    }

    @Test
    void of_keepLast_twoPoints_keepsTheLaterReplica() {
        HashRing ring = ring(HashRing.Rule.FLOOR, HashRing.Collisions.KEEP_LAST, new long[][] {{100}, {900, 100}, {}});
        assertEquals("b-1", pointOn(ring, 100));
        assertEquals(1, ring.nodeAt(100));
    }

    @Test
    void of_reject_namesBothPartitionsAndThePoint() {
        RingException e = assertThrows(RingException.class,
                () -> ring(HashRing.Rule.FLOOR, HashRing.Collisions.REJECT, THREE_ON_100));
        assertEquals("partitions a-0 and b-1 hash to the same point 100; use fewer partitions or a wider hash",
                e.getMessage());
    }

    @Test
    void of_reject_withoutCollisions_keepsEveryPoint() {
        HashRing ring = ring(HashRing.Rule.FLOOR, HashRing.Collisions.REJECT, new long[][] {{100}, {200}, {300}});
        assertEquals(3, ring.size());
    }

    /**
     * Many collisions at once, as a big ring in a narrow space has them: each surviving point is the one that nginx
     * (sort, then keep the first of equals) or spymemcached ({@code TreeMap.put} in generation order) would keep.
     */
    @Test
    void of_manyCollisions_survivorsAreThePeersChoice() {
        SplittableRandom random = new SplittableRandom(13);
        long[][] points = new long[ABC.size()][];
        Map<Long, String> first = new TreeMap<>();
        Map<Long, String> last = new TreeMap<>();
        for (int n = 0; n < points.length; n++) {
            points[n] = new long[100];
            for (int r = 0; r < points[n].length; r++) {
                points[n][r] = random.nextLong(256);
                String name = ABC.get(n).name() + "-" + r;
                first.putIfAbsent(points[n][r], name);
                last.put(points[n][r], name);
            }
        }
        for (var rule : List.of(HashRing.Collisions.KEEP_FIRST, HashRing.Collisions.KEEP_LAST)) {
            HashRing ring = HashRing.of(8, ABC, HashRing.Rule.CEILING, (i, node) -> points[i], rule);
            Map<Long, String> kept = rule == HashRing.Collisions.KEEP_FIRST ? first : last;
            List<String> expected = new ArrayList<>(kept.values());
            List<String> actual = new ArrayList<>();
            for (int i = 0; i < ring.size(); i++) {
                actual.add(ring.nodes().get(ring.ownerOf(i)).name() + "-" + ring.replicaOf(i));
            }
            assertEquals(expected, actual, rule.toString());
        }
    }

    @Test
    void nodeAt_nearest_aTieGoesToTheEarlierPoint() {
        HashRing ring = ring(HashRing.Rule.NEAREST, HashRing.Collisions.KEEP_FIRST, new long[][] {{100}, {300}, {}});
        assertEquals(0, ring.nodeAt(200), "200 is as near to 100 as to 300");
        assertEquals(1, ring.nodeAt(201));
        assertEquals(0, ring.nodeAt(199));
    }

    @Test
    void nodeAt_nearest_aTieAcrossZeroGoesToTheEarlierPoint() {
        // In a 16-bit space 65436 and 100 are 200 apart across zero, and 0 lies midway.
        HashRing ring = ring(HashRing.Rule.NEAREST, HashRing.Collisions.KEEP_FIRST,
                new long[][] {{100}, {65436}, {}});
        assertEquals(1, ring.nodeAt(0), "0 is 100 from either point; the earlier one, going round, is 65436");
        assertEquals(0, ring.nodeAt(1));
    }
}
