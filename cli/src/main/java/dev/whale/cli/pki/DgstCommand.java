package dev.whale.cli.pki;

import dev.whale.cli.Errors;
import dev.whale.pki.PkiException;
import dev.whale.pki.digest.DigestAlgorithm;
import dev.whale.pki.digest.DigestSignatures;
import dev.whale.pki.digest.Digester;
import dev.whale.pki.digest.Pss;
import dev.whale.pki.key.Key;
import dev.whale.pki.key.KeyData;
import dev.whale.pki.key.Keys;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code whale pki dgst}: openssl dgst, digests of files and the signatures over them (apps/dgst.c). */
@Command(name = "dgst", mixinStandardHelpOptions = true, separator = " ",
        description = {"Print the digest of each file (or of standard input) as OpenSSL 3.0 prints it, "
                + "'SHA2-256(FILE)= hex'; sign a digest with an RSA or EC key, or verify such a signature. "
                + "The digest is any of 'whale pki dgst -list', given as an option: -sha256 (the default), -sha1, "
                + "-sha512, -sha3-256, -md5, -blake2b512, -shake128, …"},
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale pki dgst -sha256 big.iso                      # SHA2-256(big.iso)= 1121b9…",
                "  ./whale pki dgst -sha256 -r *.txt                     # coreutils' sha256sum format",
                "  ./whale pki dgst -sha256 -sign private.pem -out data.sig data.txt",
                "  ./whale pki dgst -sha256 -verify public.pem -signature data.sig data.txt   # Verified OK",
                "  ./whale pki dgst -sha256 -hmac \"$SECRET\" payload.json   # HMAC-SHA2-256(payload.json)= 5c3e…"})
final class DgstCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Files to digest (default: standard input).")
    List<Path> files = new ArrayList<>();

    /** The digest options (-sha256, -md5, …): OpenSSL takes any digest's name as an option. */
    @Unmatched
    List<String> unmatched = new ArrayList<>();

    /** RIPEMD-160's names start like -r: declared, so that picocli does not read them as -r and more. */
    @Option(names = {"-ripemd", "-ripemd160", "-rmd160"}, hidden = true)
    void ripemd(boolean on) {
        unmatched.add("-ripemd160");
    }

    @Option(names = "-list", description = "List the digests.")
    boolean list;

    private int separator;
    private Boolean binary;

    @Option(names = "-c", description = "Print the digest with colons between the bytes.")
    void colons(boolean on) {
        separator = 1;
    }

    @Option(names = "-r", description = "Print the digest in coreutils format: 'hex *FILE'.")
    void coreutils(boolean on) {
        separator = 2;
    }

    @Option(names = "-hex", description = "Print the digest or signature as hex (the default for digests).")
    void hex(boolean on) {
        binary = false;
    }

    @Option(names = "-binary", description = "Write the digest or signature as raw bytes (the default for -sign).")
    void binary(boolean on) {
        binary = true;
    }

    @Option(names = "-out", paramLabel = "FILE", description = "Output file (default: standard output).")
    Path out;

    @Option(names = "-xoflen", paramLabel = "N", description = "Length in bytes of a SHAKE digest.")
    Integer xoflen;

    @Option(names = "-sign", paramLabel = "KEY", description = "Sign the digest with this private key (RSA, EC).")
    Path signKey;

    @Option(names = "-verify", paramLabel = "PUBKEY", description = "Verify -signature with this public key.")
    Path verifyKey;

    @Option(names = "-prverify", paramLabel = "KEY", description = "Verify -signature with this private key.")
    Path prverifyKey;

    @Option(names = "-signature", paramLabel = "FILE", description = "The signature to verify.")
    Path signature;

    @Option(names = "-keyform", paramLabel = "PEM|DER", description = "Key format (default: detected).")
    String keyform;

    @Option(names = "-hmac", paramLabel = "KEY", description = "Print the HMAC of each file with this key (its bytes "
            + "as typed) instead of the digest.")
    String hmacKey;

    @Option(names = "-mac", paramLabel = "ALG", description = "Print a MAC instead of the digest: HMAC, with a key "
            + "given by -macopt and a digest option such as -sha256.")
    String mac;

    @Option(names = "-macopt", paramLabel = "OPT", description = "The MAC's key: key:KEY (its bytes as typed) or "
            + "hexkey:HEX.")
    List<String> macopts = new ArrayList<>();

    @Option(names = "-sigopt", paramLabel = "OPT", description = "An RSA signature option: rsa_padding_mode:pkcs1|pss, "
            + "and for PSS rsa_pss_saltlen:digest|max|auto|N and rsa_mgf1_md:DIGEST.")
    List<String> sigopts = new ArrayList<>();

    @Mixin
    PassinOption passin;

    @Override
    public Integer call() {
        if (list) {
            return list();
        }
        String digestName = null;
        for (String u : unmatched) {
            if (!u.startsWith("-") || u.length() < 2) {
                throw new Errors.UsageException("Unknown option or message digest: " + u);
            }
            digestName = u.substring(1);
        }
        DigestAlgorithm algorithm = algorithm(digestName);
        if (keyform != null) {
            Outputs.isDer(keyform, "-keyform");
        }
        if (xoflen != null && !algorithm.isXof()) {
            throw new Errors.FailureException("Length can only be specified for XOF");
        }
        if (xoflen != null && xoflen <= 0) {
            throw new Errors.UsageException("Non-positive number \"" + xoflen + "\" for option -xoflen");
        }
        Path keyFile = signKey != null ? signKey : verifyKey != null ? verifyKey : prverifyKey;
        if (keyFile == null && signature != null) {
            // OpenSSL ignores a signature without a key to check it with.
            signature = null;
        }
        if (keyFile != null && files.size() > 1) {
            throw new Errors.FailureException("Can only sign or verify one file.");
        }
        boolean verifying = verifyKey != null || prverifyKey != null;
        if (verifying && signature == null) {
            throw new Errors.FailureException("No signature to verify: use the -signature option");
        }
        byte[] macKey = macKey(digestName != null);
        if (macKey != null && keyFile != null) {
            throw new Errors.FailureException("MAC and signing key cannot both be specified");
        }
        if (macKey != null && algorithm.isXof()) {
            throw new Errors.FailureException("HMAC needs a digest of fixed length; " + algorithm.name()
                    + " is an extendable-output function");
        }
        if (macKey != null && !sigopts.isEmpty()) {
            throw new Errors.FailureException("-sigopt is for -sign, -verify and -prverify, not for a MAC");
        }
        Key key = keyFile == null ? null : key(keyFile, verifyKey == null);
        // OpenSSL ignores signature options without a key to sign or verify with.
        Pss pss = key == null ? null : pss(key);
        byte[] sig = signature == null ? null : Inputs.read(signature).bytes();
        boolean raw = binary != null ? binary : signKey != null;
        // OpenSSL prints the default digest of a plain or HMAC dgst under its legacy name, and standard input
        // under the digest's name alone.
        String digestLabel = digestName == null && key == null ? "SHA256" : algorithm.name();
        String label = key != null ? DigestSignatures.label(key, algorithm)
                : macKey != null ? "HMAC-" + digestLabel : digestLabel;

        ByteArrayOutputStream result = new ByteArrayOutputStream();
        PrintWriter err = spec.commandLine().getErr();
        int exit = 0;
        List<Path> inputs = files.isEmpty() ? Collections.singletonList(null) : files;
        for (Path f : inputs) {
            String name = f == null ? "stdin" : f.toString();
            byte[] digest;
            try {
                Digester d = macKey != null ? algorithm.startHmac(macKey)
                        : algorithm.start(xoflen == null ? algorithm.size() : xoflen);
                digest = (f == null ? d.update(System.in, name) : d.update(f)).digest();
            } catch (PkiException e) {
                err.println(spec.qualifiedName() + ": " + e.getMessage());
                exit = 1;
                continue;
            }
            if (verifying) {
                boolean ok = DigestSignatures.verify(key, algorithm, digest, pss, sig, keyFile.toString());
                write(result, ok ? "Verified OK\n" : "Verification failure\n");
                exit = ok ? exit : 1;
                continue;
            }
            byte[] value = key == null ? digest
                    : DigestSignatures.sign(key, algorithm, digest, pss, new SecureRandom(), keyFile.toString());
            print(result, raw, f == null ? digestLabel : label, name, value);
        }
        if (raw && !verifying) {
            Outputs.writeDer(out, result.toByteArray(), false);
        } else {
            Outputs.write(spec.commandLine().getOut(), out, result.toString(StandardCharsets.UTF_8), false);
        }
        return exit;
    }

    /** apps/dgst.c {@code print_out}: raw bytes, 'hex *FILE' (-r), or 'NAME(FILE)= hex' with or without colons. */
    private void print(ByteArrayOutputStream result, boolean raw, String label, String file, byte[] value) {
        if (raw) {
            result.writeBytes(value);
            return;
        }
        StringBuilder sb = new StringBuilder();
        if (separator == 2) {
            hex(sb, value, false).append(" *").append(file).append('\n');
        } else {
            sb.append(label).append('(').append(file).append(")= ");
            hex(sb, value, separator == 1).append('\n');
        }
        write(result, sb.toString());
    }

    private static StringBuilder hex(StringBuilder sb, byte[] b, boolean colons) {
        for (int i = 0; i < b.length; i++) {
            if (colons && i > 0) {
                sb.append(':');
            }
            sb.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
        }
        return sb;
    }

    private static void write(ByteArrayOutputStream result, String s) {
        result.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private static DigestAlgorithm algorithm(String name) {
        if (name == null) {
            return DigestAlgorithm.of("sha256");
        }
        try {
            return DigestAlgorithm.byName(name).orElseThrow(() -> new Errors.UsageException(
                    "Unknown option or message digest: " + name));
        } catch (PkiException e) {
            throw new Errors.FailureException("Error setting digest: " + e.getMessage());
        }
    }

    /**
     * The MAC key of {@code -hmac KEY} or {@code -mac HMAC -macopt key:KEY|hexkey:HEX}; null without either. The key
     * is a secret: no message shows it.
     */
    private byte[] macKey(boolean digestGiven) {
        if (mac == null) {
            return hmacKey == null ? null : hmacKey.getBytes(StandardCharsets.UTF_8);
        }
        if (hmacKey != null) {
            throw new Errors.FailureException("MAC and signing key cannot both be specified");
        }
        if (!mac.equalsIgnoreCase("HMAC")) {
            throw new Errors.FailureException("-mac " + mac + " is not supported: whale computes HMAC (-hmac KEY, or "
                    + "-mac HMAC -macopt key:KEY)");
        }
        if (!digestGiven) {
            throw new Errors.FailureException("-mac HMAC needs a digest, as in OpenSSL 3.0: add -sha256 or another "
                    + "of 'whale pki dgst -list'");
        }
        byte[] key = null;
        for (String opt : macopts) {
            int colon = opt.indexOf(':');
            String name = colon < 0 ? null : opt.substring(0, colon);
            String value = opt.substring(colon + 1);
            if ("key".equals(name)) {
                key = value.getBytes(StandardCharsets.UTF_8);
            } else if ("hexkey".equals(name)) {
                try {
                    key = HexFormat.of().parseHex(value.replace(":", ""));
                } catch (IllegalArgumentException e) {
                    throw new Errors.FailureException("MAC parameter error: the value of hexkey is not hex (an even "
                            + "number of digits, with or without colons)");
                }
            } else {
                throw new Errors.FailureException("MAC parameter error: " + (name == null ? "an option" : name)
                        + " is not one of key:KEY and hexkey:HEX");
            }
        }
        if (key == null) {
            throw new Errors.FailureException("-mac HMAC needs a key: -macopt key:KEY or -macopt hexkey:HEX");
        }
        if (key.length == 0) {
            // OpenSSL's MAC key generation refuses it too; -hmac "" is the way to an empty key.
            throw new Errors.FailureException("MAC parameter error: the key of -macopt is empty");
        }
        return key;
    }

    /**
     * The PSS padding that -sigopt asks for, or null for PKCS#1 v1.5 (OpenSSL's default). The options may come in
     * any order, where OpenSSL wants the padding mode first.
     */
    private Pss pss(Key key) {
        String mode = "pkcs1";
        DigestAlgorithm mgf1 = null;
        Integer salt = null;
        for (String opt : sigopts) {
            int colon = opt.indexOf(':');
            String name = colon < 0 ? opt : opt.substring(0, colon);
            String value = colon < 0 ? "" : opt.substring(colon + 1);
            switch (name) {
                case "rsa_padding_mode" -> mode = value.toLowerCase(Locale.ROOT);
                case "rsa_pss_saltlen" -> salt = saltLength(value);
                case "rsa_mgf1_md" -> mgf1 = DigestAlgorithm.byName(value).orElseThrow(() ->
                        new Errors.FailureException("Signature parameter error: rsa_mgf1_md " + value + " is not a "
                                + "digest of 'whale pki dgst -list'"));
                default -> throw new Errors.FailureException("Signature parameter error: " + opt + " is not one of "
                        + "rsa_padding_mode, rsa_pss_saltlen and rsa_mgf1_md");
            }
        }
        if (!sigopts.isEmpty() && !key.algorithm().equals("RSA")) {
            throw new Errors.FailureException("Signature parameter error: -sigopt " + sigopts.get(0) + " is for RSA "
                    + "keys, and this key is " + key.algorithm());
        }
        if (!mode.equals("pss") && !mode.equals("pkcs1")) {
            throw new Errors.FailureException("Signature parameter error: rsa_padding_mode " + mode + " is not "
                    + "supported; whale signs with pkcs1 (the default) or pss");
        }
        if (mode.equals("pkcs1")) {
            if (salt != null || mgf1 != null) {
                throw new Errors.FailureException("Signature parameter error: rsa_pss_saltlen and rsa_mgf1_md need "
                        + "-sigopt rsa_padding_mode:pss");
            }
            return null;
        }
        return new Pss(mgf1, salt == null ? Pss.SALT_AUTO : salt);
    }

    /** OpenSSL's salt lengths: digest, max, auto, a number of bytes, or the numbers -1, -2 and -3 for the three. */
    private static int saltLength(String value) {
        switch (value) {
            case "digest", "-1" -> {
                return Pss.SALT_DIGEST;
            }
            case "auto", "-2" -> {
                return Pss.SALT_AUTO;
            }
            case "max", "-3" -> {
                return Pss.SALT_MAX;
            }
            default -> {
                try {
                    int n = Integer.parseInt(value);
                    if (n >= 0) {
                        return n;
                    }
                } catch (NumberFormatException e) {
                    // below
                }
                throw new Errors.FailureException("Signature parameter error: rsa_pss_saltlen " + value + " is not "
                        + "digest, max, auto or a number of bytes");
            }
        }
    }

    /** The key to sign or verify with: private for -sign and -prverify, public for -verify, as OpenSSL requires. */
    private Key key(Path file, boolean needPrivate) {
        KeyData k = Keys.read(Inputs.read(file).bytes(), file.toString(), passin.passphrase());
        if (needPrivate && !k.isPrivate()) {
            throw new Errors.FailureException("Could not read private key from " + file);
        }
        if (!needPrivate && k.isPrivate()) {
            throw new Errors.FailureException("Could not read public key from " + file);
        }
        return needPrivate ? k.privateKey() : k.publicKey();
    }

    /** apps/dgst.c {@code show_digests}: three names to a line, each as an option padded to 25 columns. */
    private int list() {
        StringBuilder sb = new StringBuilder("Supported digests:\n");
        List<String> names = DigestAlgorithm.names();
        for (int i = 0; i < names.size(); i++) {
            sb.append(String.format("-%-25s", names.get(i)));
            sb.append(i % 3 == 2 ? "\n" : " ");
        }
        if (names.size() % 3 != 0) {
            sb.append('\n');
        }
        PrintWriter w = spec.commandLine().getOut();
        w.print(sb);
        w.flush();
        return 0;
    }
}
