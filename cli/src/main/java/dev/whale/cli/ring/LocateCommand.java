package dev.whale.cli.ring;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.whale.cli.Errors;
import dev.whale.ring.Partitioner;
import dev.whale.ring.Placement;
import dev.whale.ring.PlacementStream;
import dev.whale.ring.RingText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code whale ring locate}: which node serves each key, before it is stored anywhere. */
@Command(name = "locate", mixinStandardHelpOptions = true,
        description = {"Tell which node serves each key: with --profile, exactly as nginx, ketama, HAProxy, Guava "
                + "or Envoy would route it.",
                "Keys come from the arguments, or from standard input one per line when there are none (or '-')."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale ring locate user42 --profile nginx --servers 127.0.0.1:19001,127.0.0.1:19002",
                "  ./whale ring locate 60000 60100 --strategy modulo --hash md5 --nodes 16",
                "  seq 1 1000000 | ./whale ring locate --profile ketama --servers @memcached.txt --format csv"})
final class LocateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PartitionerOptions how;

    @Option(names = {"--servers", "--nodes"}, paramLabel = "SPEC", defaultValue = "3",
            description = "A count, names with optional weights (host:port=2,…), or @FILE "
                    + "(default: ${DEFAULT-VALUE}).")
    String servers;

    @Option(names = "--keys", paramLabel = "N",
            description = "Bounded loads only: how many keys will be placed, for the capacity (default: the keys "
                    + "given as arguments).")
    Long keys;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (key, node, partition, hash), csv or json.")
    Format format;

    @Parameters(paramLabel = "KEY", arity = "0..*", description = "Keys to place; '-' or none reads standard input.")
    List<String> args = List.of();

    @Override
    public Integer call() throws IOException {
        boolean stdin = args.isEmpty() || args.equals(List.of("-"));
        long expected = keys != null ? keys : stdin ? 0 : args.size();
        Partitioner p = how.build(NodeSpecs.parse(servers), expected);
        PrintWriter out = spec.commandLine().getOut();
        JsonGenerator json = null;
        if (format == Format.json) {
            json = JsonReport.json(out);
            json.writeStartArray();
        } else if (format == Format.csv) {
            out.print(RingText.placementCsvHeader());
        }
        if (stdin && json == null) {
            // Millions of keys: read and written in blocks, nothing decoded that is ASCII.
            PlacementStream.place(p, format == Format.csv, System.in, out);
        } else if (stdin) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                print(out, json, line, p.place(line));
            }
        } else {
            for (String k : args) {
                print(out, json, k, p.place(k));
            }
        }
        if (json != null) {
            json.writeEndArray();
            json.close();
            out.println();
        }
        return 0;
    }

    private void print(PrintWriter out, JsonGenerator json, String key, Placement pl) throws IOException {
        switch (format) {
            case text -> out.append(RingText.placement(key, pl));
            case csv -> out.append(RingText.placementCsv(key, pl));
            case json -> {
                json.writeStartObject();
                json.writeStringField("key", key);
                json.writeStringField("node", pl.node());
                json.writeStringField("partition", pl.partition());
                json.writeFieldName("hash");
                json.writeNumber(pl.hash());
                json.writeEndObject();
            }
            default -> throw new Errors.UsageException("unknown format " + format);
        }
    }
}
