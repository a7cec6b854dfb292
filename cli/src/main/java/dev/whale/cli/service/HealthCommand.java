package dev.whale.cli.service;

import dev.whale.cli.Errors.UsageException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "health", mixinStandardHelpOptions = true,
        description = {"Probe a whale server's /health: exit 0 when it answers 200, 1 otherwise.",
                "Containers use it as their HEALTHCHECK, so that the runtime image needs no curl."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale health", "  ./whale health --url http://127.0.0.1:5000/health --timeout 2s"})
public final class HealthCommand implements Callable<Integer> {
    @Option(names = "--url", defaultValue = "http://127.0.0.1:8000/health",
            description = "What to probe (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--timeout", defaultValue = "3s", paramLabel = "DURATION",
            description = "How long to wait (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Duration t = ServiceDurations.parse("--timeout", timeout);
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--url: '" + url + "' is not a URL");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(t).build();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(t).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                spec.commandLine().getOut().println(r.body());
                return 0;
            }
            spec.commandLine().getErr()
                    .println("whale health: " + url + " answered " + r.statusCode() + ": " + r.body());
            return 1;
        } catch (IOException e) {
            spec.commandLine().getErr().println("whale health: " + url + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return 1;
        }
    }
}
