package dev.whale.cli.ring;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.whale.ring.IntervalMap;
import dev.whale.ring.Keys;
import dev.whale.ring.LoadStats;
import dev.whale.ring.Node;
import dev.whale.ring.Partitioner;
import dev.whale.ring.RingText;
import dev.whale.ring.SpaceMap;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code whale ring table}: the routing table, simplified table and per-node stats, computed over the whole space. */
@Command(name = "table", mixinStandardHelpOptions = true,
        description = {"Print the full routing table (min hash, partition, hashes served), the simplified table "
                + "(consecutive partitions of a node merged) and each node's share.",
                "Rings and range partitioning are computed exactly over the whole hash space; modulo and Maglev "
                        + "exactly over residues; jump, rendezvous, Guava and bounded loads over --keys keys."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale ring table --nodes 2 --vnodes 5",
                "  ./whale ring table --nodes a=2,b,c --hash xxh64 --vnodes 160 --format json",
                "  ./whale ring table --profile nginx --servers @upstream.txt --format csv"})
final class TableCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PartitionerOptions how;

    @Option(names = {"--nodes", "--servers"}, paramLabel = "SPEC", defaultValue = "3",
            description = "A count (3: server-a, server-b, server-c), names with optional weights (a=2,b,c), or "
                    + "@FILE with one per line (default: ${DEFAULT-VALUE}).")
    String nodes;

    @Option(names = "--keys", paramLabel = "N", defaultValue = "100000",
            description = "Keys to sample where the space cannot be computed exactly (default: ${DEFAULT-VALUE}).")
    int keys;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json or csv (csv: the full table, or the stats when there is no table).")
    Format format;

    @Override
    public Integer call() throws IOException {
        List<Node> ns = NodeSpecs.parse(nodes);
        // Text and JSON hold the simplified table while they write the full one; CSV writes only the full one.
        Partitioner p = how.build(ns, keys, format != Format.csv);
        Optional<SpaceMap> map = p.spaceMap();
        LoadStats stats = LoadStats.of(p, Keys.generated("key-", keys));
        PrintWriter out = spec.commandLine().getOut();
        IntervalMap table = map.filter(IntervalMap.class::isInstance).map(IntervalMap.class::cast).orElse(null);
        switch (format) {
            case text -> RingText.table(how.describe(p), ns, p, stats, keys, out);
            case csv -> RingText.tableCsv(p, stats, out);
            case json -> {
                try (JsonGenerator g = JsonReport.json(out)) {
                    g.writeStartObject();
                    g.writeStringField("setup", how.describe(p));
                    g.writeNumberField("bits", p.hash().positionBits());
                    if (table != null) {
                        JsonReport.jsonRows(g, "table", table.table());
                        JsonReport.jsonRows(g, "simplified", table.simplified());
                    }
                    JsonReport.jsonStats(g, "stats", stats);
                    g.writeEndObject();
                }
                out.println();
            }
        }
        return 0;
    }
}
