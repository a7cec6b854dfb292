package dev.whale.cli.pki;

import dev.whale.cli.Errors;
import dev.whale.pki.Pem;
import dev.whale.pki.PemBlock;
import dev.whale.pki.key.Curves;
import dev.whale.pki.key.KeyData;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code whale pki ecparam}: openssl ecparam (apps/ecparam.c) for named curves. */
@Command(name = "ecparam", mixinStandardHelpOptions = true, separator = " ",
        description = {"List the named curves, print a curve's parameters, and generate a key on it: 'BEGIN EC "
                + "PARAMETERS' then SEC 1 'BEGIN EC PRIVATE KEY', as OpenSSL 3.0 writes them. Curves are written "
                + "as named curves only; the WTLS, Oakley and SM2 curves are not available."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale pki ecparam -name prime256v1 -genkey -noout -out ec.pem",
                "  ./whale pki ecparam -name secp384r1 -text -noout",
                "  ./whale pki ecparam -list_curves"})
final class EcparamCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "-list_curves", description = "List the curves' short names.")
    boolean listCurves;

    @Option(names = "-name", paramLabel = "CURVE", description = "The curve: a short name or a NIST name (P-256).")
    String name;

    @Option(names = "-genkey", description = "Generate a key on the curve.")
    boolean genkey;

    @Option(names = "-noout", description = "Do not output the parameters.")
    boolean noout;

    @Option(names = "-text", description = "Print the parameters as text.")
    boolean text;

    @Option(names = "-check", description = "Check the parameters.")
    boolean check;

    @Option(names = "-in", paramLabel = "FILE", description = "Parameters file (default: standard input).")
    Path in;

    @Option(names = "-inform", paramLabel = "PEM|DER", defaultValue = "PEM", description = "Input format.")
    String inform;

    @Option(names = "-out", paramLabel = "FILE", description = "Output file (default: standard output).")
    Path out;

    @Option(names = "-outform", paramLabel = "PEM|DER", defaultValue = "PEM", description = "Output format.")
    String outform;

    @Option(names = "-param_enc", paramLabel = "ENC", description = "named_curve (explicit is not supported).")
    String paramEnc = "named_curve";

    @Option(names = "-conv_form", paramLabel = "FORM", description = "Point form of a new key's public key: "
            + "uncompressed (default) or compressed.")
    String convForm = "uncompressed";

    @Override
    public Integer call() {
        if (listCurves) {
            StringBuilder sb = new StringBuilder();
            for (Curves.Curve c : Curves.list()) {
                sb.append(String.format("  %-10s: %s%n", c.name(), c.comment()));
            }
            Outputs.write(spec.commandLine().getOut(), out, sb.toString(), false);
            return 0;
        }
        if (!paramEnc.equals("named_curve")) {
            throw new Errors.UsageException("-param_enc " + paramEnc + ": whale writes named curves only");
        }
        if (!List.of("uncompressed", "compressed").contains(convForm)) {
            throw new Errors.UsageException("-conv_form must be compressed or uncompressed: " + convForm);
        }
        boolean der = Outputs.isDer(outform, "-outform");
        String curve = name != null ? Curves.canonicalName(name) : read();
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        if (text) {
            result.writeBytes(Curves.parametersText(curve).getBytes(StandardCharsets.UTF_8));
        }
        if (check) {
            spec.commandLine().getErr().println("checking elliptic curve parameters: ok");
            spec.commandLine().getErr().flush();
        }
        if (!noout) {
            emit(result, PemBlock.of("EC PARAMETERS", Curves.parameters(curve)), der);
        }
        if (genkey) {
            KeyData key = Curves.generate(curve, new SecureRandom());
            emit(result, PemBlock.of("EC PRIVATE KEY", Curves.sec1(key.privateKey(), true,
                    convForm.equals("compressed"))), der);
        }
        if (der) {
            Outputs.writeDer(out, result.toByteArray(), genkey);
        } else {
            Outputs.write(spec.commandLine().getOut(), out, result.toString(StandardCharsets.UTF_8), genkey);
        }
        return 0;
    }

    private static void emit(ByteArrayOutputStream result, PemBlock block, boolean der) {
        result.writeBytes(der ? block.der() : Pem.write(block, 64).getBytes(StandardCharsets.UTF_8));
    }

    /** The curve of the parameters in -in, or standard input. */
    private String read() {
        Inputs.Input input = Inputs.read(in);
        byte[] der = input.bytes();
        if (!Outputs.isDer(inform, "-inform")) {
            PemBlock b = Pem.read(new String(der, StandardCharsets.UTF_8), input.name()).get(0);
            if (!b.label().equals("EC PARAMETERS")) {
                throw new Errors.FailureException(input.name() + ": expected BEGIN EC PARAMETERS, found BEGIN "
                        + b.label());
            }
            der = b.der();
        }
        return Curves.readParameters(der, input.name());
    }
}
