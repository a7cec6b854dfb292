package dev.whale.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Tiny upstream HTTP servers on loopback, each answering 200 with its own address {@code 127.0.0.1:PORT}, and the
 * plumbing that the peer tests share: starting a real proxy in the foreground, sending it keys, comparing placements.
 */
final class Upstreams implements AutoCloseable {
    static final String LOOPBACK = "127.0.0.1";
    /** The request header that carries the key, so that no URL encoding is involved. */
    static final String KEY_HEADER = "X-Key";

    private final List<HttpServer> servers;

    private Upstreams(List<HttpServer> servers) {
        this.servers = servers;
    }

    /** Starts {@code n} servers on ephemeral loopback ports. */
    static Upstreams start(int n) throws IOException {
        List<HttpServer> servers = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
                byte[] body = (LOOPBACK + ":" + s.getAddress().getPort()).getBytes(StandardCharsets.US_ASCII);
                s.createContext("/", exchange -> {
                    try (exchange) {
                        exchange.getRequestBody().readAllBytes();
                        exchange.getResponseHeaders().set("Content-Type", "text/plain");
                        exchange.sendResponseHeaders(200, body.length);
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(body);
                        }
                    }
                });
                s.start();
                servers.add(s);
            }
        } catch (IOException | RuntimeException e) {
            servers.forEach(s -> s.stop(0));
            throw e;
        }
        return new Upstreams(List.copyOf(servers));
    }

    /** The address of server {@code i}, {@code 127.0.0.1:PORT}: what it answers, and how a proxy config names it. */
    String address(int i) {
        return LOOPBACK + ":" + servers.get(i).getAddress().getPort();
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
    }

    /** A loopback port that was free a moment ago. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /** A real proxy running in the foreground, with its working directory; closing it stops it and deletes the dir. */
    record Proxy(Process process, Path dir, int port, Path log) implements AutoCloseable {
        String output() {
            try {
                return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            } catch (IOException e) {
                return "(cannot read " + log + ": " + e + ")";
            }
        }

        @Override
        public void close() throws IOException {
            try {
                stop(process);
            } finally {
                deleteTree(dir);
            }
        }
    }

    /** The path at which a proxy answers its token itself, without going to an upstream. */
    static final String TOKEN_PATH = "/.peer-token";

    /**
     * Writes a proxy's config for a listening port, and returns the command that runs the proxy. The config must make
     * the proxy answer {@value #TOKEN_PATH} with 200 and {@code token} as the body, so that the test knows that it
     * talks to this very process, not to whatever else might hold the port.
     */
    @FunctionalInterface
    interface Setup {
        List<String> configure(int port, String token) throws IOException;
    }

    /**
     * Starts a proxy in {@code dir} on a free loopback port, trying another port if the chosen one was taken in the
     * meantime.
     */
    static Proxy launch(Path dir, Setup setup) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            String token = UUID.randomUUID().toString();
            List<String> command = setup.configure(port, token);
            try {
                return launch(command, dir, port, token);
            } catch (AssertionError e) {
                if (attempt >= 3 || !String.valueOf(e.getMessage()).contains("in use")) {
                    deleteTree(dir);
                    throw e;
                }
            } catch (IOException | InterruptedException | RuntimeException e) {
                deleteTree(dir);
                throw e;
            }
        }
    }

    /**
     * Starts {@code command} with its output in {@code dir/output.log} and waits until it answers its token on
     * {@code port}; fails the test with the program's output if it exits or does not answer within 10 s. The process
     * is stopped on failure; {@code dir} is left to the caller.
     */
    private static Proxy launch(List<String> command, Path dir, int port, String token)
            throws IOException, InterruptedException {
        Path log = dir.resolve("output.log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Proxy proxy = new Proxy(p, dir, port, log);
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://" + LOOPBACK + ":" + port + TOKEN_PATH))
                .timeout(Duration.ofSeconds(1)).GET().build();
        String last = "no answer";
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                if (!p.isAlive()) {
                    fail(command.get(0) + " exited with " + p.exitValue() + " before listening on port " + port + ":\n"
                            + proxy.output() + extraLogs(dir));
                }
                try {
                    HttpResponse<String> r = client.send(probe, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 && r.body().strip().equals(token)) {
                        return proxy;
                    }
                    last = "HTTP " + r.statusCode() + ": " + r.body();
                } catch (IOException notYet) {
                    last = notYet.toString();
                }
                if (System.nanoTime() > deadline) {
                    fail(command.get(0) + " did not answer its token on port " + port + " within 10 s (last: " + last
                            + "):\n" + proxy.output() + extraLogs(dir));
                }
                Thread.sleep(20);
            }
        } catch (Throwable t) {
            stop(p);
            throw t;
        }
    }

    private static String extraLogs(Path dir) {
        Path error = dir.resolve("error.log");
        try {
            return Files.exists(error) ? "\nerror.log:\n" + Files.readString(error, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    static void stop(Process p) {
        if (p == null) {
            return;
        }
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * {@code count} distinct random keys of 1 to 40 printable ASCII characters. Spaces occur only inside a key,
     * since HTTP trims them at the ends of a header value; {@code exclude} lists characters never to use.
     */
    static List<String> randomKeys(long seed, int count, String exclude) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Set<String> keys = new LinkedHashSet<>();
        while (keys.size() < count) {
            int len = 1 + rnd.nextInt(40);
            StringBuilder sb = new StringBuilder(len);
            while (sb.length() < len) {
                char c = (char) rnd.nextInt(0x20, 0x7f);
                boolean end = sb.isEmpty() || sb.length() == len - 1;
                if ((c == ' ' && end) || exclude.indexOf(c) >= 0) {
                    continue;
                }
                sb.append(c);
            }
            keys.add(sb.toString());
        }
        return List.copyOf(keys);
    }

    /**
     * Sends one GET per key to the proxy on {@code port}, the key in the {@value #KEY_HEADER} header, a few at a time,
     * and returns what answered each key: the body of a 200, or {@code "HTTP <status>: <body>"} otherwise.
     */
    static Map<String, String> ask(int port, List<String> keys) throws InterruptedException {
        URI uri = URI.create("http://" + LOOPBACK + ":" + port + "/");
        Map<String, String> answers = new LinkedHashMap<>();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build()) {
            Semaphore inFlight = new Semaphore(8);
            List<CompletableFuture<String>> futures = new ArrayList<>(keys.size());
            for (String key : keys) {
                HttpRequest request = HttpRequest.newBuilder(uri).header(KEY_HEADER, key)
                        .timeout(Duration.ofSeconds(10)).GET().build();
                inFlight.acquire();
                futures.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                        .whenComplete((r, e) -> inFlight.release())
                        .thenApply(r -> r.statusCode() == 200 ? r.body() : "HTTP " + r.statusCode() + ": " + r.body())
                        .exceptionally(e -> "request failed: " + e));
            }
            for (int i = 0; i < keys.size(); i++) {
                answers.put(keys.get(i), futures.get(i).join());
            }
        }
        return answers;
    }

    /**
     * Asserts that for every key the real peer's answer, mapped by {@code label}, is what {@code ours} predicts, and
     * reports the first mismatches with the key and both answers.
     */
    static void assertSamePlacement(String peer, Map<String, String> theirs, Function<String, String> label,
            Function<String, String> ours) {
        List<String> mismatches = new ArrayList<>();
        int count = 0;
        for (Map.Entry<String, String> e : theirs.entrySet()) {
            String real = label.apply(e.getValue());
            String predicted = ours.apply(e.getKey());
            if (!predicted.equals(real)) {
                count++;
                if (mismatches.size() < 10) {
                    mismatches.add("key " + quote(e.getKey()) + ": " + peer + " -> " + real + ", ours -> " + predicted);
                }
            }
        }
        int differing = count;
        assertEquals(0, differing, () -> mismatchReport(theirs.size(), differing, peer, mismatches));
    }

    private static String mismatchReport(int total, int differing, String peer, List<String> first) {
        return "placement differs from real " + peer + " on " + differing + " of " + total
                + " keys; first mismatches:\n  " + String.join("\n  ", first) + "\n";
    }

    /** How many keys each answer got, the answers mapped by {@code label}. */
    static Map<String, Integer> tally(Map<String, String> theirs, Function<String, String> label) {
        Map<String, Integer> t = new LinkedHashMap<>();
        theirs.values().forEach(v -> t.merge(label.apply(v), 1, Integer::sum));
        return t;
    }

    static String quote(String key) {
        return "\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
