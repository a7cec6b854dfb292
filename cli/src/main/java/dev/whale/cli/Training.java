package dev.whale.cli;

import dev.whale.pki.Pem;
import dev.whale.pki.key.KeyData;
import dev.whale.pki.key.Keys;
import dev.whale.pki.ssh.OpenSsh;
import dev.whale.pki.ssh.OpenSshKeyWriter;
import dev.whale.service.Config;
import dev.whale.service.Database;
import dev.whale.service.Settings;
import dev.whale.service.WhaleApp;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The launcher's training run for the JVM's AOT cache: it runs one command of each kind in one JVM, so that the
 * classes those commands need are in the cache and load in microseconds. Output is discarded.
 *
 * <p>There are two caches, for two families of commands: {@code service} (the web app and what runs it) and
 * {@code tools} (ring, pki, ssh-keygen, help). The JVM loads every class of its cache at start, so one cache for
 * both would make each short tool command load the web server's 3,700 classes too (about 90 ms).
 */
public final class Training {
    /** The family of the service commands (those of {@code dev.whale.cli.service}); the others are {@code tools}. */
    static final String SERVICE = "service";

    private Training() {}

    /**
     * The web app: started on a free port over a database that does not answer (the pool connects lazily), asked
     * for the routes that need no database and for /health's 503, then stopped. No PostgreSQL is started here.
     */
    private static void service(Path dir) {
        run("serve", "--help");
        run("db", "--help");
        Config config = new Config("training", Map.of("WHALE_PROFILE", "production", "WHALE_HOST", "127.0.0.1",
                "WHALE_PORT", "0", "POSTGRES_HOSTNAME", "127.0.0.1", "POSTGRES_PORT", "1", "WHALE_DB_TIMEOUT_MS",
                "250"));
        Settings settings = Settings.from(config, dir);
        var http = HttpClient.newHttpClient();
        try (WhaleApp app = WhaleApp.create(settings, Database.connect(settings.database()), line -> {}).start()) {
            for (String path : new String[] {"/", "/index", "/health", "/api/users/1", "/nope"}) {
                for (int i = 0; i < 20; i++) {
                    http.send(HttpRequest.newBuilder(URI.create(app.url() + path)).build(),
                            HttpResponse.BodyHandlers.discarding());
                }
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // Training only warms the cache; a failure here costs start-up time, never correctness.
        }
    }

    /** Trains the family that {@code args[0]} names: {@code service} or {@code tools} (the default). */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("whale-training");
        try {
            if (args.length > 0 && args[0].equals(SERVICE)) {
                service(dir);
            } else {
                tools(dir);
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Ring, keys, certificates, ssh-keygen and the top-level help, on small inputs made here. */
    private static void tools(Path dir) throws IOException {
        KeyData rsa = Keys.generate("RSA", 1024, BigInteger.valueOf(65537), null, new SecureRandom());
        KeyData ed = Keys.generate("ED25519", 0, null, null, new SecureRandom());
        Path rsaPem = dir.resolve("rsa.pem");
        Path edPem = dir.resolve("ed.pem");
        Path edPub = dir.resolve("ed.pub");
        Files.writeString(rsaPem, Pem.write("PRIVATE KEY", Keys.pkcs8(rsa.privateKey())));
        Files.writeString(edPem, Pem.write("PRIVATE KEY", Keys.pkcs8(ed.privateKey())));
        Files.writeString(edPub, OpenSsh.publicKeyLine(ed.publicKey(), "training") + "\n");
        Path sshKey = dir.resolve("id_ed25519");
        Files.writeString(sshKey, OpenSshKeyWriter.builder().passphrase("training".toCharArray()).rounds(2)
                .build().write(ed.privateKey(), "training"));
        String[][] commands = {
            {"ring", "demo", "--nodes", "2"},
            {"ring", "table", "--nodes", "3"},
            {"pki", "rsa", "-in", rsaPem.toString(), "-noout", "-text"},
            {"pki", "pkey", "-in", edPem.toString(), "-pubout"},
            {"pki", "asn1parse", "-in", rsaPem.toString()},
            {"pki", "inspect", edPem.toString()},
            {"ssh-keygen", "-l", "-f", edPub.toString()},
            {"ssh-keygen", "-y", "-P", "training", "-f", sshKey.toString()},
            {"--help"},
        };
        for (String[] c : commands) {
            run(c);
        }
        sshCertificates(dir, ed, rsa);
        // Certificates: the system's trust store when there is one, printed as x509 -text, counted, and each of its
        // certificates verified.
        Path store = Path.of("/etc/ssl/certs");
        if (Files.isDirectory(store)) {
            List<String> verify = new ArrayList<>(List.of("pki", "verify", "-CApath", store.toString()));
            try (Stream<Path> s = Files.list(store)) {
                s.filter(p -> p.toString().endsWith(".pem")).sorted().forEach(p -> verify.add(p.toString()));
            }
            run("pki", "x509", "-noout", "-text", "-in", store.toString());
            run("pki", "stats", store.toString());
            run(verify.toArray(String[]::new));
        }
    }

    /**
     * ssh-keygen -s signing many keys in one run (bench/ssh-certs.sh), with each kind of CA: the Ed25519 one on
     * enough keys for the JIT's profiles to be worth keeping, the RSA and ECDSA ones on a few.
     */
    private static void sshCertificates(Path dir, KeyData ed, KeyData rsa) throws IOException {
        KeyData ec = Keys.generate("EC", 256, null, "P-256", new SecureRandom());
        OpenSshKeyWriter writer = OpenSshKeyWriter.builder().build();
        List<String> cas = new ArrayList<>();
        for (KeyData ca : List.of(ed, rsa, ec)) {
            Path file = dir.resolve("ca-" + cas.size());
            Files.writeString(file, writer.write(ca.privateKey(), "training ca"));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            cas.add(file.toString());
        }
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Path pub = dir.resolve("user" + i + ".pub");
            KeyData key = Keys.generate("ED25519", 0, null, null, new SecureRandom());
            Files.writeString(pub, OpenSsh.publicKeyLine(key.publicKey(), "user" + i) + "\n");
            subjects.add(pub.toString());
        }
        for (int c = 0; c < cas.size(); c++) {
            List<String> sign = new ArrayList<>(List.of("ssh-keygen", "-q", "-s", cas.get(c), "-I", "id", "-n",
                    "alice", "-V", "+52w"));
            sign.addAll(c == 0 ? subjects : subjects.subList(0, 10));
            run(sign.toArray(String[]::new));
        }
    }

    private static void run(String... command) {
        Main.run(command, new PrintWriter(Writer.nullWriter()), new PrintWriter(Writer.nullWriter()));
    }
}
