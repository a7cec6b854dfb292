package dev.whale.cli.pki;

import dev.whale.cli.Errors;
import dev.whale.pki.x509.Certificate;
import dev.whale.pki.x509.CertificateText;
import dev.whale.pki.x509.Crl;
import dev.whale.pki.x509.NameFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code whale pki crl}: openssl crl 3.0. The one-line fields print to standard output in the order their options
 * are given; {@code -text} and the CRL itself go to {@code -out}; {@code -CAfile} checks the signature first and
 * says {@code verify OK} on stderr.
 */
@Command(name = "crl", mixinStandardHelpOptions = true, separator = " ",
        description = {"Print a certificate revocation list as openssl crl 3.0 prints it: the full text (revoked "
                + "serials, dates, reasons, extensions), the issuer and its hash, the update times, the CRL number "
                + "and fingerprint; check its signature against a CA (-CAfile); convert it between PEM and DER."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale pki crl -in crl.pem -noout -text",
                "  ./whale pki crl -in crl.pem -noout -CAfile ca.pem -issuer -lastupdate -nextupdate -fingerprint",
                "  ./whale pki crl -in crl.der -inform DER -outform PEM -out crl.pem",
                "  ./whale pki crl -in crl.pem -noout -hash    # the name of its link in a CApath: HASH.r0"})
final class CrlCommand implements Callable<Integer> {
    /** One print option. */
    enum Field { ISSUER, CRLNUMBER, HASH, HASH_OLD, LASTUPDATE, NEXTUPDATE, FINGERPRINT }

    @Spec
    CommandSpec spec;

    @Option(names = "-in", paramLabel = "FILE", description = "Input file (default: standard input).")
    Path in;

    @Option(names = "-inform", paramLabel = "PEM|DER", description = "Input format (default: detected).")
    String inform;

    @Mixin
    OutputOptions output;

    @Option(names = "-text", description = "Print the CRL in text form.")
    boolean text;

    @Option(names = "-noout", description = "Do not output the CRL.")
    boolean noout;

    @Option(names = "-issuer", description = "Print the issuer name.")
    boolean[] issuer;

    @Option(names = "-hash_old", description = "Print the hash of the issuer name as OpenSSL before 1.0 made it (MD5).")
    boolean hashOld;

    @Option(names = "-hash", description = "Print the hash of the issuer name.")
    boolean[] hash;

    @Option(names = "-lastupdate", description = "Print the lastUpdate time.")
    boolean[] lastupdate;

    @Option(names = "-nextupdate", description = "Print the nextUpdate time.")
    boolean[] nextupdate;

    @Option(names = "-crlnumber", description = "Print the CRL number.")
    boolean[] crlnumber;

    @Option(names = "-fingerprint", description = "Print the digest of the DER CRL (SHA1 by default).")
    boolean[] fingerprint;

    @Option(names = {"-md5", "-sha1", "-sha224", "-sha256", "-sha384", "-sha512", "-sha512-224", "-sha512-256",
        "-sha3-224", "-sha3-256", "-sha3-384", "-sha3-512"}, description = "Digest for -fingerprint.")
    boolean[] digestOption;

    @Mixin
    NameoptOption nameopt;

    @Option(names = "-verify", description = "Check the CRL's signature with the trusted certificate named as its "
            + "issuer (by default from the system's store); -CAfile, -CApath or -CAstore imply it.")
    boolean verify;

    @Mixin
    TrustOptions trust;

    @Override
    public Integer call() {
        boolean der = output.der(); // bad formats are refused before anything is read
        boolean derIn = inform != null && Outputs.isDer(inform, "-inform");
        NameFormat names = nameopt.format();
        Inputs.Input input = Inputs.read(in);
        Crl crl = inform == null ? Crl.read(input.bytes(), input.name())
                : derIn ? Crl.readDer(input.bytes(), input.name()) : Crl.readPem(input.bytes(), input.name());
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (verify || trust.named()) {
            List<Certificate> issuers = trust.trustStore().bySubject(crl.issuer());
            if (issuers.isEmpty()) {
                throw new Errors.FailureException("Error getting CRL issuer certificate: no trusted certificate "
                        + "(-CAfile, -CApath, -CAstore) is named " + crl.issuer().oneline());
            }
            stderr.println(crl.signedBy(issuers.get(0)) ? "verify OK" : "verify failure");
            stderr.flush();
        }
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        List<Field> order = order(args);
        String digest = "sha1";
        for (String a : args) {
            if (a.startsWith("-") && !a.equals("-fingerprint") && CertificateText.isDigest(a.substring(1))) {
                digest = a.substring(1);
            }
        }
        StringBuilder sb = new StringBuilder();
        for (Field f : order) {
            switch (f) {
                case ISSUER -> sb.append("issuer=").append(names.line(crl.issuer())).append('\n');
                case CRLNUMBER -> sb.append("crlNumber=").append(crl.crlNumber()).append('\n');
                case HASH -> sb.append(count(args) > 1 ? "issuer name hash=" : "").append(crl.issuer().hash())
                        .append('\n');
                case HASH_OLD -> sb.append(count(args) > 1 ? "issuer name old hash=" : "")
                        .append(crl.issuer().hashOld()).append('\n');
                case LASTUPDATE -> sb.append("lastUpdate=").append(crl.lastUpdate()).append('\n');
                case NEXTUPDATE -> sb.append("nextUpdate=").append(crl.nextUpdate()).append('\n');
                case FINGERPRINT -> sb.append(crl.fingerprint(digest)).append('\n');
            }
        }
        stdout.print(sb);
        stdout.flush();
        String printed = text ? crl.text(names) : "";
        if (noout) {
            if (!printed.isEmpty()) {
                Outputs.write(stdout, output.file, printed, false);
            }
            return 0;
        }
        if (der) {
            if (!printed.isEmpty()) {
                throw new Errors.UsageException("-text goes with PEM output, not -outform DER");
            }
            Outputs.writeDer(output.file, crl.der(), false);
        } else {
            Outputs.write(stdout, output.file, printed + crl.pem(), false);
        }
        return 0;
    }

    /** The options that take a value, which is not a print option whatever it says. */
    private static final List<String> VALUED = List.of("-in", "-inform", "-out", "-outform", "-nameopt", "-CAfile",
            "-CApath", "-CAstore");

    private static Field field(String arg) {
        return switch (arg) {
            case "-issuer" -> Field.ISSUER;
            case "-crlnumber" -> Field.CRLNUMBER;
            case "-hash" -> Field.HASH;
            case "-hash_old" -> Field.HASH_OLD;
            case "-lastupdate" -> Field.LASTUPDATE;
            case "-nextupdate" -> Field.NEXTUPDATE;
            case "-fingerprint" -> Field.FINGERPRINT;
            default -> null;
        };
    }

    /** The print options in the order given, each at the place of its last occurrence. */
    static List<Field> order(List<String> args) {
        List<Field> order = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (VALUED.contains(a)) {
                i++;
                continue;
            }
            Field f = field(a);
            if (f != null) {
                order.remove(f);
                order.add(f);
            }
        }
        return order;
    }

    /** How many print options were given, counting repeats, as OpenSSL's {@code num} does. */
    private static int count(List<String> args) {
        int n = 0;
        for (int i = 0; i < args.size(); i++) {
            if (VALUED.contains(args.get(i))) {
                i++;
            } else if (field(args.get(i)) != null) {
                n++;
            }
        }
        return n;
    }
}
