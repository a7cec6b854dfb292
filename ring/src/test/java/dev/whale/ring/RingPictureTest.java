package dev.whale.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whale.ring.PictureText.Box;
import dev.whale.ring.PictureText.Label;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RingPictureTest {

    private static IntervalMap map(String nodes, int vnodes, String hash) {
        return (IntervalMap) Partitioning.strategy(Strategy.RING).hash(hash).nodes(Node.parseList(nodes))
                .vnodes(vnodes).build().spaceMap().orElseThrow();
    }

    private static RingPicture.Drawing rebalance(String from, String to, int vnodes, String hash) {
        Partitioner a = Partitioning.strategy(Strategy.RING).hash(hash).nodes(Node.parseList(from)).vnodes(vnodes)
                .build();
        Partitioner b = Partitioning.strategy(Strategy.RING).hash(hash).nodes(Node.parseList(to)).vnodes(vnodes)
                .build();
        return RingPicture.drawRebalance((IntervalMap) a.spaceMap().orElseThrow(),
                (IntervalMap) b.spaceMap().orElseThrow(), Rebalance.between(a, b, List.of()), "setup (with parens)");
    }

    private static final String LONG = "a-name-far-longer-than-any-legend-column-or-title-could-hold.example.com:11211";

    static Stream<Arguments> drawings() {
        List<Arguments> all = new ArrayList<>();
        for (String nodes : List.of("1", "2", "3", "26", "300", LONG, LONG + "=2,b,日本語のサーバー,🐳")) {
            all.add(Arguments.of("ring " + nodes, RingPicture.drawRing(map(nodes, 2, "xxh64"), "setup")));
        }
        String[][] changes = {{"2", "3"}, {"1", "2"}, {"3", "1"}, {"16", "17"}, {"30", "40"}, {LONG + ",b", "b,c=3"},
            {"a,b,c", "a=2,b,c"}};
        for (String[] c : changes) {
            all.add(Arguments.of(c[0] + " to " + c[1], rebalance(c[0], c[1], 5, "xxh64")));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("drawings")
    void layout_labelsKeepApart_fromEachOtherAndFromTheRing(String what, RingPicture.Drawing d) {
        List<Label> labels = d.labels();
        for (int i = 0; i < labels.size(); i++) {
            Box b = labels.get(i).box();
            assertTrue(b.inside(d.width(), d.height()), labels.get(i) + " inside " + d.width() + " x " + d.height());
            for (int j = i + 1; j < labels.size(); j++) {
                assertFalse(b.overlaps(labels.get(j).box()), labels.get(i) + " overlaps " + labels.get(j));
            }
            // In the ring's hole, or clear of the square around the whole ring.
            boolean inHole = corners(b).stream().allMatch(p -> Math.hypot(p[0] - d.cx(), p[1] - d.cy())
                    < RingPicture.R_IN);
            Box ring = new Box(d.cx() - d.outer(), d.cy() - d.outer(), d.cx() + d.outer(), d.cy() + d.outer());
            assertTrue(inHole || !b.overlaps(ring), labels.get(i) + " is on the ring");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("drawings")
    void marker_isAboveTheOutermostBand(String what, RingPicture.Drawing d) {
        assertEquals("0", d.marker().text());
        assertEquals(d.cx(), d.marker().x());
        assertTrue(d.marker().box().bottom() < d.cy() - d.outer() - 5, d.marker() + " above " + (d.cy() - d.outer()));
    }

    @Test
    void rebalance_titleAndSubtitle_areTheirOwnLines() {
        RingPicture.Drawing d = rebalance("2", "3", 5, "sha1-28");
        assertEquals("Rebalance: server-a, server-b → server-a, server-b, server-c", d.labels().get(0).text());
        assertEquals("setup (with parens)", d.labels().get(1).text());
        d = rebalance("16", "17", 5, "sha1-28");
        assertEquals("Rebalance: 16 → 17 nodes: server-q added", d.labels().get(0).text());
        assertEquals("Rebalance: 5 → 3 nodes: server-d, server-e removed",
                RingPicture.rebalanceTitle(Node.named(5), Node.named(3), 60));
        assertEquals("Rebalance: 5 → 3 nodes: 2 removed", RingPicture.rebalanceTitle(Node.named(5), Node.named(3), 40));
        assertEquals("Rebalance: 3 → 3 nodes: 1 reweighted",
                RingPicture.rebalanceTitle(Node.named(3), Node.parseList("server-a,server-b=2,server-c"), 40));
    }

    @Test
    void rebalance_movedStretches_areMergedWhereTheyTouch_intoOneArcPerRunOfAFlow() {
        Partitioner a = IntervalMapTest.postRing(2);
        Partitioner b = IntervalMapTest.postRing(3);
        IntervalMap before = IntervalMapTest.table(a);
        IntervalMap after = IntervalMapTest.table(b);
        // The runs of one flow: stretches that move from the same node to the same node, one after another.
        List<String> runs = new ArrayList<>();
        long[] next = {-1};
        IntervalMap.overlay(before, after, (first, len, x, y) -> {
            String flow = before.nodes().get(x).name() + " → " + after.nodes().get(y).name();
            boolean moves = !before.nodes().get(x).name().equals(after.nodes().get(y).name());
            if (moves && !(first == next[0] && flow.equals(runs.get(runs.size() - 1)))) {
                runs.add(flow);
            }
            next[0] = moves ? first + len + 1 : -1;
        });
        String svg = RingPicture.rebalance(before, after, Rebalance.between(a, b, List.of()), "setup");
        List<String> drawn = new ArrayList<>();
        Matcher m = Pattern.compile("<title>(server-. → server-.): \\d+ to \\d+ \\(\\d+ hashes\\)</title>")
                .matcher(svg);
        while (m.find()) {
            drawn.add(m.group(1));
        }
        // Two stripes an arc: the node it leaves, and the node it joins.
        assertEquals(2 * runs.size(), drawn.size(), drawn.toString());
        assertEquals(4, runs.size(), runs.toString());
        assertTrue(runs.contains("server-a → server-c") && runs.contains("server-b → server-c"), runs.toString());
    }

    @Test
    void band_mergesTouchingStretchesOfOneKey_only() {
        Band band = new Band(8, true);
        band.add(0, 9, 1);
        band.add(10, 19, 1);
        band.add(20, 29, 2);
        band.add(40, 49, 2);
        band.add(50, 255, 1);
        List<Band.Arc> arcs = band.arcs();
        assertEquals(4, arcs.size());
        assertEquals(new Band.Arc(0, 20 / 256.0, 1, 1, 0, 19), arcs.get(0));
        assertEquals(40, arcs.get(2).first());
        assertEquals(1.0, arcs.get(3).end());
    }

    @Test
    void band_tooManyArcs_isDrawnInSteps_eachTakingTheKeyThatCoversMostOfIt() {
        Band solid = new Band(32, true);
        Band sparse = new Band(32, false);
        // 40,000 stretches, some 55 a step: key 0, then three of key 2 (which merge); and 1 in 4 moves.
        long step = (1L << 32) / 40_000;
        for (int i = 0; i < 40_000; i++) {
            solid.add(i * step, (i + 1) * step - 1, i % 4 == 0 ? 0 : 2);
            if (i % 4 == 0) {
                sparse.add(i * step, (i + 1) * step - 1, 7);
            }
        }
        assertFalse(solid.exact());
        List<Band.Arc> arcs = solid.arcs();
        assertTrue(arcs.size() <= Band.STEPS, arcs.size() + " arcs");
        assertTrue(arcs.stream().allMatch(a -> a.key() == 2 && a.opacity() == 1), arcs.toString());
        // One merged arc round all the circle: key 2 covers three quarters of every step.
        assertEquals(1, arcs.size());
        assertEquals(1.0, arcs.get(0).end() - arcs.get(0).start());
        List<Band.Arc> moved = sparse.arcs();
        assertEquals(1, moved.size());
        assertEquals(0.3, moved.get(0).opacity(), "a quarter of each step is covered: three tenths, rounded up");
    }

    @Test
    void rebalance_needsTheExactRebalanceOfItsMaps() {
        Partitioner a = IntervalMapTest.postRing(2);
        Partitioner b = IntervalMapTest.postRing(3);
        Rebalance sampled = Rebalance.between(a, Partitioning.strategy(Strategy.JUMP).hash("sha1-28")
                .nodes(Node.named(3)).build(), Keys.generated("k", 10));
        assertThrows(IllegalArgumentException.class, () -> RingPicture.rebalance(IntervalMapTest.table(a),
                IntervalMapTest.table(b), sampled, "setup"));
    }

    @Test
    void pictureText_measuresWideCharactersAsTwoColumns_andCutsWithAnEllipsis() {
        assertEquals(8, PictureText.columns("server-a"));
        assertEquals(6, PictureText.columns("日本語"));
        assertEquals(2, PictureText.columns("🐳"));
        assertEquals("serv…", PictureText.fit("server-a", 5));
        assertEquals("日本…", PictureText.fit("日本語のサーバー", 5));
        assertEquals(List.of("one two", "three", "fourte…"), PictureText.wrap("one two three fourteen", 7));
        assertEquals("server-a, server-b, …, server-p (16 nodes)", PictureText.nodeList(Node.named(16), 42));
        assertEquals("16 nodes", PictureText.nodeList(Node.named(16), 20));
        assertEquals("a-name-far-longer-t…", PictureText.nodeList(List.of(Node.of(LONG)), 40));
    }

    private static List<double[]> corners(Box b) {
        return List.of(new double[] {b.left(), b.top()}, new double[] {b.right(), b.top()},
                new double[] {b.left(), b.bottom()}, new double[] {b.right(), b.bottom()});
    }
}
