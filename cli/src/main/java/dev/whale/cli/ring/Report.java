package dev.whale.cli.ring;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.whale.ring.LoadStats;
import dev.whale.ring.Node;
import dev.whale.ring.RoutingRow;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

/** Text and JSON pieces shared by the ring commands. */
final class Report {
    private Report() {}

    static String pct(double share) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * share);
    }

    static int width(List<BigInteger> values, int min) {
        int w = min;
        for (BigInteger v : values) {
            w = Math.max(w, v.toString().length());
        }
        return w;
    }

    /** A routing table: min hash, arrow, partition, served hashes, aligned. */
    static void table(PrintWriter out, List<RoutingRow> rows, BigInteger spaceMax) {
        int hw = spaceMax.toString().length();
        int sw = width(rows.stream().map(RoutingRow::served).toList(), 1);
        int pw = rows.stream().mapToInt(r -> r.partition().length()).max().orElse(1);
        for (RoutingRow r : rows) {
            out.printf(Locale.ROOT, "%" + hw + "s --> %-" + pw + "s (%" + sw + "s hashes)%n", r.minHash(),
                    r.partition(), r.served());
        }
    }

    /** Per-node load and the balance summary. */
    static void stats(PrintWriter out, LoadStats s, String unit) {
        int nw = s.nodes().stream().mapToInt(n -> n.node().length()).max().orElse(1);
        int sw = width(s.nodes().stream().map(LoadStats.NodeShare::served).toList(), 1);
        for (LoadStats.NodeShare n : s.nodes()) {
            out.printf(Locale.ROOT, "%-" + nw + "s %" + sw + "s %7s%s%n", n.node(), n.served(), pct(n.share()),
                    n.weight() == 1 ? "" : "  weight " + n.weight());
        }
        if (s.roundRobin().signum() > 0) {
            out.printf(Locale.ROOT, "%-" + nw + "s %" + sw + "s%n", "(round-robin)", s.roundRobin());
        }
        out.printf(Locale.ROOT, "%nTOTAL %s: %s (%s)%n", unit.toUpperCase(Locale.ROOT), s.total(),
                s.exact() ? "exact, the whole space" : "sampled");
        out.printf(Locale.ROOT, "max/mean %.4f, standard deviation %s of a fair share%n", s.maxOverMean(),
                pct(s.relativeStdDev()));
    }

    static String nodeList(List<Node> nodes) {
        if (nodes.size() <= 6) {
            return String.join(", ", nodes.stream().map(Node::toString).toList());
        }
        return nodes.get(0) + ", " + nodes.get(1) + ", …, " + nodes.get(nodes.size() - 1) + " (" + nodes.size()
                + " nodes)";
    }

    static JsonGenerator json(PrintWriter out) {
        return dev.whale.cli.Json.pretty(out);
    }

    static void jsonStats(JsonGenerator g, String field, LoadStats s) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeBooleanField("exact", s.exact());
        g.writeFieldName("total");
        g.writeNumber(s.total());
        g.writeNumberField("max_over_mean", s.maxOverMean());
        g.writeNumberField("relative_stddev", s.relativeStdDev());
        g.writeArrayFieldStart("nodes");
        for (LoadStats.NodeShare n : s.nodes()) {
            g.writeStartObject();
            g.writeStringField("node", n.node());
            g.writeNumberField("weight", n.weight());
            g.writeFieldName("served");
            g.writeNumber(n.served());
            g.writeNumberField("share", n.share());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static void jsonRows(JsonGenerator g, String field, List<RoutingRow> rows) throws IOException {
        g.writeArrayFieldStart(field);
        for (RoutingRow r : rows) {
            g.writeStartObject();
            g.writeFieldName("min_hash");
            g.writeNumber(r.minHash());
            g.writeStringField("partition", r.partition());
            g.writeStringField("node", r.node());
            g.writeFieldName("served");
            g.writeNumber(r.served());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
    static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
