package dev.whale.cli.ring;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.whale.ring.Keys;
import dev.whale.ring.Node;
import dev.whale.ring.Partitioner;
import dev.whale.ring.Rebalance;
import dev.whale.ring.RingText;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code whale ring rebalance}: what moves when the cluster changes. */
@Command(name = "rebalance", mixinStandardHelpOptions = true,
        description = {"Show what moves when the nodes change: the share of the space (or of the keys) that "
                + "changes node, and the flows from node to node.",
                "Exact over the whole space for rings, range, modulo and Maglev; over --keys keys otherwise."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale ring rebalance --from 2 --to 3                          # the post: 84970214 hashes move",
                "  ./whale ring rebalance --from 16 --to 17 --strategy range --hash crc32   # the ripple: 50%%",
                "  ./whale ring rebalance --from 10 --to 11 --strategy jump --hash xxh64"})
final class RebalanceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PartitionerOptions how;

    @Option(names = "--from", required = true, paramLabel = "SPEC", description = "The nodes before: a count, "
            + "names with optional weights, or @FILE.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "SPEC", description = "The nodes after.")
    String to;

    @Option(names = "--keys", paramLabel = "N", defaultValue = "100000",
            description = "Keys to sample when the change cannot be computed exactly (default: ${DEFAULT-VALUE}).")
    int keys;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json.")
    Format format;

    @Override
    public Integer call() throws IOException {
        List<Node> before = NodeSpecs.parse(from);
        List<Node> after = NodeSpecs.parse(to);
        Partitioner a = how.build(before, keys);
        Partitioner b = how.build(after, keys);
        Rebalance r = Rebalance.between(a, b, Keys.generated("key-", keys));
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            try (JsonGenerator g = JsonReport.json(out)) {
                g.writeStartObject();
                g.writeStringField("setup", how.describe(a));
                g.writeBooleanField("exact", r.exact());
                g.writeFieldName("moved");
                g.writeNumber(r.moved());
                g.writeFieldName("total");
                g.writeNumber(r.total());
                g.writeNumberField("moved_share", r.movedShare());
                g.writeArrayFieldStart("flows");
                for (Rebalance.Flow f : r.flows()) {
                    g.writeStartObject();
                    g.writeStringField("from", f.from());
                    g.writeStringField("to", f.to());
                    g.writeFieldName("amount");
                    g.writeNumber(f.amount());
                    g.writeEndObject();
                }
                g.writeEndArray();
                JsonReport.jsonStats(g, "before", r.before());
                JsonReport.jsonStats(g, "after", r.after());
                g.writeEndObject();
            }
            out.println();
            return 0;
        }
        out.print(RingText.rebalance(how.describe(a), before, after, r));
        return 0;
    }
}
