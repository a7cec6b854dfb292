package dev.whale.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reports' pieces; the whole reports are pinned byte for byte by the CLI's golden files (golden/ring/). */
class RingTextTest {

    @Test
    void percent_roundsToTwoDecimals() {
        assertEquals("31.65%", RingText.percent(84970214.0 / 268435456));
        assertEquals("100.00%", RingText.percent(1));
    }

    @Test
    void nodeList_moreThanSix_showsTheFirstTwoAndTheLast() {
        assertEquals("server-a, server-b, server-c", RingText.nodeList(Node.named(3)));
        assertEquals("server-a, server-b, …, server-g (7 nodes)", RingText.nodeList(Node.named(7)));
    }

    @Test
    void placementCsv_quotesCommasQuotesAndLineBreaks() {
        Placement p = new Placement(BigInteger.valueOf(42), "n,1-0", "n,1");
        assertEquals("\"a \"\"b\"\"\",\"n,1\",\"n,1-0\",42\n", RingText.placementCsv("a \"b\"", p));
        assertEquals("\"x\ny\",\"n,1\",\"n,1-0\",42\n", RingText.placementCsv("x\ny", p));
        assertEquals("k\tn,1\tn,1-0\t42\n", RingText.placement("k", p));
    }

    @Test
    void rebalance_twoToThree_isThePostsScaleOut() {
        Partitioner a = Partitioning.strategy(Strategy.RING).nodes(Node.named(2)).build();
        Partitioner b = Partitioning.strategy(Strategy.RING).nodes(Node.named(3)).build();
        String text = RingText.rebalance("the post's ring", Node.named(2), Node.named(3),
                Rebalance.between(a, b, List.of()));
        assertTrue(text.startsWith("Rebalance (the post's ring)\n  from: server-a, server-b\n"
                + "  to:   server-a, server-b, server-c\n\nMoved: 84970214 of 268435456 hashes (31.65%), computed"
                + " exactly over the whole space\n"), text);
        assertTrue(text.endsWith("\n"), text);
    }
}
