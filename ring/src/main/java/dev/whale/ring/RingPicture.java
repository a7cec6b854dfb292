package dev.whale.ring;

import dev.whale.ring.PictureText.Anchor;
import dev.whale.ring.PictureText.Label;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Draws a routing table as an SVG ring: the space runs clockwise from 0 at the top, each node's arcs in its colour.
 * A rebalance is drawn as the ring after the change with, outside it, every stretch that moves in two stripes: the
 * inner one in the colour of the node it leaves, the outer one in that of the node it joins; a legend lists each
 * flow with the figures of {@link Rebalance}.
 *
 * <p>The picture is laid out top to bottom in regions that never share a pixel: title and subtitle, the ring with
 * its 0 marker above it, the nodes, the flows, the caption. Text is set in a monospace font and measured by
 * {@link PictureText}, so that each region's height and each label's width are known before anything is drawn.
 */
public final class RingPicture {
    static final double WIDTH = 760;
    static final double MARGIN = 16;
    static final double R_IN = 150;
    static final double R_OUT = 210;
    /** The two stripes of a moved stretch, outside the ring with a gap. */
    static final double GAP = 6;
    static final double STRIPE = 12;
    /** Legend rows shown before the rest is summed up in one line. */
    static final int MAX_NODES = 24;
    static final int MAX_FLOWS = 12;
    /** Columns a node name may take in the legend and in a flow. */
    static final int NAME_COLS = 24;
    static final int FLOW_NAME_COLS = 20;

    private static final double TITLE = 18;
    private static final double TEXT = 13;
    private static final double SMALL = 12;
    private static final double CENTRE = 20;
    /** Space between two lines of text, beyond their ink. */
    private static final double LEAD = 5;
    private static final String INK = "#111";
    private static final String GREY = "#555";

    private RingPicture() {}

    /** A picture: its SVG, its size, its text, and where its ring is, for the tests of its layout. */
    record Drawing(String svg, double width, double height, List<Label> labels, Label marker, double cx, double cy,
                   double outer) {}

    /** The ring of {@code map}; {@code setup} (how keys are placed) is its subtitle. */
    public static String ring(IntervalMap map, String setup) {
        return drawRing(map, setup).svg();
    }

    /**
     * The ring after a change, the stretches that move outside it, and the flows of {@code r}, which must be the
     * exact rebalance from {@code before} to {@code after}; {@code setup} is the subtitle.
     */
    public static String rebalance(IntervalMap before, IntervalMap after, Rebalance r, String setup) {
        return drawRebalance(before, after, r, setup).svg();
    }

    static Drawing drawRing(IntervalMap map, String setup) {
        Slots slots = new Slots(map.nodes(), List.of());
        Sheet s = new Sheet();
        s.heading("Ring of " + PictureText.nodeList(map.nodes(), s.cols(TITLE) - "Ring of ".length()), setup);
        Band band = mainBand(map, slots);
        s.ring(R_OUT);
        s.band(band, (R_IN + R_OUT) / 2, R_OUT - R_IN, slots::color, slots::name);
        boolean ticks = s.ticks(map, band);
        int partitions = map.rows() - (wraps(map) ? 1 : 0);
        s.marker();
        s.centre(map.nodes().size() + (map.nodes().size() == 1 ? " node" : " nodes"),
                partitions + (partitions == 1 ? " partition" : " partitions"));
        LoadStats stats = LoadStats.of(map);
        List<String[]> legend = new ArrayList<>();
        for (LoadStats.NodeShare n : stats.nodes()) {
            legend.add(new String[] {slots.color(slots.slot(n.node())), legendName(n.node()) + " "
                    + RingText.percent(n.share())});
        }
        if (stats.roundRobin().signum() > 0) {
            legend.add(new String[] {color(Partitioner.ROUND_ROBIN), Placement.ROUND_ROBIN + " "
                    + RingText.percent(LoadStats.ratio(stats.roundRobin(), stats.total()))});
        }
        s.legend(legend);
        String caption = "Clockwise from 0 at the top, the " + map.bits() + "-bit hash space; each arc in the colour of"
                + " the node that serves it" + (ticks ? ", a white tick where each partition starts." : ".");
        if (!band.exact()) {
            caption += " Its " + band.runs() + " arcs are too thin to draw one by one: each half degree takes the"
                    + " colour of the node that serves most of it.";
        }
        s.caption(caption);
        return s.done();
    }

    static Drawing drawRebalance(IntervalMap before, IntervalMap after, Rebalance r, String setup) {
        if (!r.exact() || !r.total().equals(after.size()) || before.bits() != after.bits()) {
            throw new IllegalArgumentException("a rebalance picture needs the exact rebalance of the two maps");
        }
        Slots slots = new Slots(before.nodes(), after.nodes());
        Sheet s = new Sheet();
        s.heading(rebalanceTitle(before.nodes(), after.nodes(), s.cols(TITLE)), setup);
        Band ring = mainBand(after, slots);
        Band moved = movedBand(before, after, slots);
        double outer = R_OUT + GAP + 2 * STRIPE;
        s.ring(outer);
        s.band(ring, (R_IN + R_OUT) / 2, R_OUT - R_IN, slots::color, slots::name);
        boolean ticks = s.ticks(after, ring);
        s.band(moved, R_OUT + GAP + STRIPE / 2, STRIPE, k -> slots.color(moved(slots, k)[0]), k -> flowName(slots, k));
        s.band(moved, R_OUT + GAP + STRIPE * 1.5, STRIPE, k -> slots.color(moved(slots, k)[1]),
                k -> flowName(slots, k));
        s.marker();
        s.centre(RingText.percent(r.movedShare()), "moves");
        s.legend(rebalanceLegend(before, after, slots));
        s.flows(r, slots);
        String caption = "The ring: the nodes after the change, clockwise from 0 at the top of the " + after.bits()
                + "-bit hash space" + (ticks ? ", a white tick where each partition starts" : "")
                + ". Outside it, each stretch that moves: the inner stripe in the colour of the node"
                + " that served it before, the outer stripe in that of the node that serves it after.";
        if (!ring.exact() || !moved.exact()) {
            caption += " Too many arcs to draw one by one: each half degree shows what covers most of it, the stripes"
                    + " as opaque as the share of it that moves.";
        }
        s.caption(caption);
        return s.done();
    }

    /** Whether the arc that wraps past the top of the space is split in two rows, both one partition's. */
    private static boolean wraps(IntervalMap map) {
        return map.rows() > 1 && map.partition(0).equals(map.partition(map.rows() - 1));
    }

    /** Both node lists when they fit on the title line, else the counts and what changed. */
    static String rebalanceTitle(List<Node> before, List<Node> after, int cols) {
        String full = "Rebalance: " + PictureText.nodeList(before, Integer.MAX_VALUE) + " → "
                + PictureText.nodeList(after, Integer.MAX_VALUE);
        if (PictureText.columns(full) <= cols) {
            return full;
        }
        String counts = "Rebalance: " + before.size() + " → " + after.size() + (after.size() == 1 ? " node" : " nodes");
        Map<String, Integer> was = new LinkedHashMap<>();
        before.forEach(n -> was.put(n.name(), n.weight()));
        List<String> added = new ArrayList<>();
        int reweighted = 0;
        for (Node n : after) {
            Integer w = was.remove(n.name());
            if (w == null) {
                added.add(n.name());
            } else if (w != n.weight()) {
                reweighted++;
            }
        }
        List<String> removed = List.copyOf(was.keySet());
        List<String> named = new ArrayList<>();
        List<String> counted = new ArrayList<>();
        change(named, counted, added, "added");
        change(named, counted, removed, "removed");
        if (reweighted > 0) {
            named.add(reweighted + " reweighted");
            counted.add(reweighted + " reweighted");
        }
        for (List<String> parts : List.of(named, counted)) {
            String t = counts + (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
            if (PictureText.columns(t) <= cols) {
                return t;
            }
        }
        return PictureText.fit(counts, cols);
    }

    private static void change(List<String> named, List<String> counted, List<String> nodes, String what) {
        if (!nodes.isEmpty()) {
            named.add(String.join(", ", nodes) + " " + what);
            counted.add(nodes.size() + " " + what);
        }
    }

    private static List<String[]> rebalanceLegend(IntervalMap before, IntervalMap after, Slots slots) {
        Map<String, Double> was = shares(LoadStats.of(before));
        Map<String, Double> is = shares(LoadStats.of(after));
        List<String[]> legend = new ArrayList<>();
        for (String name : slots.names) {
            Double b = was.get(name);
            Double a = is.get(name);
            legend.add(new String[] {slots.color(slots.slot(name)), legendName(name) + " "
                    + (b == null ? "added" : RingText.percent(b)) + " → "
                    + (a == null ? "removed" : RingText.percent(a))});
        }
        if (was.containsKey(Placement.ROUND_ROBIN) || is.containsKey(Placement.ROUND_ROBIN)) {
            legend.add(new String[] {color(Partitioner.ROUND_ROBIN), Placement.ROUND_ROBIN + " "
                    + RingText.percent(was.getOrDefault(Placement.ROUND_ROBIN, 0.0)) + " → "
                    + RingText.percent(is.getOrDefault(Placement.ROUND_ROBIN, 0.0))});
        }
        return legend;
    }

    private static Map<String, Double> shares(LoadStats stats) {
        Map<String, Double> m = new HashMap<>();
        stats.nodes().forEach(n -> m.put(n.node(), n.share()));
        if (stats.roundRobin().signum() > 0) {
            m.put(Placement.ROUND_ROBIN, LoadStats.ratio(stats.roundRobin(), stats.total()));
        }
        return m;
    }

    private static String legendName(String name) {
        return PictureText.fit(name, NAME_COLS);
    }

    /** The ring's band: each run of rows of one node. */
    private static Band mainBand(IntervalMap map, Slots slots) {
        int[] slot = slots.of(map.nodes());
        Band band = new Band(map.bits(), true);
        for (int i = 0; i < map.rows(); i++) {
            band.add(map.start(i), map.last(i), map.owner(i) == Partitioner.ROUND_ROBIN ? Partitioner.ROUND_ROBIN
                    : slot[map.owner(i)]);
        }
        return band;
    }

    /** The stretches whose node changes, keyed by their (from, to) pair. */
    private static Band movedBand(IntervalMap before, IntervalMap after, Slots slots) {
        int[] from = slots.of(before.nodes());
        int[] to = slots.of(after.nodes());
        Band band = new Band(after.bits(), false);
        IntervalMap.overlay(before, after, (first, len, a, b) -> {
            int f = a == Partitioner.ROUND_ROBIN ? Partitioner.ROUND_ROBIN : from[a];
            int t = b == Partitioner.ROUND_ROBIN ? Partitioner.ROUND_ROBIN : to[b];
            if (f != t) {
                band.add(first, first + len, slots.pair(f, t));
            }
        });
        return band;
    }

    private static int[] moved(Slots slots, int key) {
        return slots.pairs.get(key);
    }

    private static String flowName(Slots slots, int key) {
        int[] p = slots.pairs.get(key);
        return slots.name(p[0]) + " → " + slots.name(p[1]);
    }

    /** Well separated colours: a fixed palette, then hues spaced by the golden angle. */
    static String color(int node) {
        String[] palette = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7",
            "#9c755f", "#bab0ac"};
        if (node == Partitioner.ROUND_ROBIN) {
            return "#cccccc";
        }
        if (node < palette.length) {
            return palette[node];
        }
        return String.format(Locale.ROOT, "hsl(%.0f,55%%,55%%)", (node * 137.508) % 360);
    }

    /**
     * One colour per node name across both sides of a rebalance: the nodes before in their order, then those that
     * only the nodes after have; and the (from, to) pairs of the stretches that move.
     */
    private static final class Slots {
        final List<String> names = new ArrayList<>();
        final Map<String, Integer> index = new HashMap<>();
        final List<int[]> pairs = new ArrayList<>();
        final Map<Long, Integer> pairIndex = new HashMap<>();

        Slots(List<Node> first, List<Node> second) {
            for (List<Node> side : List.of(first, second)) {
                for (Node n : side) {
                    if (index.putIfAbsent(n.name(), names.size()) == null) {
                        names.add(n.name());
                    }
                }
            }
        }

        int slot(String name) {
            return name.equals(Placement.ROUND_ROBIN) ? Partitioner.ROUND_ROBIN : index.get(name);
        }

        int[] of(List<Node> nodes) {
            return nodes.stream().mapToInt(n -> index.get(n.name())).toArray();
        }

        String name(int slot) {
            return slot == Partitioner.ROUND_ROBIN ? Placement.ROUND_ROBIN : names.get(slot);
        }

        String color(int slot) {
            return RingPicture.color(slot);
        }

        int pair(int from, int to) {
            return pairIndex.computeIfAbsent(((long) from << 32) | (to & 0xffffffffL), k -> {
                pairs.add(new int[] {from, to});
                return pairs.size() - 1;
            });
        }
    }

    /** The canvas, filled from the top: each call places its part below the last one. */
    private static final class Sheet {
        private final List<Label> labels = new ArrayList<>();
        private final StringBuilder body = new StringBuilder();
        private final double cx = WIDTH / 2;
        private double y = MARGIN;
        private double cy;
        private double outer;
        private Label marker;

        int cols(double size) {
            return PictureText.columnsIn(WIDTH - 2 * MARGIN, size);
        }

        /** A line of text below what is there. */
        private Label line(double x, double size, Anchor anchor, String text, String fill) {
            double base = y + PictureText.ASCENT * size;
            Label l = label(x, base, size, anchor, text, fill);
            y = base + PictureText.DESCENT * size + LEAD;
            return l;
        }

        private Label label(double x, double base, double size, Anchor anchor, String text, String fill) {
            Label l = new Label(x, base, size, anchor, text, fill);
            labels.add(l);
            body.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(base)).append('"');
            if (anchor != Anchor.START) {
                body.append(" text-anchor=\"").append(anchor.svg()).append('"');
            }
            if (size != TEXT) {
                body.append(" font-size=\"").append(num(size)).append('"');
            }
            body.append(" fill=\"").append(fill).append("\">").append(PictureText.escape(text)).append("</text>\n");
            return l;
        }

        void heading(String title, String subtitle) {
            line(cx, TITLE, Anchor.MIDDLE, PictureText.fit(title, cols(TITLE)), INK);
            line(cx, TEXT, Anchor.MIDDLE, PictureText.fit(subtitle, cols(TEXT)), GREY);
        }

        /** Room for the 0 marker and a ring whose outermost band ends at radius {@code outer}. */
        void ring(double outer) {
            this.outer = outer;
            y += 4;
            double markerTop = y;
            cy = markerTop + PictureText.ASCENT * SMALL + PictureText.DESCENT * SMALL + 14 + outer;
            y = cy + outer + 18;
        }

        /** "0" above the top of the outermost band, with a tick down to it. */
        void marker() {
            double tickBottom = cy - outer - 3;
            double base = tickBottom - 11 - PictureText.DESCENT * SMALL;
            body.append("<path d=\"M").append(num(cx)).append(' ').append(num(tickBottom)).append("V")
                    .append(num(tickBottom - 9)).append("\" stroke=\"#333\" stroke-width=\"2\"/>\n");
            marker = label(cx, base, SMALL, Anchor.MIDDLE, "0", "#333");
        }

        /** Two lines in the ring's hole. */
        void centre(String big, String small) {
            double room = 2 * Math.sqrt(R_IN * R_IN - 24 * 24) - 8;
            label(cx, cy - 3, CENTRE, Anchor.MIDDLE, PictureText.fit(big, PictureText.columnsIn(room, CENTRE)), INK);
            label(cx, cy + 17, TEXT, Anchor.MIDDLE, PictureText.fit(small, PictureText.columnsIn(room, TEXT)), GREY);
        }

        void band(Band band, double r, double width, IntFunction<String> color, IntFunction<String> name) {
            body.append("<g fill=\"none\" stroke-width=\"").append(num(width)).append("\">\n");
            List<Band.Arc> arcs = band.arcs();
            if (arcs.size() == 1 && arcs.get(0).end() - arcs.get(0).start() >= 1 - 1e-12) {
                Band.Arc a = arcs.get(0);
                body.append("<circle cx=\"").append(num(cx)).append("\" cy=\"").append(num(cy)).append("\" r=\"")
                        .append(num(r)).append('"');
                end(color.apply(a.key()), a.opacity(), name.apply(a.key()), "circle");
            } else if (band.exact()) {
                for (Band.Arc a : arcs) {
                    body.append("<path d=\"").append(arc(a, r)).append('"');
                    end(color.apply(a.key()), 1, name.apply(a.key()) + ": " + Unsigned.toBigInteger(a.first())
                            + " to " + Unsigned.toBigInteger(a.last()) + " ("
                            + Unsigned.toBigInteger(a.last() - a.first()).add(BigInteger.ONE) + " hashes)", "path");
                }
            } else {
                // One path per colour and opacity, each arc a subpath of it: a few bytes an arc.
                Map<String, StringBuilder> paths = new LinkedHashMap<>();
                Map<String, Band.Arc> first = new HashMap<>();
                for (Band.Arc a : arcs) {
                    String k = a.key() + "/" + a.opacity();
                    paths.computeIfAbsent(k, x -> new StringBuilder()).append(arc(a, r));
                    first.putIfAbsent(k, a);
                }
                paths.forEach((k, d) -> {
                    Band.Arc a = first.get(k);
                    body.append("<path d=\"").append(d).append('"');
                    end(color.apply(a.key()), a.opacity(), name.apply(a.key()), "path");
                });
            }
            body.append("</g>\n");
        }

        /** Closes a shape's start tag with its stroke and gives it a tooltip. */
        private void end(String stroke, double opacity, String title, String tag) {
            body.append(" stroke=\"").append(stroke).append('"');
            if (opacity < 1) {
                body.append(" stroke-opacity=\"").append(num(opacity)).append('"');
            }
            body.append("><title>").append(PictureText.escape(title)).append("</title></").append(tag).append(">\n");
        }

        /** An arc's path data: from its start round to its end, clockwise. */
        private String arc(Band.Arc a, double r) {
            double a0 = 2 * Math.PI * a.start();
            double a1 = 2 * Math.PI * a.end();
            return "M" + num(x(a0, r)) + " " + num(y(a0, r)) + "A" + num(r) + " " + num(r) + " 0 "
                    + (a1 - a0 > Math.PI ? 1 : 0) + " 1 " + num(x(a1, r)) + " " + num(y(a1, r));
        }

        /**
         * A white line across the ring where each partition starts, when the ring's arcs are drawn as they are and
         * there are few enough partitions to see; whether it drew them.
         */
        boolean ticks(IntervalMap map, Band band) {
            if (!band.exact() || map.rows() > Band.MAX_ARCS) {
                return false;
            }
            StringBuilder d = new StringBuilder();
            double size = Math.scalb(1.0, map.bits());
            for (int i = wraps(map) ? 1 : 0; i < map.rows(); i++) {
                long p = map.start(i);
                double a = 2 * Math.PI * (p >= 0 ? p : (p >>> 1) * 2.0 + (p & 1)) / size;
                d.append('M').append(num(x(a, R_IN))).append(' ').append(num(y(a, R_IN))).append('L')
                        .append(num(x(a, R_OUT))).append(' ').append(num(y(a, R_OUT)));
            }
            body.append("<path d=\"").append(d).append("\" stroke=\"white\" stroke-width=\"1\"/>\n");
            return true;
        }

        /** Swatches and texts in as many columns as the widest fits. */
        void legend(List<String[]> entries) {
            int shown = entries.size() > MAX_NODES + 1 ? MAX_NODES : entries.size();
            int textCols = cols(TEXT) - 3;
            double widest = 0;
            for (String[] e : entries.subList(0, shown)) {
                e[1] = PictureText.fit(e[1], textCols);
                widest = Math.max(widest, PictureText.width(e[1], TEXT));
            }
            double column = 19 + widest + 20;
            int perRow = Math.max(1, (int) ((WIDTH - 2 * MARGIN + 20) / column));
            for (int i = 0; i < shown; i += perRow) {
                double base = y + PictureText.ASCENT * TEXT;
                for (int j = i; j < Math.min(shown, i + perRow); j++) {
                    double x = MARGIN + (j - i) * column;
                    swatch(x, base - 10.5, 12, 12, entries.get(j)[0]);
                    label(x + 19, base, TEXT, Anchor.START, entries.get(j)[1], INK);
                }
                y = base + PictureText.DESCENT * TEXT + LEAD + 2;
            }
            if (shown < entries.size()) {
                line(MARGIN, TEXT, Anchor.START, "… and " + (entries.size() - shown) + " more nodes", GREY);
            }
        }

        /** What moves in all, then each flow: a swatch of its two stripes and its figures. */
        void flows(Rebalance r, Slots slots) {
            y += 6;
            if (r.flows().isEmpty()) {
                line(MARGIN, TEXT, Anchor.START, "Nothing moves.", INK);
                return;
            }
            line(MARGIN, TEXT, Anchor.START, PictureText.fit("What moves: " + r.moved() + " of " + r.total()
                    + " hashes (" + RingText.percent(r.movedShare()) + ")", cols(TEXT)), INK);
            int shown = r.flows().size() > MAX_FLOWS + 1 ? MAX_FLOWS : r.flows().size();
            for (Rebalance.Flow f : r.flows().subList(0, shown)) {
                double base = y + PictureText.ASCENT * TEXT;
                swatch(MARGIN, base - 11, 24, 6, slots.color(slots.slot(f.to())));
                swatch(MARGIN, base - 5, 24, 6, slots.color(slots.slot(f.from())));
                String text = PictureText.fit(f.from(), FLOW_NAME_COLS) + " → " + PictureText.fit(f.to(),
                        FLOW_NAME_COLS) + " " + f.amount() + " hashes (" + RingText.percent(r.shareOf(f)) + ")";
                label(MARGIN + 32, base, TEXT, Anchor.START, PictureText.fit(text, cols(TEXT) - 5), INK);
                y = base + PictureText.DESCENT * TEXT + LEAD + 2;
            }
            if (shown < r.flows().size()) {
                BigInteger rest = BigInteger.ZERO;
                for (Rebalance.Flow f : r.flows().subList(shown, r.flows().size())) {
                    rest = rest.add(f.amount());
                }
                line(MARGIN, TEXT, Anchor.START, "… and " + (r.flows().size() - shown) + " more flows: " + rest
                        + " hashes (" + RingText.percent(LoadStats.ratio(rest, r.total())) + ")", GREY);
            }
        }

        private void swatch(double x, double top, double w, double h, String fill) {
            body.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(top)).append("\" width=\"")
                    .append(num(w)).append("\" height=\"").append(num(h)).append("\" fill=\"").append(fill)
                    .append("\"/>\n");
        }

        void caption(String text) {
            y += 6;
            for (String l : PictureText.wrap(text, cols(SMALL))) {
                line(MARGIN, SMALL, Anchor.START, l, GREY);
            }
        }

        Drawing done() {
            double height = Math.ceil(y - LEAD + MARGIN);
            String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(WIDTH) + "\" height=\""
                    + num(height) + "\" viewBox=\"0 0 " + num(WIDTH) + " " + num(height) + "\" font-family=\""
                    + PictureText.FONT + "\" font-size=\"" + num(TEXT) + "\">\n"
                    + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n" + body + "</svg>\n";
            return new Drawing(svg, WIDTH, height, List.copyOf(labels), marker, cx, cy, outer);
        }

        private double x(double a, double r) {
            return cx + r * Math.sin(a);
        }

        private double y(double a, double r) {
            return cy - r * Math.cos(a);
        }
    }

    /** A coordinate with at most two decimals and no trailing zeros. */
    private static String num(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        if (s.endsWith("00")) {
            s = s.substring(0, s.length() - 3);
        } else if (s.endsWith("0")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.equals("-0") ? "0" : s;
    }
}
