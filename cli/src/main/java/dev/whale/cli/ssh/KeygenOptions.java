package dev.whale.cli.ssh;

import dev.whale.pki.PkiException;
import dev.whale.pki.ssh.BcryptPbkdf;
import dev.whale.pki.ssh.CertValidity;
import dev.whale.pki.ssh.FingerprintHash;
import dev.whale.pki.ssh.OpenSshKeyWriter;
import dev.whale.pki.ssh.SshKeyFiles.PrivateFormat;
import dev.whale.pki.ssh.SshKeyFiles.PublicFormat;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** ssh-keygen's command line (ssh-keygen.c's getopt loop): its flags as getopt leaves them, and its usage text. */
final class KeygenOptions {
    static final String OPTSTRING = "ABHKLQUXceghiklopquvyC:D:E:F:I:M:N:O:P:R:V:Y:Z:a:b:f:g:m:n:r:s:t:w:z:";
    static final String EXAMPLE_GENERATE = "  ./whale ssh-keygen -t ed25519 -a 100 -C me@example.com "
            + "-f ~/.ssh/id_ed25519";
    static final String EXAMPLE_PKCS8 = "  ./whale ssh-keygen -p -m PKCS8 -f ~/.ssh/id_ed25519   (Ed25519 too; "
            + "-m RFC4716 converts back)";
    static final String EXAMPLE_FINGERPRINT = "  ./whale ssh-keygen -lv -f ~/.ssh/id_ed25519.pub";
    static final String EXAMPLE_EXPORT = "  ./whale ssh-keygen -e -m PKCS8 -f ~/.ssh/id_ed25519.pub";
    static final String EXAMPLE_CERTIFY = "  ./whale ssh-keygen -s ca -I alice -n alice,admin -V +52w "
            + "~/.ssh/id_ed25519.pub   (then -L -f ~/.ssh/id_ed25519-cert.pub)";

    static final List<String> SYNOPSIS = List.of(
            "usage: ssh-keygen [-q] [-a rounds] [-b bits] [-C comment] [-f output_keyfile]",
            "                  [-m format] [-N new_passphrase] [-t ecdsa | ed25519 | rsa] [-Z cipher]",
            "       ssh-keygen -p [-a rounds] [-f keyfile] [-m format] [-N new_passphrase]",
            "                  [-P old_passphrase] [-Z cipher]",
            "       ssh-keygen -y [-f input_keyfile] [-P passphrase]",
            "       ssh-keygen -l [-v] [-E fingerprint_hash] [-f input_keyfile]",
            "       ssh-keygen -e [-f input_keyfile] [-m key_format]",
            "       ssh-keygen -i [-f input_keyfile] [-m key_format]",
            "       ssh-keygen -c [-a rounds] [-C comment] [-f keyfile] [-P passphrase]",
            "       ssh-keygen -B [-f input_keyfile]",
            "       ssh-keygen -F hostname [-lv] [-f known_hosts_file]",
            "       ssh-keygen -H [-f known_hosts_file]",
            "       ssh-keygen -R hostname [-f known_hosts_file]",
            "       ssh-keygen -r hostname [-g] [-f input_keyfile]",
            "       ssh-keygen -I certificate_identity -s ca_key [-h] [-n principals] [-O option]",
            "                  [-V validity_interval] [-z serial_number] file ...",
            "       ssh-keygen -L [-f input_keyfile]",
            "       ssh-keygen -Y find-principals -s signature_file -f allowed_signers_file",
            "       ssh-keygen -Y check-novalidate -n namespace -s signature_file",
            "       ssh-keygen -Y sign -f key_file -n namespace file [-O option] ...",
            "       ssh-keygen -Y verify -f allowed_signers_file -I signer_identity",
            "                  -n namespace -s signature_file [-O option]",
            "whale adds: --progress shows bcrypt's progress on standard error even when it is not a terminal.");

    /** What --help prints: the synopsis, then examples. */
    static final List<String> HELP = Stream.concat(SYNOPSIS.stream(), Stream.of(
            "", "Examples:", EXAMPLE_GENERATE, EXAMPLE_PKCS8, EXAMPLE_FINGERPRINT, EXAMPLE_EXPORT, EXAMPLE_CERTIFY))
            .toList();

        boolean quiet;
        boolean fingerprint;
        boolean verbose;
        boolean changePassphrase;
        boolean printPublic;
        boolean exportKey;
        boolean importKey;
        boolean progress;
        String type;
        long bits;
        int rounds = BcryptPbkdf.DEFAULT_ROUNDS;
        String comment;
        String file;
        String oldPassphrase;
        String newPassphrase;
        String cipher = OpenSshKeyWriter.DEFAULT_CIPHER;
        FingerprintHash hash = FingerprintHash.SHA256;
        PrivateFormat privateFormat = PrivateFormat.OPENSSH;
        PublicFormat convertFormat = PublicFormat.RFC4716;
        boolean changeComment;
        boolean bubbleBabble;
        boolean showCert;
        boolean hostCert;
        boolean findHost;
        boolean deleteHost;
        boolean hashHosts;
        boolean generic;
        String caKey;
        String certId;
        String principals;
        CertValidity validity = CertValidity.FOREVER;
        long serial;
        boolean serialAutoIncrement;
        String hostname;
        String signOp;
        final List<String> certOptions = new ArrayList<>();
        List<String> operands = List.of();

    /** The options, or null when only help was asked for. */
    static KeygenOptions parse(List<String> args, PrintWriter out, PrintWriter err) {
        List<String> words = new ArrayList<>();
        KeygenOptions o = new KeygenOptions();
        boolean ended = false;
        for (String a : args) {
            ended |= a.equals("--");
            if (!ended && a.equals("--progress")) {
                o.progress = true;
            } else if (!ended && a.equals("--help")) {
                HELP.forEach(out::println);
                return null;
            } else {
                words.add(a);
            }
        }
        Getopt.Parsed parsed;
        try {
            parsed = Getopt.parse(words, OPTSTRING);
        } catch (Getopt.Error e) {
            throw usage(out, err, e.getMessage());
        }
        for (Getopt.Opt opt : parsed.options()) {
            String arg = opt.arg();
            switch (opt.name()) {
                case 'q' -> o.quiet = true;
                case 'l' -> o.fingerprint = true;
                case 'v' -> o.verbose = true;
                case 'p' -> o.changePassphrase = true;
                case 'y' -> o.printPublic = true;
                case 'e' -> o.exportKey = true;
                case 'i', 'X' -> o.importKey = true;
                case 'o' -> { } // ssh-keygen's no-op: the new format is already the default
                case 't' -> o.type = arg;
                case 'b' -> o.bits = number(arg, 1, 0xffffffffL, "Bits has bad value ");
                case 'a' -> o.rounds = (int) number(arg, 1, Integer.MAX_VALUE, "Invalid number: ");
                case 'C' -> o.comment = arg;
                case 'f' -> o.file = arg;
                case 'P' -> o.oldPassphrase = arg;
                case 'N' -> o.newPassphrase = arg;
                case 'E' -> o.hash = hash(arg);
                case 'Z' -> o.cipher = cipher(arg);
                case 'm' -> format(o, arg);
                case 'c' -> o.changeComment = true;
                case 'B' -> o.bubbleBabble = true;
                case 'L' -> o.showCert = true;
                case 'h' -> o.hostCert = true;
                case 'g' -> o.generic = true;
                case 's' -> o.caKey = arg;
                case 'I' -> o.certId = arg;
                case 'n' -> o.principals = arg;
                case 'O' -> o.certOptions.add(arg);
                case 'V' -> o.validity = validity(arg);
                case 'z' -> serial(o, arg);
                case 'Y' -> o.signOp = arg;
                case 'F' -> {
                    o.findHost = true;
                    o.hostname = arg;
                }
                case 'R' -> {
                    o.deleteHost = true;
                    o.hostname = arg;
                }
                case 'H' -> o.hashHosts = true;
                case 'r' -> o.hostname = arg;
                default -> throw new KeygenExit(SshKeygen.FAILED, "-" + opt.name() + " is not supported: whale's "
                        + "ssh-keygen has no KRLs (-k, -Q), moduli (-M), agents (-U), PKCS#11 (-D), FIDO keys (-K, -w) "
                        + "or host key sets (-A)");
            }
        }
        o.operands = parsed.operands();
        if (o.signOp != null) {
            return o;
        }
        if (o.caKey != null && o.operands.isEmpty()) {
            throw usage(out, err, "Too few arguments.");
        }
        if (o.caKey == null && !o.operands.isEmpty()) {
            throw usage(out, err, "Too many arguments.");
        }
        if (o.changePassphrase && o.changeComment) {
            throw usage(out, err, "Can only have one of -p and -c.");
        }
        if (o.fingerprint && (o.deleteHost || o.hashHosts)) {
            throw usage(out, err, "Cannot use -l with -H or -R.");
        }
        return o;
    }

    /** -V is parsed as getopt meets it, against the clock and time zone of this moment. */
    private static CertValidity validity(String spec) {
        try {
            return CertValidity.parse(spec, System.currentTimeMillis() / 1000, ZoneId.systemDefault());
        } catch (PkiException e) {
            throw KeygenExit.fatal(e.getMessage());
        }
    }

    /** -z: a decimal serial, unsigned 64 bits; a leading + makes it count up from one certificate to the next. */
    private static void serial(KeygenOptions o, String arg) {
        String digits = arg.startsWith("+") ? arg.substring(1) : arg;
        o.serialAutoIncrement = arg.startsWith("+");
        try {
            if (digits.isEmpty() || !Character.isDigit(digits.charAt(0))) {
                throw new NumberFormatException();
            }
            o.serial = Long.parseUnsignedLong(digits);
        } catch (NumberFormatException e) {
            throw KeygenExit.fatal("Invalid serial number \"" + digits + "\"");
        }
    }

    private static KeygenExit usage(PrintWriter out, PrintWriter err, String message) {
        out.flush();
        err.println(message);
        SYNOPSIS.forEach(err::println);
        return new KeygenExit(SshKeygen.FAILED, null);
    }

    /** strtonum(3) as ssh-keygen uses it: a decimal in [min, max], else fatal with "invalid", "too small"… */
    private static long number(String s, long min, long max, String what) {
        String t = s.strip();
        if (!t.matches("[+-]?[0-9]{1,19}")) {
            throw KeygenExit.fatal(what + s + " (invalid)");
        }
        long v;
        try {
            v = Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            throw KeygenExit.fatal(what + s + " (too large)");
        }
        if (v < min) {
            throw KeygenExit.fatal(what + s + " (too small)");
        }
        if (v > max) {
            throw KeygenExit.fatal(what + s + " (too large)");
        }
        return v;
    }

    private static FingerprintHash hash(String name) {
        try {
            return FingerprintHash.named(name);
        } catch (PkiException e) {
            throw KeygenExit.fatal(e.getMessage());
        }
    }

    private static String cipher(String name) {
        try {
            OpenSshKeyWriter.builder().cipher(name);
            return name;
        } catch (PkiException e) {
            throw KeygenExit.fatal(e.getMessage());
        }
    }

    /** -m: RFC4716 (or ssh2) names OpenSSH's own format for private keys; PKCS8 and PEM name both uses. */
    private static void format(KeygenOptions o, String name) {
        switch (name.toUpperCase(Locale.ROOT)) {
            case "RFC4716", "SSH2" -> o.convertFormat = PublicFormat.RFC4716;
            case "PKCS8" -> {
                o.convertFormat = PublicFormat.PKCS8;
                o.privateFormat = PrivateFormat.PKCS8;
            }
            case "PEM" -> {
                o.convertFormat = PublicFormat.PEM;
                o.privateFormat = PrivateFormat.PEM;
            }
            default -> throw KeygenExit.fatal("Unsupported conversion format \"" + name + "\"; choose one of: RFC4716, "
                    + "PKCS8, PEM");
        }
    }
}
