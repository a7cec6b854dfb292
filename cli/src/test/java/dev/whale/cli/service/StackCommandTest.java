package dev.whale.cli.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whale.cli.Await;
import dev.whale.cli.Run;
import dev.whale.service.Config;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code whale stack}: what the command adds to the service's {@code Stack} (whose topology StackTest in the service
 * module checks): the printed URLs and parts, the certificates made by whale pki, the instances started with the
 * command's own JVM options, status and down, and nginx's consistent hash as {@code whale ring locate} predicts it.
 */
class StackCommandTest {
    static final Pattern LOG = Pattern.compile("to: (\\S+): GET (\\S+) HTTP/1\\.1 (\\d+)$");

    /** A JVM option the stack's own JVM is started with, which every instance must get too. */
    static final String JVM_OPTION = "-Xmx200m";

    /** An HTTP client that trusts only {@code ca}. */
    static HttpClient trusting(Path ca) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(ca)) {
            trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The upstream of each logged request: address by URI. */
    static Map<String, String> upstreamByUri(Path project) throws Exception {
        Map<String, String> out = new HashMap<>();
        for (String line : Files.readAllLines(project.resolve(".whale/stack/nginx/upstream.log"))) {
            Matcher m = LOG.matcher(line);
            if (m.find()) {
                out.put(m.group(2), m.group(1));
            }
        }
        return out;
    }

    @Test
    void up_tlsAndConsistentHash_printsTheStackAndNginxPlacesAsRingLocatePredicts(@TempDir Path dir)
            throws Exception {
        Path project = Whale.project(dir);
        try {
            Whale.Result r = Whale.run(project, Map.of(), List.of(JVM_OPTION), "stack", "up", "--instances", "3",
                    "--hash", "consistent", "--tls", "--http-port", "0", "--https-port", "0");
            assertEquals(0, r.exit(), r.out() + r.err());
            Map<String, String> s = Config.read(project.resolve(".whale/stack/state.json"));
            String https = "https://localhost:" + s.get("HTTPS_PORT");
            Path ca = project.resolve(".whale/stack/nginx/certs/ca.pem").toRealPath();
            assertTrue(r.out().matches("nginx: http://127\\.0\\.0\\.1:" + s.get("HTTP_PORT") + " \\(301 to "
                    + Pattern.quote(https) + "\\)\nhttps: " + Pattern.quote(https) + "  \\(curl --cacert .*ca\\.pem "
                    + Pattern.quote(https) + "/\\)\npostgres: pid \\d+, port " + s.get("POSTGRES_PORT")
                    + "\nweb-1: pid " + s.get("WEB_1_PID") + ", port " + s.get("WEB_1_PORT") + "\nweb-2: .*\nweb-3: .*"
                    + "\nnginx: pid " + s.get("NGINX_PID") + ", port " + s.get("HTTP_PORT")
                    + "\nupstream log: .*upstream\\.log\n"), r.out());
            for (int i = 1; i <= 3; i++) {
                List<String> cmdline = List.of(Files.readString(Path.of("/proc", s.get("WEB_" + i + "_PID"),
                        "cmdline")).split("\0"));
                List<String> jvm = cmdline.subList(0, Math.max(0, cmdline.indexOf("-cp")));
                assertTrue(jvm.contains(JVM_OPTION), "web-" + i + " runs with the stack's JVM options: " + jvm);
            }

            // The certificate that whale pki made verifies against its CA, in curl as in Java.
            Process curl = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--cacert",
                    ca.toString(), https + "/").start();
            assertEquals("200", new String(curl.getInputStream().readAllBytes()));
            assertEquals(0, curl.waitFor(), "curl --cacert verifies the chain");
            HttpClient client = trusting(ca);
            List<String> uris = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                uris.add("/recipes/" + i + "?page=" + (i % 7));
            }
            for (String u : uris) {
                client.send(HttpRequest.newBuilder(URI.create(https + u)).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            // nginx writes a request's log line after its response has gone out: wait for the last ones.
            Map<String, String> actual = new HashMap<>();
            Await.until(Duration.ofSeconds(10), () -> {
                actual.putAll(upstreamByUri(project));
                return actual.keySet().containsAll(uris);
            }, () -> "nginx logged " + actual.size() + " of " + uris.size() + " requests");
            List<String> args = new ArrayList<>(List.of("ring", "locate", "--profile", "nginx", "--servers",
                    "127.0.0.1:" + s.get("WEB_1_PORT") + ",127.0.0.1:" + s.get("WEB_2_PORT") + ",127.0.0.1:"
                            + s.get("WEB_3_PORT")));
            args.addAll(uris);
            Run predicted = Run.of(args.toArray(String[]::new));
            assertEquals(0, predicted.exit(), predicted.err());
            Set<String> used = new TreeSet<>();
            List<String> lines = predicted.out().lines().toList();
            for (String line : lines) {
                String[] f = line.split("\t");
                assertEquals(actual.get(f[0]), f[1], "nginx and whale ring disagree on " + f[0]);
                used.add(f[1]);
            }
            assertEquals(1000, lines.size());
            assertEquals(3, used.size(), "all three instances take keys");

            Whale.Result status = Whale.run(project, Map.of(), "stack", "status");
            assertEquals(0, status.exit(), status.err());
            assertTrue(status.out().matches("PART +PID +PORT +STATE\npostgres .* up\nweb-1 .* up\nweb-2 .* up\n"
                    + "web-3 .* up\nnginx .* up\n"), status.out());
            new ProcessBuilder("kill", "-9", s.get("WEB_1_PID")).start().waitFor();
            Await.until(Duration.ofSeconds(10), () -> Whale.run(project, Map.of(), "stack", "status").exit() == 1,
                    () -> "stack status still reports every part up after kill -9 of web-1");
            Whale.Result after = Whale.run(project, Map.of(), "stack", "status");
            assertTrue(after.out().matches("(?s).*\nweb-1 +" + s.get("WEB_1_PID") + " .* down\nweb-2 .* up\n.*"),
                    after.out());
        } finally {
            Whale.Result down = Whale.run(project, Map.of(), "stack", "down");
            assertEquals(0, down.exit(), down.err());
            assertEquals("The stack is down\n", down.out());
            assertFalse(Files.exists(project.resolve(".whale/stack")), "stack down removes .whale/stack");
        }
        Whale.Result again = Whale.run(project, Map.of(), "stack", "down");
        assertEquals("The stack was not up\n", again.out());
    }

    @Test
    void up_unknownHash_isAUsageError(@TempDir Path dir) throws Exception {
        Whale.Result r = Whale.run(Whale.project(dir), Map.of(), "stack", "up", "--hash", "random");
        assertEquals(2, r.exit(), r.err());
        assertEquals("whale stack up: --hash: only 'consistent' is supported, not 'random'\n", r.err());
        assertFalse(Files.exists(dir.resolve(".whale/stack")), "nothing started");
    }
}
