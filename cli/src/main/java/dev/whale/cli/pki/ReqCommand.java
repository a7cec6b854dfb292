package dev.whale.cli.pki;

import dev.whale.cli.AtomicFiles;
import dev.whale.cli.Errors;
import dev.whale.pki.Pem;
import dev.whale.pki.PemBlock;
import dev.whale.pki.PkiException;
import dev.whale.pki.key.KeyData;
import dev.whale.pki.key.Keys;
import dev.whale.pki.key.Pkcs8;
import dev.whale.pki.x509.Certificate;
import dev.whale.pki.x509.CertificateRequest;
import dev.whale.pki.x509.CertificateText;
import dev.whale.pki.x509.ExtensionConfig;
import dev.whale.pki.x509.ExtensionSpec;
import dev.whale.pki.x509.Issuer;
import dev.whale.pki.x509.Name;
import dev.whale.pki.x509.Serials;
import dev.whale.pki.x509.SubjectArgument;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code whale pki req}: openssl req for self-signed certificates and certificate requests, with the defaults of
 * Debian's openssl.cnf (v3_ca extensions for -x509, UTF8String names, a new key in privkey.pem unless -keyout).
 */
@Command(name = "req", mixinStandardHelpOptions = true, separator = " ",
        description = {"Make a self-signed certificate (-x509) or a certificate request (-new) for a new key "
                + "(-newkey) or an existing one (-key), as openssl req does. The private key is written as PKCS#8, "
                + "encrypted with AES-256-CBC (PBES2, PBKDF2 with HMAC-SHA256, " + Pkcs8.DEFAULT_ITERATIONS
                + " iterations) unless -nodes."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale pki req -x509 -newkey rsa:2048 -keyout self-signed-key.pem -out self-signed.pem \\",
                "      -days 365 -nodes -subj '/CN=localhost'",
                "  ./whale pki req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -keyout key.pem -out cert.pem \\",
                "      -nodes -subj '/CN=localhost' -addext 'subjectAltName=DNS:localhost,IP:127.0.0.1'",
                "  ./whale pki req -new -key key.pem -subj '/CN=server.example' -out server.csr",
                "  ./whale pki req -verify -in server.csr -noout",
                "  ./whale pki req -in server.csr -noout -text -pubkey -subject -nameopt RFC2253"})
final class ReqCommand implements Callable<Integer> {
    /** openssl.cnf's default_keyfile: where a new key goes without -keyout. */
    static final Path DEFAULT_KEYFILE = Path.of("privkey.pem");

    @Spec
    CommandSpec spec;

    @Option(names = "-x509", description = "Output a self-signed certificate instead of a request.")
    boolean x509;

    @Option(names = "-new", description = "Make a new certificate request.")
    boolean makeNew;

    @Option(names = "-newkey", paramLabel = "ALG", description = "Generate a key: rsa:BITS, rsa, ec (with -pkeyopt "
            + "ec_paramgen_curve:P-256) or ed25519.")
    String newkey;

    @Option(names = "-pkeyopt", paramLabel = "OPT:VALUE", description = "Key generation setting, repeatable: "
            + "rsa_keygen_bits:N, ec_paramgen_curve:P-256|P-384|P-521.")
    List<String> pkeyopts = new ArrayList<>();

    @Option(names = "-key", paramLabel = "FILE", description = "Use this private key.")
    Path key;

    @Mixin
    PassinOption passin;

    @Option(names = "-keyout", paramLabel = "FILE", description = "Where the new key goes (default: privkey.pem).")
    Path keyout;

    @Option(names = {"-nodes", "-noenc"}, description = "Do not encrypt the new key.")
    boolean nodes;

    @Option(names = "-passout", paramLabel = "SOURCE", description = "Passphrase for the new key: pass:TEXT, "
            + "env:VAR, file:PATH (default: asked twice).")
    String passout;

    @Option(names = "-subj", paramLabel = "NAME", description = "Subject: /type0=value0/type1=value1, \\ escapes, "
            + "+ joins attributes into one RDN.")
    String subj;

    @Option(names = "-utf8", description = "The -subj argument is UTF-8 (by default each byte is a character).")
    boolean utf8;

    @Option(names = "-addext", paramLabel = "EXT", description = "Add an extension, repeatable: "
            + "'subjectAltName=DNS:localhost,IP:127.0.0.1', 'keyUsage=critical,digitalSignature'.")
    List<String> addext = new ArrayList<>();

    @Option(names = "-days", paramLabel = "N", defaultValue = "30", description = "Days the certificate is valid "
            + "(default: 30).")
    long days;

    @Option(names = "-set_serial", paramLabel = "N", description = "Serial number (default: 159 random bits).")
    String serial;

    @Option(names = "-sha1", description = "Sign with SHA-1.")
    boolean sha1;

    @Option(names = "-sha224", description = "Sign with SHA-224.")
    boolean sha224;

    @Option(names = "-sha256", description = "Sign with SHA-256 (the default; Ed25519 takes no digest).")
    boolean sha256;

    @Option(names = "-sha384", description = "Sign with SHA-384.")
    boolean sha384;

    @Option(names = "-sha512", description = "Sign with SHA-512.")
    boolean sha512;

    @Option(names = "-in", paramLabel = "FILE", description = "Read a request instead of making one.")
    Path in;

    @Option(names = "-verify", description = "Check the request's self-signature.")
    boolean verify;

    @Option(names = "-noout", description = "Do not output the request.")
    boolean noout;

    @Option(names = "-subject", description = "Print the request's subject.")
    boolean printSubject;

    @Option(names = "-text", description = "Print the request as text, as openssl req -text does.")
    boolean printText;

    @Option(names = "-pubkey", description = "Print the request's public key as PEM.")
    boolean pubkey;

    @Option(names = "-modulus", description = "Print the RSA key's modulus.")
    boolean modulus;

    @Mixin
    NameoptOption nameopt;

    @Option(names = "-out", paramLabel = "FILE", description = "Output file (default: standard output).")
    Path out;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (in != null) {
            if (x509 || makeNew) {
                throw new Errors.UsageException("-in reads a request to check or print; whale does not turn one into "
                        + "a certificate here (that is x509 -req -CA)");
            }
            return existingRequest(stdout, err);
        }
        if (!x509 && !makeNew && newkey == null) {
            throw new Errors.UsageException("give -new (a request), -x509 (a self-signed certificate) or -in FILE");
        }
        if (newkey != null && key != null) {
            throw new Errors.UsageException("-newkey and -key cannot be combined: generate a key or use one");
        }
        if (subj == null) {
            throw new Errors.UsageException("-subj is needed, such as -subj '/CN=localhost'; whale does not ask for "
                    + "the name fields");
        }
        SubjectArgument.Parsed name = SubjectArgument.parse(subj, utf8);
        String digest = sha512 ? "sha512" : sha384 ? "sha384" : sha224 ? "sha224" : sha1 ? "sha1" : "sha256";
        List<ExtensionSpec> extra = addedExtensions();
        BigInteger sn = serialNumber();
        KeyData k = key != null ? Keys.read(Inputs.read(key).bytes(), key.toString(), passin.passphrase())
                : newKey(err);
        if (!k.isPrivate()) {
            throw new Errors.FailureException(key + ": expected a private key, found a public key");
        }
        for (String w : name.warnings()) {
            err.println("req " + (w.startsWith("hint: ") ? "hint: " + w.substring(6) : "warning: " + w));
        }
        err.flush();
        String text;
        if (x509) {
            List<ExtensionSpec> exts = new ArrayList<>(ExtensionConfig.V3_CA);
            exts.addAll(extra);
            Issuer.Builder b = Issuer.selfSigned(k.privateKey()).subject(name.name()).days(days).extensions(exts)
                    .digest(digest);
            if (sn != null) {
                b.serial(sn);
            }
            Certificate c = b.issue();
            text = printed(c::publicKeyPem, () -> CertificateText.of(c, nameopt.format()), c.subject(),
                    () -> CertificateText.modulus(c), noout ? null : c.pem());
        } else {
            CertificateRequest csr = CertificateRequest.create(name.name(), k.privateKey(), extra, digest);
            text = printed(csr::publicKeyPem, () -> csr.text(nameopt.format()), csr.subject(), csr::modulus,
                    noout ? null : csr.pem());
        }
        if (!text.isEmpty()) {
            Outputs.write(stdout, out, text, false);
        }
        return 0;
    }

    /**
     * What req prints after making or reading a request or certificate, in OpenSSL's fixed order whatever the order
     * of the options: its public key, text, subject and modulus as asked, then {@code pem} unless it is null.
     */
    private String printed(Supplier<String> publicKeyPem, Supplier<String> text, Name subject,
                           Supplier<String> modulusText, String pem) {
        StringBuilder sb = new StringBuilder();
        if (pubkey) {
            sb.append(publicKeyPem.get());
        }
        if (printText) {
            sb.append(text.get());
        }
        if (printSubject) {
            sb.append("subject=").append(nameopt.format().line(subject)).append('\n');
        }
        if (modulus) {
            sb.append("Modulus=").append(modulusText.get()).append('\n');
        }
        if (pem != null) {
            sb.append(pem);
        }
        return sb.toString();
    }

    /** A new key as -newkey and -pkeyopt say (RSA 2048 without -newkey, as openssl.cnf's default_bits), saved. */
    private KeyData newKey(PrintWriter err) {
        String spec = newkey == null ? "rsa" : newkey;
        int colon = spec.indexOf(':');
        String alg = (colon < 0 ? spec : spec.substring(0, colon)).toUpperCase(Locale.ROOT);
        int bits = 2048;
        if (colon >= 0) {
            if (!alg.equals("RSA")) {
                throw new Errors.UsageException("-newkey " + spec + ": only rsa:BITS takes a parameter; give EC "
                        + "curves with -pkeyopt ec_paramgen_curve:P-256");
            }
            try {
                bits = Integer.parseInt(spec.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new Errors.UsageException("-newkey " + spec + ": the RSA key size must be a number of bits");
            }
        }
        if (!alg.equals("RSA") && !alg.equals("EC") && !alg.equals("ED25519")) {
            throw new Errors.UsageException("-newkey " + spec + ": choose rsa:BITS, ec or ed25519");
        }
        KeyOptions options = KeyOptions.parse(alg, bits, pkeyopts);
        if (alg.equals("EC") && options.curve() == null) {
            throw new Errors.UsageException("-newkey ec needs a curve: -pkeyopt ec_paramgen_curve:P-256 (or P-384, "
                    + "P-521)");
        }
        KeyData k = options.generate(err);
        PemBlock block = nodes ? PemBlock.of("PRIVATE KEY", Keys.pkcs8(k.privateKey()))
                : Encrypting.encrypt(k, "aes-256-cbc", Pkcs8.DEFAULT_ITERATIONS, passout, "-passout",
                        "PEM pass phrase");
        AtomicFiles.write(keyout == null ? DEFAULT_KEYFILE : keyout, Pem.write(block.label(), block.der()), true);
        err.println("-----");
        err.flush();
        return k;
    }

    /** The -addext extensions; naming one twice is an error, as in OpenSSL. */
    private List<ExtensionSpec> addedExtensions() {
        List<ExtensionSpec> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String a : addext) {
            ExtensionSpec e = ExtensionSpec.parse(a, "-addext");
            if (!seen.add(e.name())) {
                throw new Errors.UsageException("Duplicate extension: " + a);
            }
            out.add(e);
        }
        return out;
    }

    private BigInteger serialNumber() {
        if (serial == null) {
            return null;
        }
        try {
            return Serials.parse(serial);
        } catch (PkiException e) {
            throw new Errors.FailureException("-set_serial: " + e.getMessage(), e);
        }
    }

    /**
     * -in: check the request's signature (-verify), print its key, text, subject and modulus, write it out unless
     * -noout.
     */
    private int existingRequest(PrintWriter stdout, PrintWriter err) {
        Inputs.Input input = Inputs.read(in);
        CertificateRequest csr = CertificateRequest.read(input.bytes(), input.name());
        int exit = 0;
        if (verify) {
            if (csr.signatureValid()) {
                err.println("Certificate request self-signature verify OK");
            } else {
                err.println("Certificate request self-signature verify failure");
                exit = 1;
            }
            err.flush();
        }
        String text = printed(csr::publicKeyPem, () -> csr.text(nameopt.format()), csr.subject(), csr::modulus,
                noout || exit != 0 ? null : csr.pem());
        if (!text.isEmpty()) {
            Outputs.write(stdout, out, text, false);
        }
        return exit;
    }
}
