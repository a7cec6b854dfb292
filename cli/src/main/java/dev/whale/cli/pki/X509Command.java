package dev.whale.cli.pki;

import dev.whale.cli.AtomicFiles;
import dev.whale.cli.Errors;
import dev.whale.pki.PkiException;
import dev.whale.pki.key.Key;
import dev.whale.pki.verify.Purposes;
import dev.whale.pki.x509.Certificate;
import dev.whale.pki.x509.CertificateRequest;
import dev.whale.pki.x509.CertificateText;
import dev.whale.pki.x509.NameFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code whale pki x509}: openssl x509's display options. The fields print in the order their options are given,
 * an option given twice taking its last place, as apps/x509.c numbers them; the certificate follows unless
 * {@code -noout}. Several {@code -in} files (or a directory) are printed one after another in one process; a file
 * that cannot be read gets one line on stderr, the others are still printed, and the exit code is then 1.
 */
@Command(name = "x509", mixinStandardHelpOptions = true, separator = " ",
        description = {"Print a certificate's fields as openssl x509 3.0 prints them: the full text, the subject, "
                + "issuer (in any -nameopt form), serial, dates, fingerprint, public key and modulus, chosen "
                + "extensions (-ext), purposes, and whether it expires soon (-checkend); write it out as PEM or DER, "
                + "or as a request (-x509toreq). With -req, make a certificate from a request: signed by a CA (-CA, "
                + "-CAkey) or self-signed (-signkey)."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale pki x509 -inform pem -in amazon-root-ca-1.pem -noout -text",
                "  ./whale pki x509 -in cert.pem -noout -subject -dates -fingerprint -sha256",
                "  ./whale pki x509 -in cert.der -outform PEM -out cert.pem",
                "  ./whale pki x509 -noout -text -in /etc/ssl/certs     # all of a directory",
                "  ./whale pki x509 -in cert.pem -checkend 86400 -noout  # exit 1 if it expires within a day",
                "  ./whale pki x509 -in cert.pem -noout -ext subjectAltName,keyUsage -subject -nameopt RFC2253",
                "  ./whale pki x509 -in cert.pem -noout -purpose -modulus",
                "  ./whale pki x509 -in cert.pem -x509toreq -signkey key.pem -out cert.csr",
                "  ./whale pki x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem",
                "  ./whale pki x509 -req -in server.csr -signkey server.key -days 365 -out server.pem"})
final class X509Command implements Callable<Integer> {
    /** Options whose value is the next argument, skipped when the print options are put in order. */
    private static final Set<String> WITH_VALUE = Set.of("-in", "-inform", "-out", "-outform", "-CA", "-CAkey",
            "-passin", "-days", "-extfile", "-extensions", "-signkey", "-key", "-set_serial", "-CAserial",
            "-nameopt", "-checkend");
    /** How many files are read and printed ahead of the one being written out. */
    private static final int WINDOW = 64;

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Mixin
    OutputOptions output;

    @Option(names = "-noout", description = "Do not output the certificate.")
    boolean[] noout;

    @Option(names = "-text", description = "Print the certificate in text form.")
    boolean[] text;

    @Option(names = "-subject", description = "Print the subject name.")
    boolean[] subject;

    @Option(names = "-issuer", description = "Print the issuer name.")
    boolean[] issuer;

    @Option(names = "-serial", description = "Print the serial number.")
    boolean[] serial;

    @Option(names = "-startdate", description = "Print the notBefore date.")
    boolean[] startdate;

    @Option(names = "-enddate", description = "Print the notAfter date.")
    boolean[] enddate;

    @Option(names = "-dates", description = "Print both dates.")
    boolean[] dates;

    @Option(names = "-fingerprint", description = "Print the digest of the DER certificate (SHA1 by default).")
    boolean[] fingerprint;

    @Option(names = "-pubkey", description = "Print the public key as PEM.")
    boolean[] pubkey;

    @Option(names = {"-md5", "-sha1", "-sha224", "-sha256", "-sha384", "-sha512", "-sha512-224", "-sha512-256",
        "-sha3-224", "-sha3-256", "-sha3-384", "-sha3-512", "-MD5", "-SHA1", "-SHA224", "-SHA256", "-SHA384",
        "-SHA512"}, description = "Digest for -fingerprint.")
    boolean[] digestOption;

    // The print options are arrays because OpenSSL takes an option given twice; their order comes from the
    // arguments themselves (see order()).

    /** One print option, in the order OpenSSL prints them. */
    enum Field {
        ISSUER, SUBJECT, SERIAL, MODULUS, PUBKEY, TEXT, EXT, STARTDATE, ENDDATE, FINGERPRINT, PURPOSE, SUBJECT_HASH,
        ISSUER_HASH, SUBJECT_HASH_OLD, ISSUER_HASH_OLD
    }

    @Option(names = {"-hash", "-subject_hash"}, description = "Print the subject name's hash, the name of its link "
            + "in a CApath directory (HASH.0).")
    boolean[] subjectHash;

    @Option(names = "-issuer_hash", description = "Print the issuer name's hash.")
    boolean[] issuerHash;

    @Option(names = "-subject_hash_old", description = "Print the subject name's hash as OpenSSL before 1.0 made it "
            + "(MD5).")
    boolean[] subjectHashOld;

    @Option(names = "-issuer_hash_old", description = "Print the issuer name's hash as OpenSSL before 1.0 made it.")
    boolean[] issuerHashOld;

    @Option(names = "-modulus", description = "Print the RSA key's modulus.")
    boolean[] modulus;

    @Option(names = "-ext", paramLabel = "NAMES", description = "Print these extensions, by short name, "
            + "comma-separated: subjectAltName,keyUsage,basicConstraints,...")
    String ext;

    @Option(names = "-purpose", description = "Print the purposes the certificate may serve, as a leaf and as a CA.")
    boolean[] purpose;

    @Mixin
    NameoptOption nameopt;

    @Option(names = "-checkend", paramLabel = "SECONDS", description = "Say whether the certificate expires within "
            + "SECONDS: 'Certificate will expire' and exit 1, or 'Certificate will not expire' and exit 0.")
    String checkend;

    @Option(names = "-x509toreq", description = "Output a certificate request for the certificate's subject and key, "
            + "signed with -signkey.")
    boolean x509toreq;

    @Option(names = "-req", description = "The input is a certificate request for -CA to sign.")
    boolean req;

    @Option(names = "-CA", paramLabel = "FILE", description = "With -req: the CA certificate that signs.")
    Path ca;

    @Option(names = "-CAkey", paramLabel = "FILE", description = "With -req: the CA's private key.")
    Path caKey;

    @Mixin
    PassinOption passin;

    @Option(names = "-days", paramLabel = "N", defaultValue = "30",
            description = "With -req: days the certificate is valid (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "-extfile", paramLabel = "FILE", description = "With -req: extensions in OpenSSL config syntax.")
    Path extfile;

    @Option(names = "-extensions", paramLabel = "SECTION", description = "With -extfile: the section to use.")
    String extensions;

    @Option(names = {"-signkey", "-key"}, paramLabel = "FILE", description = "With -req: self-sign the request with "
            + "this private key, whose public key goes into the certificate; with -x509toreq: sign the request.")
    Path signKey;

    @Option(names = "-set_serial", paramLabel = "N", description = "With -req: the serial number, decimal or 0x hex "
            + "(default: from the CA's serial file, else random).")
    String setSerial;

    @Option(names = "-CAserial", paramLabel = "FILE", description = "With -CA: the file that holds the last serial "
            + "number, in hex (default: the CA's file name with .srl, used when it exists).")
    Path caSerial;

    @Option(names = "-CAcreateserial", description = "With -CA: start the serial file with a random number when it "
            + "is missing.")
    boolean createSerial;

    @Override
    public Integer call() {
        boolean der = output.der(); // a bad -outform is refused before anything is read or written
        if (req) {
            if (input.paths.size() > 1) {
                throw new Errors.UsageException("-req signs one request at a time");
            }
            String d = digest(spec.commandLine().getParseResult().originalArgs());
            Path csr = input.paths.isEmpty() ? null : input.paths.get(0);
            return X509Signing.sign(new X509Signing.Request(csr, ca, caKey, caSerial,
                    createSerial, setSerial, signKey, passin.passphrase(), days, extfile, extensions,
                    d.equalsIgnoreCase("SHA1") ? "sha256" : d.toLowerCase(Locale.ROOT), output),
                    spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        if ((signKey != null && !x509toreq) || setSerial != null || caSerial != null || createSerial) {
            throw new Errors.UsageException("-signkey, -set_serial, -CAserial and -CAcreateserial go with -req, "
                    + "which makes a certificate from a request");
        }
        input.der(); // a bad -inform is refused before anything is read
        List<Field> order = order(spec.commandLine().getParseResult().originalArgs());
        String digest = digest(spec.commandLine().getParseResult().originalArgs());
        Print print = new Print(order, digest, nameopt.format(), ext, checkendAt(), requestKey(digest),
                der);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        List<Path> files = input.files();
        ByteArrayOutputStream toFile = output.file == null ? null : new ByteArrayOutputStream();
        int exit = 0;
        // Files are read and printed on all cores, and written out in their order.
        ExecutorService pool = files.size() > 1 ? Executors.newFixedThreadPool(
                Math.min(files.size(), Runtime.getRuntime().availableProcessors())) : null;
        try {
            Deque<Future<Result>> pending = new ArrayDeque<>();
            int next = 0;
            while (next < files.size() || !pending.isEmpty()) {
                while (next < files.size() && pending.size() < WINDOW) {
                    Path f = files.get(next++);
                    pending.add(pool == null ? CompletableFuture.completedFuture(result(f, print))
                            : pool.submit(() -> result(f, print)));
                }
                Result r = get(pending.removeFirst());
                if (r.warning() != null) {
                    stderr.print(r.warning());
                    stderr.flush();
                }
                exit = Math.max(exit, r.exit());
                if (r.error() != null) {
                    stderr.println(spec.qualifiedName() + ": " + r.error());
                    stderr.flush();
                    exit = 1;
                } else if (toFile != null) {
                    toFile.writeBytes(r.text().getBytes(StandardCharsets.UTF_8));
                    toFile.writeBytes(r.cert());
                } else {
                    stdout.print(r.text());
                    if (der && r.cert().length > 0) {
                        stdout.flush();
                        Outputs.writeDer(null, r.cert(), false);
                    } else {
                        stdout.print(new String(r.cert(), StandardCharsets.US_ASCII));
                    }
                    stdout.flush();
                }
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        if (toFile != null) {
            AtomicFiles.write(output.file, toFile.toByteArray(), false);
        }
        return exit;
    }

    /**
     * What to print of each certificate: the fields in order, the digest of -fingerprint, the form of names, the
     * -ext names, the moment -checkend asks about (or null), the key that signs -x509toreq's request (or null).
     */
    private record Print(List<Field> order, String digest, NameFormat names, String ext, Instant checkend,
                         Key requestKey, boolean der) {}

    /**
     * One file's output: its text and certificate (or request), or the line that says why it could not be read;
     * what goes to stderr besides, and the exit code it asks for.
     */
    private record Result(String text, byte[] cert, String error, String warning, int exit) {}

    private Result result(Path f, Print p) {
        try {
            Inputs.Input input = Inputs.read(f);
            Certificate c = read(input);
            StringBuilder warning = new StringBuilder();
            StringBuilder printed = new StringBuilder();
            if (p.requestKey() != null && noout == null) {
                // Without a digest option the key's default signs, SHA-256, as in OpenSSL 3.0.
                CertificateRequest csr = CertificateRequest.fromCertificate(c, p.requestKey(),
                        p.digest().equalsIgnoreCase("SHA1") ? null : p.digest().toLowerCase(java.util.Locale.ROOT));
                if (p.der()) {
                    return new Result("", csr.der(), null, null, 0);
                }
                printed.append(csr.pem());
            }
            printed.append(print(c, p, warning));
            int exit = 0;
            byte[] cert;
            if (p.checkend() != null) {
                exit = c.expiredAt(p.checkend()) ? 1 : 0;
                printed.append(exit == 1 ? "Certificate will expire\n" : "Certificate will not expire\n");
                cert = new byte[0];
            } else {
                cert = noout != null || p.requestKey() != null ? new byte[0]
                        : p.der() ? c.der() : c.pem().getBytes(StandardCharsets.US_ASCII);
            }
            return new Result(printed.toString(), cert, null, warning.isEmpty() ? null : warning.toString(), exit);
        } catch (PkiException | Errors.FailureException e) {
            return new Result(null, null, e.getMessage(), null, 1);
        }
    }

    /** The moment -checkend asks about: now plus its seconds, which may be negative; null without -checkend. */
    private Instant checkendAt() {
        if (checkend == null) {
            return null;
        }
        try {
            return Instant.now().plusSeconds(Long.parseLong(checkend.strip()));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw new Errors.FailureException("-checkend: can't parse \"" + checkend + "\" as a number of seconds");
        }
    }

    /** The private key that signs -x509toreq's request, read once before the files; null without -x509toreq. */
    private Key requestKey(String digest) {
        if (!x509toreq) {
            return null;
        }
        if (signKey == null) {
            throw new Errors.FailureException("-x509toreq: Must specify request signing key using -signkey (or "
                    + "-key)");
        }
        return X509Signing.privateKey(signKey, passin.passphrase(), "a private key to sign the request with");
    }

    private static Result get(Future<Result> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Errors.FailureException("interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private Certificate read(Inputs.Input in) {
        if (!input.formatGiven()) {
            return Certificate.read(in.bytes(), in.name());
        }
        return input.der() ? Certificate.readDer(in.bytes(), in.name()) : Certificate.readPem(in.bytes(), in.name());
    }

    private static String print(Certificate c, Print p, StringBuilder warning) {
        String digest = p.digest();
        StringBuilder sb = new StringBuilder(p.order().contains(Field.TEXT) ? 4096 : 256);
        for (Field field : p.order()) {
            switch (field) {
                case ISSUER -> sb.append("issuer=").append(CertificateText.issuer(c, p.names())).append('\n');
                case SUBJECT -> sb.append("subject=").append(CertificateText.subject(c, p.names())).append('\n');
                case SERIAL -> sb.append("serial=").append(CertificateText.serial(c)).append('\n');
                case MODULUS -> sb.append("Modulus=").append(CertificateText.modulus(c)).append('\n');
                case PUBKEY -> sb.append(c.publicKeyPem());
                case TEXT -> sb.append(CertificateText.of(c, p.names()));
                case EXT -> {
                    String exts = CertificateText.extensions(c, p.ext());
                    if (exts.isEmpty()) {
                        warning.append("No extensions in certificate\n");
                    }
                    sb.append(exts);
                }
                case PURPOSE -> sb.append(Purposes.text(c));
                case STARTDATE -> sb.append("notBefore=").append(CertificateText.notBefore(c)).append('\n');
                case ENDDATE -> sb.append("notAfter=").append(CertificateText.notAfter(c)).append('\n');
                case FINGERPRINT -> sb.append(digest).append(" Fingerprint=")
                        .append(CertificateText.fingerprint(c, digest)).append('\n');
                case SUBJECT_HASH -> sb.append(c.subject().hash()).append('\n');
                case ISSUER_HASH -> sb.append(c.issuer().hash()).append('\n');
                case SUBJECT_HASH_OLD -> sb.append(c.subject().hashOld()).append('\n');
                case ISSUER_HASH_OLD -> sb.append(c.issuer().hashOld()).append('\n');
            }
        }
        return sb.toString();
    }

    /** The print options in the order given, each at the place of its last occurrence; -dates is both dates. */
    static List<Field> order(List<String> args) {
        List<Field> order = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-ext")) {
                i++;
                order.remove(Field.EXT);
                order.add(Field.EXT);
                continue;
            }
            if (WITH_VALUE.contains(a)) {
                i++;
                continue;
            }
            List<Field> fields = switch (a) {
                case "-modulus" -> List.of(Field.MODULUS);
                case "-purpose" -> List.of(Field.PURPOSE);
                case "-issuer" -> List.of(Field.ISSUER);
                case "-subject" -> List.of(Field.SUBJECT);
                case "-serial" -> List.of(Field.SERIAL);
                case "-pubkey" -> List.of(Field.PUBKEY);
                case "-text" -> List.of(Field.TEXT);
                case "-startdate" -> List.of(Field.STARTDATE);
                case "-enddate" -> List.of(Field.ENDDATE);
                case "-dates" -> List.of(Field.STARTDATE, Field.ENDDATE);
                case "-fingerprint" -> List.of(Field.FINGERPRINT);
                case "-hash", "-subject_hash" -> List.of(Field.SUBJECT_HASH);
                case "-issuer_hash" -> List.of(Field.ISSUER_HASH);
                case "-subject_hash_old" -> List.of(Field.SUBJECT_HASH_OLD);
                case "-issuer_hash_old" -> List.of(Field.ISSUER_HASH_OLD);
                default -> List.of();
            };
            for (Field f : fields) {
                order.remove(f);
                order.add(f);
            }
        }
        return order;
    }

    /** The digest of -fingerprint as named by its last option, as it was typed; SHA1 when none is given. */
    static String digest(List<String> args) {
        String digest = "SHA1";
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (WITH_VALUE.contains(a)) {
                i++;
            } else if (a.length() > 1 && a.charAt(0) == '-' && CertificateText.isDigest(a.substring(1))) {
                digest = a.substring(1);
            }
        }
        return digest;
    }
}
