package dev.whale.cli.ssh;

import dev.whale.cli.AtomicFiles;
import dev.whale.cli.Errors;
import dev.whale.pki.Passphrase;
import dev.whale.pki.PkiException;
import dev.whale.pki.key.Key;
import dev.whale.pki.key.KeyData;
import dev.whale.pki.key.KeyFormat;
import dev.whale.pki.ssh.BcryptPbkdf;
import dev.whale.pki.ssh.FingerprintHash;
import dev.whale.pki.ssh.OpenSsh;
import dev.whale.pki.ssh.OpenSshKeyWriter;
import dev.whale.pki.ssh.SshKeyFiles.KeyType;
import dev.whale.pki.ssh.SshKeyFiles.PrivateFormat;
import dev.whale.pki.ssh.SshKeyFiles.PublicFormat;
import dev.whale.pki.ssh.SshKeyFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

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
        PublicFormat convertFormat = PublicFormat.RFC4716;
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
            case "RFC4716", "SSH2" -> o.convertFormat = PublicFormat.RFC4716;
            case "PKCS8" -> {
                o.convertFormat = PublicFormat.PKCS8;
                o.privateFormat = PrivateFormat.PKCS8;
            }
            case "PEM" -> {
                o.convertFormat = PublicFormat.PEM;
                o.privateFormat = PrivateFormat.PEM;
            }
            default -> throw fatal("Unsupported conversion format \"" + name + "\"; choose one of: RFC4716, "
                    + "PKCS8, PEM");
        }
    }

    // ---- generate ----

    private int generate(Options o) {
        KeyType type;
        try {
            type = KeyType.of(o.type, o.bits);
        } catch (PkiException e) {
            throw fatal(e.getMessage());
        }
        if (!o.quiet) {
            out.println("Generating public/private " + (o.type == null ? "rsa" : o.type) + " key pair.");
        }
        KeyData key;
        try {
            key = type.generate(random);
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
            err.println("whale ssh-keygen: cannot create directory " + dotSsh + ": " + SshKeyFiles.reason(e));
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
        boolean openSsh = o.privateFormat == PrivateFormat.OPENSSH
                || o.privateFormat == PrivateFormat.PEM && priv.algorithm().equals("ED25519");
        BcryptPbkdf.Progress progress = openSsh ? progress(passphrase.length > 0 ? o.rounds : 0, o)
                : BcryptPbkdf.Progress.none();
        try {
            return SshKeyFiles.privateKeyText(priv, comment, o.privateFormat, passphrase, o.cipher, o.rounds, random,
                    progress);
        } finally {
            finishProgress();
        }
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
        String text;
        try {
            text = new String(stdin ? in.readAllBytes() : Files.readAllBytes(Path.of(file)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw fatal(file + ": " + SshKeyFiles.reason(e));
        }
        List<SshKeyFiles.Listed> keys;
        try {
            keys = SshKeyFiles.list(text, stdin ? "(stdin)" : file, !stdin);
        } catch (PkiException e) {
            throw fatal(e.getMessage());
        }
        keys.forEach(k -> printFingerprint(k.key(), k.comment(), o));
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
        Key pub;
        try {
            pub = SshKeyFiles.loadPublic(file);
        } catch (PkiException e) {
            throw fatal(e.getMessage());
        }
        if (pub == null) {
            pub = loadPrivate(file, o.oldPassphrase, "Enter passphrase: ", o).publicKey();
        }
        String comment = pub.bits() + "-bit " + OpenSsh.typeLabel(pub) + ", converted by " + user.name() + "@"
                + user.hostname() + " from OpenSSH";
        out.print(SshKeyFiles.exportPublic(pub, o.convertFormat, comment));
        return 0;
    }

    private int importKey(Options o) {
        String file = existing(o.file != null ? o.file : askFile("Enter file in which the key is", "id_rsa"));
        Key pub;
        try {
            byte[] bytes = SshKeyFiles.read(file);
            pub = SshKeyFiles.importPublic(new String(bytes, StandardCharsets.UTF_8), file, o.convertFormat);
        } catch (PkiException e) {
            throw fatal(e.getMessage());
        }
        out.println(OpenSsh.publicKeyLine(pub, ""));
        return 0;
    }

    // ---- loading keys ----

    /** The file if it exists; ssh-keygen stats it first and dies naming it. */
    private static String existing(String file) {
        if (!Files.exists(Path.of(file))) {
            throw fatal(file + ": No such file or directory");
        }
        return file;
    }

    /** load_identity, asking for the passphrase on the terminal unless -P gives it. */
    private KeyData loadPrivate(String file, String givenPassphrase, String prompt, Options o) {
        Passphrase passphrase = source -> givenPassphrase != null ? givenPassphrase.toCharArray()
                : dialogue.passphrase(prompt);
        try {
            return SshKeyFiles.loadPrivate(file, passphrase, System.getProperty("user.name"),
                    rounds -> progress(rounds, o));
        } catch (PkiException e) {
            throw fatal(e.getMessage());
        } finally {
            finishProgress();
        }
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
