package dev.whale.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sizes a user can type are checked against this JVM's heap before any work: one line that names the size, what it
 * would take and the limit, never an OutOfMemoryError. The sizes are taken relative to this JVM's -Xmx, so that the
 * tests mean the same on any machine.
 */
class LimitsTest {
    private static final long HEAP = Runtime.getRuntime().maxMemory();

    @Test
    void ring_largerThanTheHeap_isRefusedBeforeItIsBuilt() {
        int vnodes = (int) Math.min(Partitioning.MAX_POINTS / 2, HEAP / Partitioning.RING_BYTES_PER_POINT * 2);
        long before = System.nanoTime();
        RingException e = assertThrows(RingException.class, () -> Partitioning.strategy(Strategy.RING).hash("xxh64")
                .nodes(Node.named(2)).vnodes(vnodes).build());
        assertTrue(e.getMessage().matches("a ring of [\\d,]+ points would take about [\\d,]+ MiB, more than the"
                + " [\\d,]+ MiB this JVM may use \\(75% of -Xmx [\\d,]+ MiB\\)"), e.getMessage());
        assertTrue(System.nanoTime() - before < 5_000_000_000L, "refused before building, not after");
    }

    @Test
    void ringWithSimplifiedTable_thatFitsOnlyWithoutTheTable_isRefusedBeforeTheRingIsBuilt() {
        // Two equal nodes: about half the points start a run of the simplified table. The ring alone takes 60% of
        // what one structure may; with the table's 120 bytes a run it would take 1.8 times that.
        long points = (long) (HEAP * 0.75 * 0.6 / Partitioning.RING_BYTES_PER_POINT);
        int vnodes = (int) Math.min(Partitioning.MAX_POINTS / 2, points / 2);
        long before = System.nanoTime();
        RingException e = assertThrows(RingException.class, () -> Partitioning.strategy(Strategy.RING).hash("xxh64")
                .nodes(Node.named(2)).vnodes(vnodes).withSimplifiedTable().build());
        assertTrue(e.getMessage().matches("a ring of [\\d,]+ points and its simplified table of about [\\d,]+ rows"
                + " would take about [\\d,]+ MiB, more than the [\\d,]+ MiB this JVM may use \\(75% of -Xmx [\\d,]+"
                + " MiB\\)"), e.getMessage());
        assertTrue(e.getMessage().contains(" and its simplified table of about " + Memory.count(vnodes) + " rows"),
                e.getMessage());
        assertTrue(System.nanoTime() - before < 5_000_000_000L, "refused before building, not after");
    }

    @Test
    void ringWithSimplifiedTable_thatFits_isBuilt() {
        Partitioner with = Partitioning.strategy(Strategy.RING).nodes(Node.named(3)).withSimplifiedTable().build();
        Partitioner without = Partitioning.strategy(Strategy.RING).nodes(Node.named(3)).build();
        assertEquals(((IntervalMap) without.spaceMap().orElseThrow()).simplified(),
                ((IntervalMap) with.spaceMap().orElseThrow()).simplified());
    }

    @Test
    void ring_moreThanAnArrayHolds_isRefused() {
        RingException e = assertThrows(RingException.class, () -> Partitioning.profile(Profile.NGINX)
                .nodes(List.of(new Node("10.0.0.1:80", 999_999_999))).build());
        assertTrue(e.getMessage().startsWith("a ring of 159,999,999,840 points is more than one ring holds"),
                e.getMessage());
    }

    @Test
    void maglev_largestPrimeTable_isRefusedUnlessItFits() {
        if (HEAP * 0.75 > 8L * Integer.MAX_VALUE) {
            return; // a heap of more than 21 GiB holds it
        }
        RingException e = assertThrows(RingException.class, () -> Partitioning.strategy(Strategy.MAGLEV)
                .nodes(Node.named(3)).tableSize(2_147_483_647).build());
        assertTrue(e.getMessage().startsWith("a Maglev table of 2,147,483,647 slots would take about 16,384 MiB"),
                e.getMessage());
    }

    @Test
    void demo_largerThanTheHeap_isRefusedBeforeItStarts() {
        int partitions = (int) Math.min(Integer.MAX_VALUE, HEAP / 400);
        RingException e = assertThrows(RingException.class, () -> Demo.render(3, partitions));
        assertTrue(e.getMessage().startsWith("the demo's "), e.getMessage());
        assertTrue(e.getMessage().contains(" partitions would take about "), e.getMessage());
    }
}
