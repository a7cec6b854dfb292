package dev.whale.cli.pki;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.whale.cli.OutputFormat;
import dev.whale.pki.Inspection;
import dev.whale.pki.PkiException;
import dev.whale.pki.key.Encryption;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code whale pki inspect}: what any key or certificate file is, in one block, without a passphrase. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Say what each key or certificate file is: its format and PEM label, algorithm and size, "
                + "whether and how it is encrypted (KDF, cipher, rounds or iterations, salt), and its "
                + "fingerprints. No passphrase is needed; an OpenSSH key shows its public half even when encrypted."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale pki inspect ~/.ssh/id_ed25519 private.pem server.crt",
                "  ./whale pki inspect --format json private-enc.pem"})
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Key or certificate files, or directories.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json.")
    OutputFormat format;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Inspection> all = new ArrayList<>();
        int failed = 0;
        for (Path p : Inputs.expand(files)) {
            try {
                all.addAll(Inspection.of(Inputs.read(p).bytes(), p.toString()));
            } catch (PkiException | dev.whale.cli.Errors.FailureException e) {
                err.println(spec.qualifiedName() + ": " + e.getMessage());
                failed++;
            }
        }
        if (format == OutputFormat.json) {
            json(out, all);
        } else {
            for (int i = 0; i < all.size(); i++) {
                if (i > 0) {
                    out.println();
                }
                text(out, all.get(i));
            }
        }
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    private static void text(PrintWriter out, Inspection x) {
        out.println(x.source());
        row(out, "kind", x.kind());
        row(out, "format", x.format() + (x.label() == null ? "" : " (BEGIN " + x.label() + ")"));
        if (x.algorithm() != null) {
            row(out, "algorithm", x.algorithm() + ", " + x.bits() + " bits" + (x.curve() == null ? ""
                    : ", curve " + x.curve()));
        }
        if (x.kind().equals("private key")) {
            row(out, "encrypted", x.encryptionText());
        }
        if (!x.comment().isEmpty()) {
            row(out, "comment", x.comment());
        }
        if (x.sshFingerprint() != null) {
            row(out, "fingerprint", x.sshFingerprint() + " (OpenSSH, of the public key)");
        }
        if (x.spkiSha256() != null) {
            row(out, "spki sha256", x.spkiSha256());
        }
        for (String n : x.notes()) {
            row(out, "note", n);
        }
    }

    private static void row(PrintWriter out, String name, String value) {
        out.printf("  %-12s %s%n", name, value);
    }

    private static void json(PrintWriter out, List<Inspection> all) throws IOException {
        try (JsonGenerator g = new com.fasterxml.jackson.core.JsonFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartArray();
            for (Inspection x : all) {
                g.writeStartObject();
                g.writeStringField("file", x.source());
                g.writeStringField("kind", x.kind());
                g.writeStringField("format", x.format());
                g.writeStringField("label", x.label());
                g.writeStringField("algorithm", x.algorithm());
                if (x.bits() > 0) {
                    g.writeNumberField("bits", x.bits());
                }
                g.writeStringField("curve", x.curve());
                g.writeBooleanField("encrypted", x.encryption().isPresent());
                if (x.encryption().isPresent()) {
                    Encryption e = x.encryption().get();
                    g.writeObjectFieldStart("encryption");
                    g.writeStringField("scheme", e.scheme());
                    g.writeStringField("kdf", e.kdf());
                    if (!e.prf().isEmpty()) {
                        g.writeStringField("prf", e.prf());
                    }
                    g.writeNumberField(e.kdf().equals("bcrypt") ? "rounds" : "iterations", e.cost());
                    g.writeStringField("salt", HexFormat.of().formatHex(e.salt()));
                    g.writeStringField("cipher", e.cipher());
                    g.writeEndObject();
                }
                g.writeStringField("comment", x.comment());
                g.writeStringField("ssh_fingerprint", x.sshFingerprint());
                g.writeStringField("spki_sha256", x.spkiSha256());
                g.writeArrayFieldStart("notes");
                for (String n : x.notes()) {
                    g.writeString(n);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        out.println();
    }
}
