package dev.whale.cli.ring;

import dev.whale.cli.AtomicFiles;
import dev.whale.cli.Errors;
import dev.whale.ring.IntervalMap;
import dev.whale.ring.Partitioner;
import dev.whale.ring.Rebalance;
import dev.whale.ring.RingPicture;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code whale ring plot}: the ring as an SVG picture. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {"Draw the ring as an SVG circle, partitions coloured by node. With --from and --to it "
                + "draws the ring after the change and, outside it, each stretch that moves in two stripes: the "
                + "node it leaves and the node it joins; a legend gives each flow's figures, as ring rebalance does."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale ring plot --nodes 3 --out ring.svg",
                "  ./whale ring plot --from 2 --to 3 --out rebalance.svg",
                "  ./whale ring plot --profile nginx --servers 10.0.0.1:80,10.0.0.2:80=2 --out nginx.svg"})
final class PlotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PartitionerOptions how;

    @Option(names = {"--nodes", "--servers"}, paramLabel = "SPEC", defaultValue = "3",
            description = "The nodes to draw: a count, names with optional weights, or @FILE "
                    + "(default: ${DEFAULT-VALUE}).")
    String nodes;

    @Option(names = "--from", paramLabel = "SPEC", description = "Draw a rebalance: the nodes before.")
    String from;

    @Option(names = "--to", paramLabel = "SPEC", description = "Draw a rebalance: the nodes after.")
    String to;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "The SVG file to write.")
    Path out;

    @Override
    public Integer call() {
        if ((from == null) != (to == null)) {
            throw new Errors.UsageException("a rebalance picture needs both --from and --to");
        }
        String svg;
        if (from != null) {
            Partitioner a = how.build(NodeSpecs.parse(from), 1);
            Partitioner b = how.build(NodeSpecs.parse(to), 1);
            IntervalMap before = intervals(a);
            IntervalMap after = intervals(b);
            // Two maps of one space: exact, and so the same figures as ring rebalance; no key is sampled.
            svg = RingPicture.rebalance(before, after, Rebalance.between(a, b, List.of()), how.describe(a));
        } else {
            Partitioner p = how.build(NodeSpecs.parse(nodes), 1);
            svg = RingPicture.ring(intervals(p), how.describe(p));
        }
        AtomicFiles.write(out, svg, false);
        spec.commandLine().getOut().println("wrote " + out);
        return 0;
    }

    private IntervalMap intervals(Partitioner p) {
        if (p.spaceMap().orElse(null) instanceof IntervalMap m) {
            return m;
        }
        throw new Errors.UsageException("only rings and range partitioning can be drawn as a ring; "
                + (how.isProfile() ? "profile " + how.profile : "strategy " + how.strategy) + " has no arcs");
    }
}
