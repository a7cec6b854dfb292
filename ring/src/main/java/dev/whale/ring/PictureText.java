package dev.whale.ring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Text as a monospace font sets it: every character one advance wide (two for East Asian wide characters and
 * emoji), so that a picture can keep its labels apart without asking a renderer how wide they come out.
 */
final class PictureText {
    /** Fonts whose advance is at most {@link #ADVANCE} of the size: DejaVu Sans Mono, Menlo, Consolas, Courier. */
    static final String FONT = "DejaVu Sans Mono, Menlo, Consolas, Liberation Mono, Courier New, monospace";
    /** A column's width over the font size: 0.60 in DejaVu Sans Mono, Menlo and Courier, 0.55 in Consolas. */
    static final double ADVANCE = 0.62;
    /** How far a line's ink may reach above its baseline and below it, over the font size. */
    static final double ASCENT = 0.95;
    static final double DESCENT = 0.25;
    /** The columns a node name is cut to when a list of full names does not fit. */
    static final int SHORT_NAME = 20;

    private PictureText() {}

    /** Where a label's x is: its left end, its middle or its right end (SVG's text-anchor). */
    enum Anchor {
        START, MIDDLE, END;

        String svg() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A box on the canvas, in pixels. */
    record Box(double left, double top, double right, double bottom) {
        boolean overlaps(Box o) {
            return left < o.right && o.left < right && top < o.bottom && o.top < bottom;
        }

        boolean inside(double width, double height) {
            return left >= 0 && top >= 0 && right <= width && bottom <= height;
        }
    }

    /** One line of text at baseline {@code y}. */
    record Label(double x, double y, double size, Anchor anchor, String text, String fill) {
        Box box() {
            double w = width(text, size);
            double left = switch (anchor) {
                case START -> x;
                case MIDDLE -> x - w / 2;
                case END -> x - w;
            };
            return new Box(left, y - ASCENT * size, left + w, y + DESCENT * size);
        }
    }

    /** The columns that {@code s} takes. */
    static int columns(String s) {
        int cols = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            cols += wide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return cols;
    }

    static double width(String s, double size) {
        return columns(s) * ADVANCE * size;
    }

    /** How many columns fit in {@code pixels} at {@code size}. */
    static int columnsIn(double pixels, double size) {
        return (int) Math.floor(pixels / (ADVANCE * size));
    }

    /** {@code s}, cut and ended with an ellipsis when it takes more than {@code cols} columns. */
    static String fit(String s, int cols) {
        if (columns(s) <= cols) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int w = wide(cp) ? 2 : 1;
            if (used + w > cols - 1) {
                break;
            }
            out.appendCodePoint(cp);
            used += w;
            i += Character.charCount(cp);
        }
        return out.append('…').toString();
    }

    /** {@code text} broken at spaces into lines of at most {@code cols} columns; a longer word is cut. */
    static List<String> wrap(String text, int cols) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            if (line.length() > 0 && columns(line + " " + word) > cols) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines.stream().map(l -> fit(l, cols)).toList();
    }

    /**
     * The nodes by name within {@code cols} columns: all of them, else the first few, an ellipsis, the last and the
     * count; with each name cut to {@value #SHORT_NAME} columns if that is what it takes; else the count alone.
     */
    static String nodeList(List<Node> nodes, int cols) {
        for (int nameCols : new int[] {Integer.MAX_VALUE, SHORT_NAME}) {
            List<String> names = nodes.stream().map(n -> fit(n.toString(), nameCols)).toList();
            String all = String.join(", ", names);
            if (columns(all) <= cols) {
                return all;
            }
            String tail = ", …, " + names.get(names.size() - 1) + " (" + names.size() + " nodes)";
            for (int k = names.size() - 2; k >= 1; k--) {
                String head = String.join(", ", names.subList(0, k));
                if (columns(head + tail) <= cols) {
                    return head + tail;
                }
            }
        }
        return fit(nodes.size() == 1 ? fit(nodes.get(0).toString(), cols) : nodes.size() + " nodes", cols);
    }

    /** East Asian wide and fullwidth characters, and emoji: two columns in a monospace font. */
    private static boolean wide(int cp) {
        return cp >= 0x1100 && cp <= 0x115F || cp >= 0x2E80 && cp <= 0xA4CF || cp >= 0xAC00 && cp <= 0xD7A3
                || cp >= 0xF900 && cp <= 0xFAFF || cp >= 0xFE30 && cp <= 0xFE4F || cp >= 0xFF00 && cp <= 0xFF60
                || cp >= 0xFFE0 && cp <= 0xFFE6 || cp >= 0x1F000 && cp <= 0x1FAFF || cp >= 0x20000 && cp <= 0x3FFFD;
    }

    /** {@code s} escaped for XML text and attribute values. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
