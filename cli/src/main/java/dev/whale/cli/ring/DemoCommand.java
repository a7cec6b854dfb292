package dev.whale.cli.ring;

import dev.whale.ring.Demo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code whale ring demo}: the post's consistent_hashing_demo.py, byte for byte. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Print the post's routing tables for N nodes with P partitions each, exactly as its "
                + "consistent_hashing_demo.py does, quirks included: the space ends at 0xFFFFFFF.",
                "The other ring commands use the whole 2^28 space."},
        footerHeading = "%nExample:%n",
        footer = {"  ./whale ring demo --nodes 2 --partitions 5"})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "3",
            description = "Number of nodes, server-a onwards (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--partitions", paramLabel = "P", defaultValue = "5",
            description = "Partitions per node (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Override
    public Integer call() {
        if (nodes > Demo.MAX_NODES) {
            // The script's own answer and exit status.
            spec.commandLine().getOut().println("Too many servers");
            return 1;
        }
        spec.commandLine().getOut().print(Demo.render(nodes, partitions));
        return 0;
    }
}
