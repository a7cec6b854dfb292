package dev.whale.cli.ring;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.whale.ring.Balance;
import dev.whale.ring.Node;
import dev.whale.ring.Partitioning;
import dev.whale.ring.RingText;
import dev.whale.ring.Strategy;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code whale ring balance}: how evenly a strategy spreads load, over several trials. */
@Command(name = "balance", mixinStandardHelpOptions = true,
        description = {"Measure how evenly a strategy spreads the space over N nodes: the busiest node over a fair "
                + "share (max/mean), the standard deviation of the shares, and each node's share.",
                "Each trial renames the nodes (NAME#t), which moves every ring point; sampled strategies draw new "
                        + "keys."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale ring balance --nodes 5 --vnodes 3000            # the post: within about 1%%",
                "  ./whale ring balance --nodes 10 --vnodes 160 --hash xxh64 --trials 20",
                "  ./whale ring balance --profile haproxy --nodes 10 --trials 20"})
final class BalanceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PartitionerOptions how;

    @Option(names = {"--nodes", "--servers"}, paramLabel = "SPEC", defaultValue = "10",
            description = "A count, names with optional weights, or @FILE (default: ${DEFAULT-VALUE}).")
    String nodes;

    @Option(names = "--trials", paramLabel = "T", defaultValue = "10",
            description = "Trials (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--keys", paramLabel = "N", defaultValue = "100000",
            description = "Keys per trial where the space cannot be computed exactly (default: ${DEFAULT-VALUE}).")
    int keys;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json.")
    Format format;

    @Override
    public Integer call() throws IOException {
        List<Node> ns = NodeSpecs.parse(nodes);
        Progress progress = new Progress(spec.commandLine().getErr(), "trial", trials);
        int[] done = {0};
        Balance b = Balance.run(ns, trials, keys, renamed -> {
            progress.update(++done[0]);
            return how.build(renamed, keys);
        });
        progress.finish();
        PrintWriter out = spec.commandLine().getOut();
        String setup = how.describe(how.build(ns, keys));
        Double theory = theory(ns);
        if (format == Format.json) {
            try (JsonGenerator g = JsonReport.json(out)) {
                g.writeStartObject();
                g.writeStringField("setup", setup);
                g.writeNumberField("trials", b.trials());
                g.writeBooleanField("exact", b.exact());
                g.writeNumberField("mean_max_over_mean", b.meanMaxOverMean());
                g.writeNumberField("worst_max_over_mean", b.worstMaxOverMean());
                g.writeNumberField("mean_relative_stddev", b.meanRelativeStdDev());
                if (theory != null) {
                    g.writeNumberField("theory_relative_stddev", theory);
                }
                JsonReport.jsonStats(g, "first_trial", b.first());
                g.writeEndObject();
            }
            out.println();
            return 0;
        }
        out.print(RingText.balance(setup, ns, b, keys, theory));
        return 0;
    }

    /** sqrt((n-1)/(n·v+1)) for the post's ring with equal weights; null for other setups. */
    private Double theory(List<Node> ns) {
        if (how.isProfile() || Strategy.of(how.strategy) != Strategy.RING
                || !ns.stream().allMatch(n -> n.weight() == 1)) {
            return null;
        }
        return Balance.ringTheory(ns.size(), how.vnodes == null ? Partitioning.DEFAULT_VNODES : how.vnodes);
    }
}
