package dev.whale.cli.ring;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.whale.cli.Json;
import dev.whale.ring.LoadStats;
import dev.whale.ring.RingText;
import dev.whale.ring.RoutingRow;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/** The JSON pieces shared by the ring commands; their text comes from {@link RingText}. */
final class JsonReport {
    private JsonReport() {}

    static JsonGenerator json(PrintWriter out) {
        return Json.pretty(out);
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
}
