package dev.whale.cli.ssh;

import dev.whale.cli.AtomicFiles;
import dev.whale.cli.Errors;
import dev.whale.pki.Passphrase;
import dev.whale.pki.Pem;
import dev.whale.pki.PemBlock;
import dev.whale.pki.PkiException;
import dev.whale.pki.key.Key;
import dev.whale.pki.key.KeyData;
import dev.whale.pki.key.KeyFormat;
import dev.whale.pki.key.Keys;
import dev.whale.pki.key.PemEncryption;
import dev.whale.pki.key.Pkcs8;
import dev.whale.pki.ssh.BcryptPbkdf;
import dev.whale.pki.ssh.FingerprintHash;
import dev.whale.pki.ssh.OpenSsh;
import dev.whale.pki.ssh.OpenSshKeyWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * OpenSSH 9.2's ssh-keygen (ssh-keygen.c) for what whale does with keys: generate (-t), change passphrase or format
 * (-p), print the public key (-y), fingerprints (-l), export (-e) and import (-i). Flags, texts on standard output,
 * prompts and exit codes are ssh-keygen's: 255 where it calls fatal(), 1 where it exits with 1. Error messages are
 * whale's: one line that names the file and the problem.
 *
 * <p>Where whale differs on purpose: ed25519 keys are written as PKCS#8 when -m PKCS8 asks for it (ssh-keygen
 * silently writes its own format), -e and -i convert ed25519 public keys too, private files are replaced
 * atomically, and bcrypt shows its progress on a terminal (or with {@code --progress}) from 64 rounds on.
 */
final class SshKeygen {
    static final String OPTSTRING = "ABHKLQUXceghiklopquvyC:D:E:F:I:M:N:O:P:R:V:Y:Z:a:b:f:g:m:n:r:s:t:w:z:";
    static final int FATAL = 255;
    static final int FAILED = 1;
    /** From this many bcrypt rounds on, a terminal shows the derivation's progress. */
    static final int PROGRESS_ROUNDS = 64;
    /** OpenSSL's PBKDF2 iterations for PKCS#8, which ssh-keygen -m PKCS8 uses with AES-128-CBC. */
    private static final int PKCS8_ITERATIONS = 2048;
    private static final String PKCS8_CIPHER = "aes-128-cbc";
    private static final int MIN_PEM_PASSPHRASE = 5;

    static final String EXAMPLE_GENERATE = "  ./whale ssh-keygen -t ed25519 -a 100 -C me@example.com "
            + "-f ~/.ssh/id_ed25519";
    static final String EXAMPLE_PKCS8 = "  ./whale ssh-keygen -p -m PKCS8 -f ~/.ssh/id_ed25519   (Ed25519 too; "
            + "-m RFC4716 converts back)";
    static final String EXAMPLE_FINGERPRINT = "  ./whale ssh-keygen -lv -f ~/.ssh/id_ed25519.pub";
    static final String EXAMPLE_EXPORT = "  ./whale ssh-keygen -e -m PKCS8 -f ~/.ssh/id_ed25519.pub";

    static final List<String> SYNOPSIS = List.of(
            "usage: ssh-keygen [-q] [-a rounds] [-b bits] [-C comment] [-f output_keyfile]",
            "                  [-m format] [-N new_passphrase] [-t ecdsa | ed25519 | rsa] [-Z cipher]",
            "       ssh-keygen -p [-a rounds] [-f keyfile] [-m format] [-N new_passphrase]",
            "                  [-P old_passphrase] [-Z cipher]",
            "       ssh-keygen -y [-f input_keyfile] [-P passphrase]",
            "       ssh-keygen -l [-v] [-E fingerprint_hash] [-f input_keyfile]",
            "       ssh-keygen -e [-f input_keyfile] [-m key_format]",
            "       ssh-keygen -i [-f input_keyfile] [-m key_format]",
            "whale adds: --progress shows bcrypt's progress on standard error even when it is not a terminal.");

    /** What --help prints: the synopsis, then examples. */
    static final List<String> HELP = java.util.stream.Stream.concat(SYNOPSIS.stream(), java.util.stream.Stream.of(
            "", "Examples:", EXAMPLE_GENERATE, EXAMPLE_PKCS8, EXAMPLE_FINGERPRINT, EXAMPLE_EXPORT)).toList();

    /** Who runs the command: the default comment is user@hostname and default files live in home/.ssh. */
    record User(String name, String hostname, Path home) {
        static User current() {
            return new User(System.getProperty("user.name"), kernelHostname(),
                    Path.of(System.getProperty("user.home")));
        }

        private static String kernelHostname() {
            try {
                return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            } catch (IOException e) {
                try {
                    return InetAddress.getLocalHost().getHostName();
                } catch (IOException e2) {
                    return "localhost";
                }
            }
        }
    }

    /** ssh-keygen's way out: fatal() with 255, or exit(1), with a message or none. */
    private static final class Exit extends RuntimeException {
        final int code;

        Exit(int code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    private static Exit fatal(String message) {
        return new Exit(FATAL, message);
    }

    private enum PrivateFormat { OPENSSH, PEM, PKCS8 }

    private enum ConvertFormat { RFC4716, PEM, PKCS8 }

    /** The flags as getopt left them. */
    private static final class Options {
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
        ConvertFormat convertFormat = ConvertFormat.RFC4716;
    }

    private final PrintWriter out;
    private final PrintWriter err;
    private final InputStream in;
    private final Dialogue dialogue;
    private final User user;
    private final SecureRandom random;
    private final boolean stderrIsTerminal;

    SshKeygen(InputStream in, PrintWriter out, PrintWriter err, java.io.Console console, User user,
              SecureRandom random, boolean stderrIsTerminal) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.dialogue = new Dialogue(in, out, err, console);
        this.user = user;
        this.random = random;
        this.stderrIsTerminal = stderrIsTerminal;
    }

    /** Runs ssh-keygen with {@code args}; returns its exit code. */
    int run(List<String> args) {
        try {
            Options o = parse(args);
            if (o == null) {
                return 0;
            }
            if (o.fingerprint) {
                return fingerprint(o);
            }
            if (o.changePassphrase) {
                return changePassphrase(o);
            }
            if (o.exportKey) {
                return export(o);
            }
            if (o.importKey) {
                return importKey(o);
            }
            if (o.printPublic) {
                return printPublic(o);
            }
            return generate(o);
        } catch (Exit e) {
            out.flush();
            if (e.getMessage() != null) {
                err.println("whale ssh-keygen: " + e.getMessage());
            }
            return e.code;
        } finally {
            out.flush();
            err.flush();
        }
    }

    // ---- options ----

    /** The options, or null when only help was asked for. */
    private Options parse(List<String> args) {
        List<String> words = new ArrayList<>();
        Options o = new Options();
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
            throw usage(e.getMessage());
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
                default -> throw new Exit(FAILED, "-" + opt.name() + " is not supported: whale's ssh-keygen "
                        + "generates keys (-t), changes passphrases and formats (-p), prints public keys (-y) and "
                        + "fingerprints (-l), and converts public keys (-e, -i)");
            }
        }
        if (!parsed.operands().isEmpty()) {
            throw usage("Too many arguments.");
        }
        return o;
    }

    private Exit usage(String message) {
        out.flush();
        err.println(message);
        SYNOPSIS.forEach(err::println);
        return new Exit(FAILED, null);
    }

    /** strtonum(3) as ssh-keygen uses it: a decimal in [min, max], else fatal with "invalid", "too small"… */
    private static long number(String s, long min, long max, String what) {
        String t = s.strip();
        if (!t.matches("[+-]?[0-9]{1,19}")) {
            throw fatal(what + s + " (invalid)");
        }
        long v;
        try {
            v = Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            throw fatal(what + s + " (too large)");
        }
        if (v < min) {
            throw fatal(what + s + " (too small)");
        }
        if (v > max) {
            throw fatal(what + s + " (too large)");
        }
        return v;
    }

    private static FingerprintHash hash(String name) {
        try {
            return FingerprintHash.named(name);
        } catch (PkiException e) {
            throw fatal(e.getMessage());
        }
    }

    private static String cipher(String name) {
        try {
            OpenSshKeyWriter.builder().cipher(name);
            return name;
        } catch (PkiException e) {
            throw fatal(e.getMessage());
        }
    }

    /** -m: RFC4716 (or ssh2) names OpenSSH's own format for private keys; PKCS8 and PEM name both uses. */
    private static void format(Options o, String name) {
        switch (name.toUpperCase(Locale.ROOT)) {
            case "RFC4716", "SSH2" -> o.convertFormat = ConvertFormat.RFC4716;
            case "PKCS8" -> {
                o.convertFormat = ConvertFormat.PKCS8;
                o.privateFormat = PrivateFormat.PKCS8;
            }
            case "PEM" -> {
                o.convertFormat = ConvertFormat.PEM;
                o.privateFormat = PrivateFormat.PEM;
            }
            default -> throw fatal("Unsupported conversion format \"" + name + "\"; choose one of: RFC4716, "
                    + "PKCS8, PEM");
        }
    }

    // ---- generate ----

    private record KeyType(String algorithm, int bits, String curve, String fileName) {}

    /** sshkey_type_from_name and type_bits_valid: the key to make for -t and -b. */
    private static KeyType keyType(String name, long bits) {
        String t = name == null ? "rsa" : name;
        switch (t) {
            case "rsa", "ssh-rsa" -> {
                long b = bits == 0 ? 3072 : bits;
                if (b < 1024) {
                    throw fatal("Invalid RSA key length: minimum is 1024 bits");
                }
                if (b > 16384) {
                    throw fatal("Invalid RSA key length: maximum is 16384 bits");
                }
                return new KeyType("RSA", (int) b, null, "id_rsa");
            }
            case "ecdsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521" -> {
                long b = bits != 0 ? bits : t.equals("ecdsa") ? 256 : Long.parseLong(t.substring(t.length() - 3));
                if (b != 256 && b != 384 && b != 521) {
                    throw fatal("Invalid ECDSA key length: valid lengths are 256, 384 or 521 bits");
                }
                return new KeyType("EC", (int) b, "P-" + b, "id_ecdsa");
            }
            case "ed25519", "ssh-ed25519" -> {
                return new KeyType("ED25519", 256, null, "id_ed25519");
            }
            case "dsa", "ssh-dss", "ecdsa-sk", "ed25519-sk", "sk-ecdsa-sha2-nistp256@openssh.com",
                 "sk-ssh-ed25519@openssh.com" ->
                throw fatal("whale does not make " + t + " keys; choose one of: rsa, ecdsa, ed25519");
            default -> throw fatal("unknown key type " + t + "; choose one of: rsa, ecdsa, ed25519");
        }
    }

    private int generate(Options o) {
        KeyType type = keyType(o.type, o.bits);
        if (!o.quiet) {
            out.println("Generating public/private " + (o.type == null ? "rsa" : o.type) + " key pair.");
        }
        KeyData key;
        try {
            key = Keys.generate(type.algorithm(), type.bits(), BigInteger.valueOf(65537), type.curve(), random);
        } catch (PkiException e) {
            throw fatal(e.getMessage());
        }
        String file = o.file != null ? o.file
                : askFile("Enter file in which to save the key", type.fileName());
        createSshDirectory(file, !o.quiet);
        if (Files.exists(Path.of(file))) {
            out.println(file + " already exists.");
            String answer = dialogue.ask("Overwrite (y/n)? ");
            if (answer == null || answer.isEmpty() || (answer.charAt(0) != 'y' && answer.charAt(0) != 'Y')) {
                throw new Exit(FAILED, null);
            }
        }
        char[] passphrase = o.oldPassphrase != null ? o.oldPassphrase.toCharArray()
                : o.newPassphrase != null ? o.newPassphrase.toCharArray() : askNewPassphrase();
        String comment = o.comment != null ? o.comment : user.name() + "@" + user.hostname();
        try {
            save(file, key.privateKey(), comment, o, passphrase);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        if (!o.quiet) {
            out.println("Your identification has been saved in " + file);
        }
        Key pub = key.publicKey();
        try {
            AtomicFiles.write(Path.of(file + ".pub"), OpenSsh.publicKeyLine(pub, "") + " " + comment + "\n", false);
        } catch (Errors.FailureException e) {
            throw fatal("Unable to save public key to " + file + ".pub: " + e.getMessage());
        }
        if (!o.quiet) {
            out.println("Your public key has been saved in " + file + ".pub");
            out.println("The key fingerprint is:");
            out.println(OpenSsh.fingerprint(pub, o.hash) + " " + comment);
            out.println("The key's randomart image is:");
            out.println(OpenSsh.randomArt(pub, o.hash));
        }
        return 0;
    }

    /** ask_filename: offers home/.ssh/NAME; the end of input ends ssh-keygen with 1. */
    private String askFile(String prompt, String defaultName) {
        String suggested = user.home().resolve(".ssh").resolve(defaultName).toString();
        String answer = dialogue.ask(prompt + " (" + suggested + "): ");
        if (answer == null) {
            throw new Exit(FAILED, null);
        }
        return answer.isEmpty() ? suggested : answer;
    }

    /** hostfile_create_user_ssh_dir: a key saved straight into a missing ~/.ssh creates it, mode 0700. */
    private void createSshDirectory(String file, boolean notify) {
        Path dotSsh = user.home().resolve(".ssh");
        Path parent = Path.of(file).getParent();
        if (parent == null || !parent.equals(dotSsh) || Files.exists(dotSsh)) {
            return;
        }
        try {
            Files.createDirectory(dotSsh, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            if (notify) {
                out.flush();
                // OpenSSH's logit() ends its lines with CR LF.
                err.print("Created directory '" + dotSsh + "'.\r\n");
                err.flush();
            }
        } catch (IOException e) {
            out.flush();
            err.println("whale ssh-keygen: cannot create directory " + dotSsh + ": " + reason(e));
        }
    }

    /** private_key_passphrase: asked twice until both answers agree. */
    private char[] askNewPassphrase() {
        while (true) {
            char[] first = dialogue.passphrase("Enter passphrase (empty for no passphrase): ");
            char[] second = dialogue.passphrase("Enter same passphrase again: ");
            boolean same = Arrays.equals(first, second);
            Arrays.fill(second, '\0');
            if (same) {
                return first;
            }
            Arrays.fill(first, '\0');
            out.println("Passphrases do not match.  Try again.");
        }
    }

    // ---- change passphrase ----

    private int changePassphrase(Options o) {
        String file = existing(o.file != null ? o.file : askFile("Enter file in which the key is", "id_rsa"));
        KeyData key = loadPrivate(file, o.oldPassphrase, "Enter old passphrase: ", o);
        if (key.format() == KeyFormat.OPENSSH) {
            out.println("Key has comment '" + key.comment() + "'");
        }
        char[] passphrase;
        if (o.newPassphrase != null) {
            passphrase = o.newPassphrase.toCharArray();
        } else {
            passphrase = dialogue.passphrase("Enter new passphrase (empty for no passphrase): ");
            char[] again = dialogue.passphrase("Enter same passphrase again: ");
            boolean same = Arrays.equals(passphrase, again);
            Arrays.fill(again, '\0');
            if (!same) {
                Arrays.fill(passphrase, '\0');
                out.println("Pass phrases do not match.  Try again.");
                return FAILED;
            }
        }
        try {
            save(file, key.privateKey(), key.comment(), o, passphrase);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        out.println("Your identification has been saved with the new passphrase.");
        return 0;
    }

    /** The private key file's text in the format -m asked for, written atomically with mode 0600. */
    private void save(String file, Key priv, String comment, Options o, char[] passphrase) {
        String text;
        try {
            text = privateKeyText(priv, comment, o, passphrase);
        } catch (PkiException e) {
            throw new Exit(FAILED, "Saving key \"" + file + "\" failed: " + e.getMessage());
        }
        try {
            AtomicFiles.write(Path.of(file), text, true);
        } catch (Errors.FailureException e) {
            throw new Exit(FAILED, "Saving key \"" + file + "\" failed: " + e.getMessage());
        }
    }

    private String privateKeyText(Key priv, String comment, Options o, char[] passphrase) {
        PrivateFormat format = o.privateFormat;
        if (format == PrivateFormat.PEM && priv.algorithm().equals("ED25519")) {
            // PEM has no traditional form for Ed25519; like ssh-keygen, keep OpenSSH's format.
            format = PrivateFormat.OPENSSH;
        }
        if (format == PrivateFormat.OPENSSH) {
            OpenSshKeyWriter writer = OpenSshKeyWriter.builder().passphrase(passphrase).cipher(o.cipher)
                    .rounds(o.rounds).random(random).progress(progress(passphrase.length > 0 ? o.rounds : 0, o))
                    .build();
            try {
                return writer.write(priv, comment);
            } finally {
                finishProgress();
            }
        }
        if (passphrase.length > 0 && passphrase.length < MIN_PEM_PASSPHRASE) {
            throw new PkiException("passphrase is too short (minimum five characters)");
        }
        if (format == PrivateFormat.PKCS8) {
            if (passphrase.length == 0) {
                return Pem.write("PRIVATE KEY", Keys.pkcs8(priv));
            }
            return Pem.write("ENCRYPTED PRIVATE KEY", Pkcs8.encrypt(priv, passphrase, PKCS8_ITERATIONS, PKCS8_CIPHER,
                    random));
        }
        PemBlock traditional = Keys.traditional(priv);
        if (passphrase.length == 0) {
            return Pem.write(traditional.label(), traditional.der());
        }
        return PemEncryption.encrypt(traditional.label(), traditional.der(), passphrase, random);
    }

    // ---- print public key ----

    private int printPublic(Options o) {
        String file = existing(o.file != null ? o.file : askFile("Enter file in which the key is", "id_rsa"));
        KeyData key = loadPrivate(file, o.oldPassphrase, "Enter passphrase: ", o);
        out.println(OpenSsh.publicKeyLine(key.publicKey(), key.comment()));
        return 0;
    }

    // ---- fingerprints ----

    private int fingerprint(Options o) {
        String file = o.file != null ? o.file : askFile("Enter file in which the key is", "id_rsa");
        boolean stdin = file.equals("-");
        String path = stdin ? "(stdin)" : file;
        String text;
        try {
            text = new String(stdin ? in.readAllBytes() : Files.readAllBytes(Path.of(file)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw fatal(file + ": " + reason(e));
        }
        boolean found = false;
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String cp = lines[n].replaceFirst("^[ \t]+", "");
            if (cp.isEmpty() || cp.startsWith("#")) {
                continue;
            }
            if (n == 0 && !stdin && cp.contains("PRIVATE KEY")) {
                return fingerprintPrivate(path, o);
            }
            String comment = null;
            KeyData key = tryPublicLine(cp, path);
            if (key == null) {
                // An authorized_keys line with options, or a known_hosts line with host names, before the key.
                if (cp.matches("[+-]?0*[1-9][0-9]*[ \t].*")) {
                    continue;
                }
                int end = endOfField(cp);
                if (end >= cp.length()) {
                    continue;
                }
                comment = cp.substring(0, end);
                key = tryPublicLine(cp.substring(end + 1), path);
                if (key == null) {
                    continue;
                }
            }
            if (!key.comment().isEmpty() && !key.comment().startsWith("#")) {
                comment = key.comment();
            }
            printFingerprint(key.publicKey(), comment, o);
            found = true;
        }
        if (!found) {
            throw fatal(path + " is not a public key file.");
        }
        return 0;
    }

    /** Where the first field ends, a space or tab outside double quotes (authorized_keys options may quote). */
    private static int endOfField(String s) {
        boolean quoted = false;
        int i = 0;
        for (; i < s.length() && (quoted || (s.charAt(i) != ' ' && s.charAt(i) != '\t')); i++) {
            if (s.charAt(i) == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                i++;
            } else if (s.charAt(i) == '"') {
                quoted = !quoted;
            }
        }
        return i;
    }

    private static KeyData tryPublicLine(String line, String source) {
        try {
            return OpenSsh.parsePublicKeyLine(line, source);
        } catch (PkiException e) {
            return null;
        }
    }

    /** fingerprint_private: the public key and comment from FILE.pub, else from the private file itself. */
    private int fingerprintPrivate(String path, Options o) {
        Key pub = null;
        String comment = null;
        KeyData fromPub = publicFile(path + ".pub");
        if (fromPub != null) {
            pub = fromPub.publicKey();
            comment = fromPub.comment().isEmpty() ? path + ".pub" : fromPub.comment();
        }
        byte[] bytes = readOrNull(path);
        if (pub == null && bytes != null) {
            pub = openSshHeader(bytes, path);
        }
        KeyData priv = null;
        if (pub == null || comment == null) {
            priv = unencryptedPrivate(bytes, path);
            if (priv != null) {
                comment = priv.format() == KeyFormat.OPENSSH ? priv.comment() : null;
            }
        }
        if (pub == null && priv == null) {
            throw fatal(path + " is not a key file.");
        }
        printFingerprint(pub != null ? pub : priv.publicKey(), comment, o);
        return 0;
    }

    private void printFingerprint(Key pub, String comment, Options o) {
        out.println(pub.bits() + " " + OpenSsh.fingerprint(pub, o.hash) + " "
                + (comment == null ? "no comment" : comment) + " (" + OpenSsh.typeLabel(pub) + ")");
        if (o.verbose) {
            out.println(OpenSsh.randomArt(pub, o.hash));
        }
    }

    // ---- export and import ----

    private int export(Options o) {
        String file = existing(o.file != null ? o.file : askFile("Enter file in which the key is", "id_rsa"));
        Key pub = loadPublic(file);
        if (pub == null) {
            pub = loadPrivate(file, o.oldPassphrase, "Enter passphrase: ", o).publicKey();
        }
        switch (o.convertFormat) {
            case RFC4716 -> {
                String comment = pub.bits() + "-bit " + OpenSsh.typeLabel(pub) + ", converted by " + user.name()
                        + "@" + user.hostname() + " from OpenSSH";
                // ssh-keygen keeps the Comment line within RFC 4716's 72 columns by cutting it at 60 characters.
                out.print(OpenSsh.rfc4716(pub, comment.length() > 60 ? comment.substring(0, 60) : comment));
            }
            case PKCS8 -> out.print(Pem.write("PUBLIC KEY", Keys.spki(pub)));
            case PEM -> out.print(pub.algorithm().equals("RSA") ? Pem.write("RSA PUBLIC KEY", Keys.pkcs1Public(pub))
                    : Pem.write("PUBLIC KEY", Keys.spki(pub)));
        }
        return 0;
    }

    private int importKey(Options o) {
        String file = existing(o.file != null ? o.file : askFile("Enter file in which the key is", "id_rsa"));
        byte[] bytes = readOrFatal(file);
        String text = new String(bytes, StandardCharsets.UTF_8);
        Key pub;
        try {
            pub = switch (o.convertFormat) {
                case RFC4716 -> OpenSsh.readRfc4716(text, file).publicKey();
                case PKCS8 -> publicBlock(text, file, "PUBLIC KEY", "-m PKCS8 imports a SubjectPublicKeyInfo");
                case PEM -> publicBlock(text, file, "RSA PUBLIC KEY", "-m PEM imports a PKCS#1 RSA public key");
            };
        } catch (PkiException e) {
            throw fatal(e.getMessage());
        }
        out.println(OpenSsh.publicKeyLine(pub, ""));
        return 0;
    }

    /** The key in the first PEM block labelled {@code label}, as OpenSSL's PEM_read_* skips other blocks. */
    private static Key publicBlock(String text, String file, String label, String hint) {
        for (PemBlock b : Pem.read(text, file)) {
            if (b.label().equals(label)) {
                return Keys.readPem(b, file, Passphrase.none()).publicKey();
            }
        }
        throw new PkiException(file + ": no BEGIN " + label + " block (" + hint + ")");
    }

    // ---- loading keys ----

    /** The file if it exists; ssh-keygen stats it first and dies naming it. */
    private static String existing(String file) {
        if (!Files.exists(Path.of(file))) {
            throw fatal(file + ": No such file or directory");
        }
        return file;
    }

    /**
     * sshkey_load_public: FILE as a one-line public key, else FILE.pub, else FILE as another public key format,
     * else the public half in FILE's openssh-key-v1 header; null when none of them has one.
     */
    private Key loadPublic(String file) {
        KeyData k = publicFile(file);
        if (k == null) {
            k = publicFile(file + ".pub");
        }
        if (k != null) {
            return k.publicKey();
        }
        byte[] bytes = readOrNull(file);
        if (bytes != null && isPublicKeyFile(bytes, file)) {
            // whale also exports RFC 4716 and PEM public keys, which ssh-keygen does not read here.
            try {
                return Keys.read(bytes, file, Passphrase.none()).publicKey();
            } catch (PkiException e) {
                throw fatal(e.getMessage());
            }
        }
        return bytes == null ? null : openSshHeader(bytes, file);
    }

    /** sshkey_try_load_public: the first line that holds a public key, unless the file is PEM. */
    private static KeyData publicFile(String file) {
        byte[] bytes = readOrNull(file);
        if (bytes == null) {
            return null;
        }
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n", -1)) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("-----BEGIN")) {
                return null;
            }
            KeyData k = tryPublicLine(line, file);
            if (k != null) {
                return k;
            }
        }
        return null;
    }

    private static Key openSshHeader(byte[] bytes, String file) {
        try {
            PemBlock b = Pem.read(new String(bytes, StandardCharsets.UTF_8), file).get(0);
            return b.label().equals("OPENSSH PRIVATE KEY") ? OpenSsh.readPrivateKeyHeader(b.der(), file).publicKey()
                    : null;
        } catch (PkiException e) {
            return null;
        }
    }

    private static KeyData unencryptedPrivate(byte[] bytes, String file) {
        if (bytes == null) {
            return null;
        }
        try {
            KeyData k = Keys.read(bytes, file, source -> {
                throw new PkiException(source + " is encrypted");
            });
            return k.isPrivate() ? k : null;
        } catch (PkiException e) {
            return null;
        }
    }

    /**
     * load_identity: the private key in FILE, asking for its passphrase only if it is encrypted (-P gives it). The
     * file must not be readable by others, as OpenSSH insists (sshkey_perm_ok).
     */
    private KeyData loadPrivate(String file, String givenPassphrase, String prompt, Options o) {
        Path path = Path.of(file);
        byte[] bytes = readOrFatal(file);
        if (isPublicKeyFile(bytes, file)) {
            throw fatal(file + " holds a public key; this needs the private key");
        }
        checkPermissions(path, file);
        Passphrase passphrase = source -> givenPassphrase != null ? givenPassphrase.toCharArray()
                : dialogue.passphrase(prompt);
        KeyData key;
        try {
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (Pem.looksLikePem(bytes)) {
                PemBlock b = Pem.read(text, file).get(0);
                if (b.label().equals("OPENSSH PRIVATE KEY")) {
                    long rounds = OpenSsh.readPrivateKeyHeader(b.der(), file).encryption().map(e -> e.cost())
                            .orElse(0L);
                    try {
                        key = OpenSsh.readPrivateKey(b.der(), file, passphrase, progress(rounds, o));
                    } finally {
                        finishProgress();
                    }
                } else if (PemEncryption.isEncrypted(b)) {
                    key = PemEncryption.read(b, file, passphrase);
                } else {
                    key = Keys.readPem(b, file, passphrase);
                }
            } else {
                key = Keys.read(bytes, file, passphrase);
            }
        } catch (PkiException e) {
            throw fatal(e.getMessage());
        }
        if (!key.isPrivate()) {
            throw fatal(file + " holds a public key; this needs the private key");
        }
        return key;
    }

    /** Whether the file holds only a public key: OpenSSH's one-line form, RFC 4716, or a PEM public key. */
    private static boolean isPublicKeyFile(byte[] bytes, String file) {
        if (publicFile(file) != null) {
            return true;
        }
        String text = new String(bytes, StandardCharsets.UTF_8).stripLeading();
        return text.startsWith("---- BEGIN SSH2 PUBLIC KEY") || text.startsWith("-----BEGIN PUBLIC KEY-----")
                || text.startsWith("-----BEGIN RSA PUBLIC KEY-----");
    }

    /** sshkey_perm_ok: the owner's private key must not be open to group or others. */
    private static void checkPermissions(Path path, String file) {
        try {
            if (!Files.getOwner(path).getName().equals(System.getProperty("user.name"))) {
                return;
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
            int mode = 0;
            for (PosixFilePermission p : perms) {
                mode |= 1 << (8 - p.ordinal());
            }
            if ((mode & 0077) != 0) {
                throw fatal(file + ": permissions " + String.format("0%03o", mode) + " are too open: only its owner "
                        + "may read a private key, and OpenSSH ignores it otherwise (chmod 600 " + file + ")");
            }
        } catch (IOException | UnsupportedOperationException e) {
            // No owner or POSIX permissions to check on this file system.
        }
    }

    private static byte[] readOrNull(String file) {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] readOrFatal(String file) {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            throw fatal(file + ": " + reason(e));
        }
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        return e.getMessage();
    }

    // ---- bcrypt progress ----

    private BcryptProgress shown;

    /** Progress on standard error for {@code rounds} of bcrypt, when it is worth showing and someone can see it. */
    private BcryptPbkdf.Progress progress(long rounds, Options o) {
        if (rounds < PROGRESS_ROUNDS || !(stderrIsTerminal || o.progress)) {
            return BcryptPbkdf.Progress.none();
        }
        out.flush();
        shown = new BcryptProgress(err, rounds);
        return shown;
    }

    private void finishProgress() {
        if (shown != null) {
            shown.finish();
            shown = null;
        }
    }
}
