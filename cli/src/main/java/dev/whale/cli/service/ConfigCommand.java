package dev.whale.cli.service;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.whale.cli.Json;
import dev.whale.cli.OutputFormat;
import dev.whale.service.Config;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "config", mixinStandardHelpOptions = true,
        description = "The configuration: config/NAME.json, with the environment's variables winning over the file's.",
        subcommands = ConfigCommand.Show.class,
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale config show", "  ./whale config show --config production --format json"})
public final class ConfigCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Print the resolved values, one NAME=VALUE per line.",
                    "Every secret is redacted: any name containing PASSWORD, SECRET, TOKEN or KEY."},
            footerHeading = "%nExamples:%n",
            footer = {"  ./whale config show", "  APPLICATION_CONFIG=testing ./whale config show",
                    "  ./whale config show --config production --format json"})
    static final class Show implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
                description = "text (NAME=VALUE lines) or json (one object).")
        OutputFormat format;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Config c = config.load();
            Map<String, String> values = c.redacted();
            PrintWriter out = spec.commandLine().getOut();
            if (format == OutputFormat.json) {
                try (JsonGenerator g = Json.pretty(out)) {
                    g.writeStartObject();
                    for (Map.Entry<String, String> e : values.entrySet()) {
                        g.writeStringField(e.getKey(), e.getValue());
                    }
                    g.writeEndObject();
                }
                out.println();
            } else {
                values.forEach((n, v) -> out.println(n + "=" + v));
            }
            return 0;
        }
    }
}
