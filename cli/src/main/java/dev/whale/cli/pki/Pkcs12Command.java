package dev.whale.cli.pki;

import dev.whale.cli.Errors;
import dev.whale.pki.Pem;
import dev.whale.pki.PemBlock;
import dev.whale.pki.key.KeyData;
import dev.whale.pki.key.Keys;
import dev.whale.pki.key.Pkcs8;
import dev.whale.pki.verify.Verification;
import dev.whale.pki.verify.Verifier;
import dev.whale.pki.x509.Certificate;
import dev.whale.pki.x509.KeyStores;
import dev.whale.pki.x509.NameFormat;
import dev.whale.pki.x509.Pkcs12;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code whale pki pkcs12}: openssl pkcs12 3.0. With {@code -export}, a .p12 file from a PEM key and certificates,
 * with OpenSSL 3.0's defaults; without, the contents of one as OpenSSL prints them, with {@code -info} on stderr.
 */
@Command(name = "pkcs12", mixinStandardHelpOptions = true, separator = " ",
        description = {"Make a PKCS#12 file (.p12, .pfx) from a private key and its certificates, as openssl pkcs12 "
                + "-export 3.0 does (PBES2 with AES-256-CBC and hmacWithSHA256, a SHA-256 MAC, 2048 iterations), or "
                + "print what one holds as openssl pkcs12 prints it: bag attributes, subject and issuer, the "
                + "certificates and the key as PEM."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale pki pkcs12 -export -in cert.pem -inkey key.pem -certfile chain.pem -name server \\",
                "      -out server.p12 -passout pass:changeit",
                "  ./whale pki pkcs12 -in server.p12 -passin pass:changeit -info -noout",
                "  ./whale pki pkcs12 -in server.p12 -passin env:P12PASS -nodes -out server.pem",
                "  ./whale pki pkcs12 -in server.p12 -passin pass:changeit -nokeys -cacerts"})
final class Pkcs12Command implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "-export", description = "Write a PKCS#12 file instead of reading one.")
    boolean export;

    @Option(names = "-in", paramLabel = "FILE", description = "Reading: the PKCS#12 file. With -export: the "
            + "certificates (and the key, without -inkey), PEM (default: standard input).")
    Path in;

    @Option(names = "-inkey", paramLabel = "FILE", description = "With -export: the private key (default: from -in).")
    Path inkey;

    @Option(names = "-certfile", paramLabel = "FILE", description = "With -export: more certificates, such as the "
            + "chain; repeatable.")
    List<Path> certfiles = new ArrayList<>();

    @Option(names = "-name", paramLabel = "NAME", description = "With -export: the friendlyName of the key and its "
            + "certificate (the alias Java's KeyStore shows).")
    String name;

    @Option(names = "-out", paramLabel = "FILE", description = "Output file (default: standard output).")
    Path out;

    @Option(names = "-passin", paramLabel = "SOURCE", description = "Reading: the PKCS#12 password. With -export: "
            + "the input key's passphrase. pass:TEXT, env:VAR, file:PATH or stdin.")
    String passin;

    @Option(names = "-passout", paramLabel = "SOURCE", description = "With -export: the PKCS#12 password. Reading: "
            + "the passphrase of the PEM key written out (unless -nodes).")
    String passout;

    @Option(names = "-info", description = "Print the MAC and encryption of each part on stderr.")
    boolean info;

    @Option(names = "-noout", description = "Print no keys and no certificates.")
    boolean noout;

    @Option(names = "-nokeys", description = "Print no private keys.")
    boolean nokeys;

    @Option(names = "-nocerts", description = "Print no certificates.")
    boolean nocerts;

    @Option(names = "-clcerts", description = "Print only the key's own certificate.")
    boolean clcerts;

    @Option(names = "-cacerts", description = "Print only the other (CA) certificates.")
    boolean cacerts;

    @Option(names = {"-nodes", "-noenc"}, description = "Print the private key unencrypted.")
    boolean nodes;

    @Option(names = "-chain", description = "With -export: add the chain of the key's certificate, built from the "
            + "trust store (-CAfile, -CApath, -CAstore; by default the system's) and -untrusted, root included.")
    boolean chain;

    @Option(names = "-caname", paramLabel = "NAME", description = "With -export: the friendlyName of the other "
            + "certificates, in their order (-in, -chain, then -certfile); repeatable.")
    List<String> caNames = new ArrayList<>();

    @Mixin
    TrustOptions trust;

    @Mixin
    UntrustedOption untrusted;

    @Option(names = "-legacy", description = "With -export: encrypt as OpenSSL 1.x did (RC2-40 and 3DES with SHA-1, a "
            + "SHA-1 MAC), for old readers. Reading needs no flag: whale reads these files either way.")
    boolean legacy;

    @Override
    public Integer call() {
        return export ? export() : read();
    }

    private int export() {
        List<Certificate> certs = new ArrayList<>();
        Inputs.Input input = Inputs.read(in);
        certs.addAll(Certificate.readAll(input.bytes(), input.name()));
        Inputs.Input keyInput = inkey == null ? input : Inputs.read(inkey);
        KeyData key = Keys.read(keyInput.bytes(), keyInput.name(), PassSource.of(passin, "-passin"));
        if (chain) {
            // OpenSSL's get_cert_chain: the verified chain, less the certificate itself and those -in already has.
            Verification v = Verifier.builder().trustStore(trust.trustStore())
                    .untrusted(untrusted.certificates()).build()
                    .verify(KeyStores.certificateFor(certs, key));
            if (!v.ok()) {
                throw new Errors.FailureException("Error getting chain: " + v.problems().get(0).error().text());
            }
            for (Certificate c : v.chain().subList(1, v.chain().size())) {
                if (certs.stream().noneMatch(x -> Arrays.equals(x.der(), c.der()))) {
                    certs.add(c);
                }
            }
        }
        // -certfile's certificates come last, duplicates and all, as in OpenSSL.
        for (Path p : certfiles) {
            Inputs.Input c = Inputs.read(p);
            certs.addAll(Certificate.readAll(c.bytes(), c.name()));
        }
        char[] password = PassSource.forWriting(passout, "-passout", "Export Password");
        try {
            byte[] p12 = Pkcs12.create(key, certs, name, caNames, password, legacy, new SecureRandom());
            Outputs.writeDer(out, p12, true);
        } finally {
            Arrays.fill(password, '\0');
        }
        return 0;
    }

    private int read() {
        if (inkey != null || !certfiles.isEmpty() || name != null || chain || !caNames.isEmpty()) {
            throw new Errors.UsageException("-inkey, -certfile, -name, -chain and -caname go with -export, which "
                    + "makes a PKCS#12 file");
        }
        Inputs.Input input = Inputs.read(in);
        char[] password = PassSource.of(passin, "-passin").get(input.name());
        Pkcs12 p12;
        try {
            p12 = Pkcs12.read(input.bytes(), input.name(), password);
        } finally {
            Arrays.fill(password, '\0');
        }
        PrintWriter stderr = spec.commandLine().getErr();
        if (info) {
            stderr.print(p12.info());
            stderr.flush();
        }
        Pkcs12.Selection selection = new Pkcs12.Selection(!noout && !nokeys, !noout && !nocerts, clcerts, cacerts);
        String text = p12.text(selection, NameFormat.ONELINE, keyPem());
        if (!text.isEmpty() || out != null) {
            Outputs.write(spec.commandLine().getOut(), out, text, selection.keys());
        }
        return 0;
    }

    /** How a key is written out: plain PKCS#8 with -nodes, else encrypted with the -passout passphrase. */
    private Function<KeyData, String> keyPem() {
        return k -> {
            PemBlock b = nodes ? PemBlock.of("PRIVATE KEY", Keys.pkcs8(k.privateKey()))
                    : Encrypting.encrypt(k, "aes-256-cbc", Pkcs8.DEFAULT_ITERATIONS, passout, "-passout",
                            "PEM pass phrase");
            return Pem.write(b.label(), b.der());
        };
    }
}
