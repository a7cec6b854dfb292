package dev.whale.cli.ring;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code whale ring}: consistent hashing and partitioning. */
@Command(name = "ring", mixinStandardHelpOptions = true,
        description = "Partitioning and consistent hashing: the post's demo, routing tables, placement as nginx, "
                + "ketama, HAProxy, Guava and Envoy do it, rebalancing costs and pictures.",
        subcommands = {DemoCommand.class, TableCommand.class, LocateCommand.class, RebalanceCommand.class,
                BalanceCommand.class, PlotCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale ring demo --nodes 2 --partitions 5",
                "  ./whale ring rebalance --from 2 --to 3",
                "  ./whale ring locate key0 key1 --profile ketama --servers 10.0.0.1:11211,10.0.0.2:11211"})
public final class RingCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
