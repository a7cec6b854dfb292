package dev.whale.cli.ring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code whale ring}: consistent hashing and partitioning. */
@Command(name = "ring", mixinStandardHelpOptions = true,
        description = "Partitioning and consistent hashing: the post's demo, routing tables, placement as nginx, "
                + "ketama, HAProxy, Guava and Envoy do it, rebalancing costs and pictures.",
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale ring demo --nodes 2 --partitions 5",
                "  ./whale ring rebalance --from 2 --to 3",
                "  ./whale ring locate key0 key1 --profile ketama --servers 10.0.0.1:11211,10.0.0.2:11211"})
public final class RingCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** The ring commands by name, in the order help lists them. */
    public static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("demo", DemoCommand::new);
        m.put("table", TableCommand::new);
        m.put("locate", LocateCommand::new);
        m.put("rebalance", RebalanceCommand::new);
        m.put("balance", BalanceCommand::new);
        m.put("plot", PlotCommand::new);
        return m;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
