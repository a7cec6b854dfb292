package dev.whale.ring;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a routing table as an SVG ring: the space runs clockwise from the top, each node's arcs in its colour, a
 * tick at every partition start when there are few enough to see. Given a second table, an outer band shows the
 * stretches that move, in the colour of the node that receives them.
 */
public final class RingPicture {
    private static final double SIZE = 640;
    private static final double CX = 320;
    private static final double CY = 310;
    private static final double R_OUT = 220;
    private static final double R_IN = 160;
    private static final double MOVE_IN = 228;
    private static final double MOVE_OUT = 252;
    private static final int MAX_TICKS = 2000;

    private RingPicture() {}

    /** The ring of {@code map}, titled {@code title}. */
    public static String svg(IntervalMap map, String title) {
        return draw(map, null, title);
    }

    /** The ring after a change, with the stretches that moved from {@code before} drawn outside it. */
    public static String svg(IntervalMap before, IntervalMap after, String title) {
        return draw(after, before, title);
    }

    private static String draw(IntervalMap map, IntervalMap before, String title) {
        List<String> names = new ArrayList<>(map.nodes().stream().map(Node::name).toList());
        StringBuilder svg = new StringBuilder();
        double height = SIZE + 24 * Math.ceil(names.size() / 3.0);
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
                + "height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" font-size=\"13\">\n",
                SIZE, height, SIZE, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        // A setup in parentheses goes on a second, smaller line so that long titles fit.
        int paren = title.indexOf(" (");
        String head = paren < 0 ? title : title.substring(0, paren);
        svg.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"24\" text-anchor=\"middle\" font-size=\"16\">%s"
                + "</text>\n", CX, escape(head)));
        if (paren >= 0) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"44\" text-anchor=\"middle\" fill=\"#555\">"
                    + "%s</text>\n", CX, escape(title.substring(paren + 2, title.length() - 1))));
        }
        BigInteger size = map.size();
        // One arc per run of rows with the same owner: the simplified table.
        int i = 0;
        while (i < map.rows()) {
            int j = i;
            while (j + 1 < map.rows() && map.owner(j + 1) == map.owner(i)) {
                j++;
            }
            BigInteger end = j + 1 < map.rows() ? Unsigned.toBigInteger(map.start(j + 1)) : size;
            band(svg, Unsigned.toBigInteger(map.start(i)), end, size, R_IN, R_OUT, color(map.owner(i)),
                    names, map.owner(i));
            i = j + 1;
        }
        if (map.rows() <= MAX_TICKS) {
            for (int r = 0; r < map.rows(); r++) {
                double a = angle(Unsigned.toBigInteger(map.start(r)), size);
                svg.append(String.format(Locale.ROOT, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" "
                        + "stroke=\"white\" stroke-width=\"1\"/>\n", x(a, R_IN), y(a, R_IN), x(a, R_OUT), y(a, R_OUT)));
            }
        }
        if (before != null) {
            List<BigInteger[]> moved = new ArrayList<>();
            List<Integer> to = new ArrayList<>();
            IntervalMap.overlay(before, map, (first, len, a, b) -> {
                String from = a == Partitioner.ROUND_ROBIN ? "" : before.nodes().get(a).name();
                String dest = b == Partitioner.ROUND_ROBIN ? "" : map.nodes().get(b).name();
                if (!from.equals(dest)) {
                    BigInteger s = Unsigned.toBigInteger(first);
                    moved.add(new BigInteger[] {s, s.add(Unsigned.toBigInteger(len)).add(BigInteger.ONE)});
                    to.add(b);
                }
            });
            for (int m = 0; m < moved.size(); m++) {
                band(svg, moved.get(m)[0], moved.get(m)[1], size, MOVE_IN, MOVE_OUT, color(to.get(m)), names,
                        to.get(m));
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\" fill=\"#555\">"
                    + "outer band: what moves, coloured by its new node</text>\n", CX, CY + R_OUT + 60));
        }
        LoadStats stats = LoadStats.of(map);
        for (int n = 0; n < names.size(); n++) {
            double lx = 40 + (n % 3) * 200;
            double ly = SIZE - 40 + 24 * (n / 3);
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.0f\" y=\"%.0f\" width=\"14\" height=\"14\" "
                    + "fill=\"%s\"/>\n", lx, ly - 12, color(n)));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%.0f\">%s %.2f%%</text>\n", lx + 20, ly,
                    escape(names.get(n)), 100 * stats.nodes().get(n).share()));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\" fill=\"#555\">0</text>"
                + "\n", CX, CY - R_OUT - 26));
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void band(StringBuilder svg, BigInteger from, BigInteger to, BigInteger size, double rIn,
                             double rOut, String fill, List<String> names, int owner) {
        double a0 = angle(from, size);
        double a1 = angle(to, size);
        String title = owner == Partitioner.ROUND_ROBIN ? Placement.ROUND_ROBIN : names.get(owner);
        if (a1 - a0 >= 2 * Math.PI - 1e-9) {
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.0f\" cy=\"%.0f\" r=\"%.1f\" fill=\"none\" "
                    + "stroke=\"%s\" stroke-width=\"%.1f\"><title>%s</title></circle>\n", CX, CY, (rIn + rOut) / 2,
                    fill, rOut - rIn, escape(title)));
            return;
        }
        int large = a1 - a0 > Math.PI ? 1 : 0;
        svg.append(String.format(Locale.ROOT, "<path d=\"M%.2f %.2fA%.1f %.1f 0 %d 1 %.2f %.2fL%.2f %.2fA%.1f %.1f "
                        + "0 %d 0 %.2f %.2fZ\" fill=\"%s\"><title>%s %s..%s</title></path>\n",
                x(a0, rOut), y(a0, rOut), rOut, rOut, large, x(a1, rOut), y(a1, rOut), x(a1, rIn), y(a1, rIn), rIn,
                rIn, large, x(a0, rIn), y(a0, rIn), fill, escape(title), from, to.subtract(BigInteger.ONE)));
    }

    private static double angle(BigInteger pos, BigInteger size) {
        return 2 * Math.PI * LoadStats.ratio(pos, size);
    }

    private static double x(double a, double r) {
        return CX + r * Math.sin(a);
    }

    private static double y(double a, double r) {
        return CY - r * Math.cos(a);
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

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
