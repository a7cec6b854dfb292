package dev.whale.cli.service;

import dev.whale.cli.AtomicFiles;
import dev.whale.cli.Errors;
import dev.whale.pki.Pem;
import dev.whale.pki.key.KeyData;
import dev.whale.pki.key.Keys;
import dev.whale.pki.x509.ExtensionConfig;
import dev.whale.pki.x509.ExtensionSpec;
import dev.whale.pki.x509.Issuer;
import dev.whale.pki.x509.SubjectArgument;
import dev.whale.service.Stack;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "stack", mixinStandardHelpOptions = true,
        description = {"The production topology on this machine, without containers: real nginx (Debian's) in front"
                + " of N whale processes on the production config, and PostgreSQL. nginx's config comes from the same"
                + " template as docker/nginx. Its files live in .whale/stack."},
        subcommands = {StackCommand.Up.class, StackCommand.Status.class, StackCommand.Down.class},
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale stack up --instances 3", "  ./whale stack up --instances 2 --weights 3,1",
                "  ./whale stack up --tls && curl --cacert .whale/stack/nginx/certs/ca.pem https://localhost:8443/",
                "  ./whale stack status", "  ./whale stack down"})
public final class StackCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Stack stack() {
        return new Stack(Project.dir(), Project.settings(Project.config("production")).dataDir(),
                Project.whaleCommand());
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = {"Start PostgreSQL, the whale instances and nginx; print the URLs.",
                    "With --tls, whale pki makes a local CA and a certificate for localhost (as"
                            + " docker/nginx/make-certs.sh does), nginx serves TLS and answers plain HTTP with a 301."},
            footerHeading = "%nExamples:%n",
            footer = {"  ./whale stack up", "  ./whale stack up --instances 3 --weights 3,1,1",
                    "  ./whale stack up --hash consistent", "  ./whale stack up --tls --http-port 0 --https-port 0"})
    static final class Up implements Callable<Integer> {
        @Option(names = "--instances", defaultValue = "3", paramLabel = "N",
                description = "whale processes (default: ${DEFAULT-VALUE}).")
        int instances;

        @Option(names = "--weights", split = ",", paramLabel = "W",
                description = "nginx weight of each instance, such as 3,1,1.")
        List<Integer> weights = new ArrayList<>();

        @Option(names = "--tls",
                description = "Serve HTTPS with a certificate made by whale pki; plain HTTP redirects.")
        boolean tls;

        @Option(names = "--hash", paramLabel = "consistent",
                description = "'consistent': place by hash $request_uri consistent.")
        String hash;

        @Option(names = "--http-port", defaultValue = "8080", paramLabel = "PORT",
                description = "nginx's HTTP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
        int httpPort;

        @Option(names = "--https-port", defaultValue = "8443", paramLabel = "PORT",
                description = "nginx's HTTPS port with --tls; 0 picks a free one (default: ${DEFAULT-VALUE}).")
        int httpsPort;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (hash != null && !hash.equals("consistent")) {
                throw new Errors.UsageException("--hash: only 'consistent' is supported, not '" + hash + "'");
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Stack stack = stack();
            Stack.Options options = new Stack.Options(instances, weights, tls, hash != null, httpPort, httpsPort);
            if (tls) {
                makeCertificates(stack.certDir());
            }
            Stack.Up up = stack.up(options, m -> {
                err.println("whale stack up: " + m);
                err.flush();
            });
            out.println("nginx: " + up.http() + (up.https().isEmpty() ? "" : " (301 to " + up.https() + ")"));
            if (!up.https().isEmpty()) {
                out.println("https: " + up.https() + "  (curl --cacert " + up.caFile() + " " + up.https() + "/)");
            }
            for (Stack.Part p : up.parts()) {
                out.println(p.name() + ": pid " + p.pid() + ", port " + p.port());
            }
            out.println("upstream log: " + up.upstreamLog());
            return 0;
        }

        /**
         * What docker/nginx/make-certs.sh makes with three whale pki command lines, made through the library: a CA
         * (RSA 2048, v3_ca, 365 days) and a leaf for localhost that it signs (RSA 2048, SAN DNS:localhost and
         * IP:127.0.0.1, 90 days); keys as unencrypted PKCS#8, 0600; server.pem holds the leaf, then the CA.
         */
        static void makeCertificates(Path dir) throws IOException {
            Files.createDirectories(dir);
            SecureRandom random = new SecureRandom();
            KeyData caKey = Keys.generate("RSA", 2048, RSAKeyGenParameterSpec.F4, null, random);
            var ca = Issuer.selfSigned(caKey.privateKey()).subject(SubjectArgument.parse("/CN=whale local CA", false)
                    .name()).extensions(ExtensionConfig.V3_CA).days(365).random(random).issue();
            KeyData serverKey = Keys.generate("RSA", 2048, RSAKeyGenParameterSpec.F4, null, random);
            List<ExtensionSpec> san = ExtensionConfig.parse("subjectAltName=DNS:localhost,IP:127.0.0.1\n",
                    "server.ext").section("default");
            var leaf = Issuer.signedBy(ca, caKey.privateKey()).subject(SubjectArgument.parse("/CN=localhost", false)
                    .name()).publicKey(serverKey.publicKey()).extensions(san).days(90).random(random).issue();
            AtomicFiles.write(dir.resolve("ca.key"), Pem.write("PRIVATE KEY", Keys.pkcs8(caKey.privateKey())), true);
            AtomicFiles.write(dir.resolve("ca.pem"), ca.pem(), false);
            AtomicFiles.write(dir.resolve("server.key"), Pem.write("PRIVATE KEY", Keys.pkcs8(serverKey.privateKey())),
                    true);
            AtomicFiles.write(dir.resolve("server.pem"), leaf.pem() + ca.pem(), false);
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show what runs: each part, its pid, port and state.",
            footerHeading = "%nExamples:%n", footer = {"  ./whale stack status"})
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<Stack.Part> parts = stack().status();
            if (parts.isEmpty()) {
                out.println("The stack is not up");
                return 0;
            }
            String format = "%-10s %-8s %-6s %s%n";
            out.printf(format, "PART", "PID", "PORT", "STATE");
            for (Stack.Part p : parts) {
                out.printf(format, p.name(), p.pid(), p.port(), p.up() ? "up" : "down");
            }
            return parts.stream().allMatch(Stack.Part::up) ? 0 : 1;
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
            description = "Stop nginx, the instances and PostgreSQL; remove .whale/stack.",
            footerHeading = "%nExamples:%n", footer = {"  ./whale stack down"})
    static final class Down implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(stack().down() ? "The stack is down" : "The stack was not up");
            return 0;
        }
    }
}
