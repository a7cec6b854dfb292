package dev.whale.cli.ssh;

import dev.whale.pki.Passphrase;
import dev.whale.pki.PkiException;
import dev.whale.pki.key.KeyData;
import dev.whale.pki.ssh.BcryptPbkdf;
import dev.whale.pki.ssh.SshKeyFiles;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

/**
 * OpenSSH 9.2's ssh-keygen (ssh-keygen.c) for what whale does with keys: generate (-t), change passphrase or format
 * (-p), print the public key (-y), fingerprints (-l), export (-e) and import (-i). Flags, texts on standard output,
 * prompts and exit codes are ssh-keygen's: 255 where it calls fatal(), 1 where it exits with 1. Error messages are
 * whale's: one line that names the file and the problem. This class reads the options ({@link KeygenOptions}) and
 * runs a mode ({@link KeygenPrivateKeys}, {@link KeygenPublicKeys}) with the dialogue they share; the work on key
 * files is the library's ({@link SshKeyFiles}).
 *
 * <p>Where whale differs on purpose: ed25519 keys are written as PKCS#8 when -m PKCS8 asks for it (ssh-keygen
 * silently writes its own format), -e and -i convert ed25519 public keys too, private files are replaced
 * atomically, and bcrypt shows its progress on a terminal (or with {@code --progress}) from 64 rounds on.
 */
final class SshKeygen {
    static final int FATAL = 255;
    static final int FAILED = 1;
    /** From this many bcrypt rounds on, a terminal shows the derivation's progress. */
    static final int PROGRESS_ROUNDS = 64;

    /** What --help prints: the synopsis, then examples. */
    static final List<String> HELP = KeygenOptions.HELP;

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

    final PrintWriter out;
    final PrintWriter err;
    final InputStream in;
    final Dialogue dialogue;
    final User user;
    final SecureRandom random;
    private final boolean stderrIsTerminal;
    private final KeygenPublicKeys publicKeys = new KeygenPublicKeys(this);
    private final KeygenPrivateKeys privateKeys = new KeygenPrivateKeys(this);
    private final KeygenCertificates certificates = new KeygenCertificates(this);
    private final KeygenHosts hosts = new KeygenHosts(this);
    private final KeygenSignatures signatures = new KeygenSignatures(this);

    SshKeygen(InputStream in, PrintWriter out, PrintWriter err, Console console, User user,
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
            KeygenOptions o = KeygenOptions.parse(args, out, err);
            if (o == null) {
                return 0;
            }
            if (o.signOp != null) {
                return signatures.run(o);
            }
            if (o.caKey != null) {
                return certificates.sign(o);
            }
            if (o.showCert) {
                return certificates.show(o);
            }
            if (o.deleteHost || o.hashHosts || o.findHost) {
                return hosts.knownHosts(o);
            }
            if (o.fingerprint || o.bubbleBabble) {
                return publicKeys.fingerprint(o);
            }
            if (o.changePassphrase) {
                return privateKeys.changePassphrase(o);
            }
            if (o.changeComment) {
                return privateKeys.changeComment(o);
            }
            if (o.exportKey) {
                return publicKeys.export(o);
            }
            if (o.importKey) {
                return publicKeys.importKey(o);
            }
            if (o.printPublic) {
                return publicKeys.printPublic(o);
            }
            if (o.hostname != null) {
                return hosts.resourceRecords(o);
            }
            return privateKeys.generate(o);
        } catch (KeygenExit e) {
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

    /** ask_filename: offers home/.ssh/NAME; the end of input ends ssh-keygen with 1. */
    String askFile(String prompt, String defaultName) {
        String suggested = user.home().resolve(".ssh").resolve(defaultName).toString();
        String answer = dialogue.ask(prompt + " (" + suggested + "): ");
        if (answer == null) {
            throw new KeygenExit(FAILED, null);
        }
        return answer.isEmpty() ? suggested : answer;
    }

    // ---- loading keys ----

    /** The key file -f names, else the one asked for, which must exist: ssh-keygen stats it first. */
    String existingKeyFile(KeygenOptions o) {
        return existing(o.file != null ? o.file : askFile("Enter file in which the key is", "id_rsa"));
    }

    /** The file if it exists; ssh-keygen stats it first and dies naming it. */
    private static String existing(String file) {
        if (!Files.exists(Path.of(file))) {
            throw KeygenExit.fatal(file + ": No such file or directory");
        }
        return file;
    }

    /** load_identity, asking for the passphrase on the terminal unless -P gives it. */
    KeyData loadPrivate(String file, String givenPassphrase, String prompt, KeygenOptions o) {
        Passphrase passphrase = source -> givenPassphrase != null ? givenPassphrase.toCharArray()
                : dialogue.passphrase(prompt);
        try {
            return SshKeyFiles.loadPrivate(file, passphrase, System.getProperty("user.name"),
                    rounds -> progress(rounds, o));
        } catch (PkiException e) {
            throw KeygenExit.fatal(e.getMessage());
        } finally {
            finishProgress();
        }
    }

    // ---- bcrypt progress ----

    private BcryptProgress shown;

    /** Progress on standard error for {@code rounds} of bcrypt, when it is worth showing and someone can see it. */
    BcryptPbkdf.Progress progress(long rounds, KeygenOptions o) {
        if (rounds < PROGRESS_ROUNDS || !(stderrIsTerminal || o.progress)) {
            return BcryptPbkdf.Progress.none();
        }
        out.flush();
        shown = new BcryptProgress(err, rounds);
        return shown;
    }

    void finishProgress() {
        if (shown != null) {
            shown.finish();
            shown = null;
        }
    }
}
