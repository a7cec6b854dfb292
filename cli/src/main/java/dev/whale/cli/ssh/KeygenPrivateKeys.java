package dev.whale.cli.ssh;

import dev.whale.cli.AtomicFiles;
import dev.whale.cli.Errors;
import dev.whale.pki.Passphrase;
import dev.whale.pki.PkiException;
import dev.whale.pki.key.Key;
import dev.whale.pki.key.KeyData;
import dev.whale.pki.key.KeyFormat;
import dev.whale.pki.ssh.BcryptPbkdf;
import dev.whale.pki.ssh.OpenSsh;
import dev.whale.pki.ssh.SshKeyFiles;
import dev.whale.pki.ssh.SshKeyFiles.KeyType;
import dev.whale.pki.ssh.SshKeyFiles.PrivateFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

/** ssh-keygen's modes that write a private key: generating one (-t) and changing its passphrase or format (-p). */
final class KeygenPrivateKeys {
    private final SshKeygen keygen;

    KeygenPrivateKeys(SshKeygen keygen) {
        this.keygen = keygen;
    }

    int generate(KeygenOptions o) {
        KeyType type;
        try {
            type = KeyType.of(o.type, o.bits);
        } catch (PkiException e) {
            throw KeygenExit.fatal(e.getMessage());
        }
        if (!o.quiet) {
            keygen.out.println("Generating public/private " + (o.type == null ? "rsa" : o.type) + " key pair.");
        }
        KeyData key;
        try {
            key = type.generate(keygen.random);
        } catch (PkiException e) {
            throw KeygenExit.fatal(e.getMessage());
        }
        String file = o.file != null ? o.file
                : keygen.askFile("Enter file in which to save the key", type.fileName());
        createSshDirectory(file, !o.quiet);
        if (Files.exists(Path.of(file))) {
            keygen.out.println(file + " already exists.");
            String answer = keygen.dialogue.ask("Overwrite (y/n)? ");
            if (answer == null || answer.isEmpty() || (answer.charAt(0) != 'y' && answer.charAt(0) != 'Y')) {
                throw new KeygenExit(SshKeygen.FAILED, null);
            }
        }
        char[] passphrase = o.oldPassphrase != null ? o.oldPassphrase.toCharArray()
                : o.newPassphrase != null ? o.newPassphrase.toCharArray() : askNewPassphrase();
        String comment = o.comment != null ? o.comment : keygen.user.name() + "@" + keygen.user.hostname();
        try {
            save(file, key.privateKey(), comment, o, passphrase);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        if (!o.quiet) {
            keygen.out.println("Your identification has been saved in " + file);
        }
        Key pub = key.publicKey();
        try {
            AtomicFiles.write(Path.of(file + ".pub"), OpenSsh.publicKeyLine(pub, "") + " " + comment + "\n", false);
        } catch (Errors.FailureException e) {
            throw KeygenExit.fatal("Unable to save public key to " + file + ".pub: " + e.getMessage());
        }
        if (!o.quiet) {
            keygen.out.println("Your public key has been saved in " + file + ".pub");
            keygen.out.println("The key fingerprint is:");
            keygen.out.println(OpenSsh.fingerprint(pub, o.hash) + " " + comment);
            keygen.out.println("The key's randomart image is:");
            keygen.out.println(OpenSsh.randomArt(pub, o.hash));
        }
        return 0;
    }

    /** hostfile_create_user_ssh_dir: a key saved straight into a missing ~/.ssh creates it, mode 0700. */
    private void createSshDirectory(String file, boolean notify) {
        Path dotSsh = keygen.user.home().resolve(".ssh");
        Path parent = Path.of(file).getParent();
        if (parent == null || !parent.equals(dotSsh) || Files.exists(dotSsh)) {
            return;
        }
        try {
            Files.createDirectory(dotSsh, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            if (notify) {
                keygen.out.flush();
                // OpenSSH's logit() ends its lines with CR LF.
                keygen.err.print("Created directory '" + dotSsh + "'.\r\n");
                keygen.err.flush();
            }
        } catch (IOException e) {
            keygen.out.flush();
            keygen.err.println("whale ssh-keygen: cannot create directory " + dotSsh + ": "
                    + SshKeyFiles.reason(e));
        }
    }

    /** private_key_passphrase: asked twice until both answers agree. */
    private char[] askNewPassphrase() {
        while (true) {
            char[] first = keygen.dialogue.passphrase("Enter passphrase (empty for no passphrase): ");
            char[] second = keygen.dialogue.passphrase("Enter same passphrase again: ");
            boolean same = Arrays.equals(first, second);
            Arrays.fill(second, '\0');
            if (same) {
                return first;
            }
            Arrays.fill(first, '\0');
            keygen.out.println("Passphrases do not match.  Try again.");
        }
    }

    int changePassphrase(KeygenOptions o) {
        String file = keygen.existingKeyFile(o);
        KeyData key = keygen.loadPrivate(file, o.oldPassphrase, "Enter old passphrase: ", o);
        if (key.format() == KeyFormat.OPENSSH) {
            keygen.out.println("Key has comment '" + key.comment() + "'");
        }
        char[] passphrase;
        if (o.newPassphrase != null) {
            passphrase = o.newPassphrase.toCharArray();
        } else {
            passphrase = keygen.dialogue.passphrase("Enter new passphrase (empty for no passphrase): ");
            char[] again = keygen.dialogue.passphrase("Enter same passphrase again: ");
            boolean same = Arrays.equals(passphrase, again);
            Arrays.fill(again, '\0');
            if (!same) {
                Arrays.fill(passphrase, '\0');
                keygen.out.println("Pass phrases do not match.  Try again.");
                return SshKeygen.FAILED;
            }
        }
        try {
            save(file, key.privateKey(), key.comment(), o, passphrase);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        keygen.out.println("Your identification has been saved with the new passphrase.");
        return 0;
    }

    /** do_change_comment: a new comment in the private key file (re-encrypted with its passphrase) and in FILE.pub. */
    int changeComment(KeygenOptions o) {
        String file = keygen.existingKeyFile(o);
        String given = o.oldPassphrase != null ? o.oldPassphrase : o.newPassphrase;
        char[][] used = {new char[0]};
        Passphrase remembered = source -> {
            used[0] = given != null ? given.toCharArray() : keygen.dialogue.passphrase("Enter passphrase: ");
            return used[0].clone();
        };
        KeyData key;
        try {
            key = SshKeyFiles.loadPrivate(file, remembered, System.getProperty("user.name"),
                    rounds -> keygen.progress(rounds, o));
        } catch (PkiException e) {
            throw KeygenExit.fatal("Cannot load private key \"" + file + "\": " + e.getMessage());
        } finally {
            keygen.finishProgress();
        }
        char[] passphrase = used[0];
        try {
            if (!key.privateKey().algorithm().equals("ED25519") && o.privateFormat != PrivateFormat.OPENSSH) {
                throw new KeygenExit(SshKeygen.FAILED, "Comments are only supported for keys stored in the new "
                        + "format (-o).");
            }
            String old = key.format() == KeyFormat.OPENSSH ? key.comment() : null;
            keygen.out.println(old != null ? "Old comment: " + old : "No existing comment");
            String comment = o.comment;
            if (comment == null) {
                comment = keygen.dialogue.ask("New comment: ");
                if (comment == null) {
                    return SshKeygen.FAILED;
                }
            }
            if (comment.equals(old)) {
                keygen.out.println("No change to comment");
                return 0;
            }
            save(file, key.privateKey(), comment, o, passphrase);
            try {
                AtomicFiles.write(Path.of(file + ".pub"), OpenSsh.publicKeyLine(key.publicKey(), "") + " " + comment
                        + "\n", false);
            } catch (Errors.FailureException e) {
                throw KeygenExit.fatal("Unable to save public key to " + file + ".pub: " + e.getMessage());
            }
            keygen.out.println(comment.isEmpty() ? "Comment removed" : "Comment '" + comment + "' applied");
            return 0;
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    /** The private key file's text in the format -m asked for, written atomically with mode 0600. */
    private void save(String file, Key priv, String comment, KeygenOptions o, char[] passphrase) {
        String text;
        try {
            text = privateKeyText(priv, comment, o, passphrase);
        } catch (PkiException e) {
            throw new KeygenExit(SshKeygen.FAILED, "Saving key \"" + file + "\" failed: " + e.getMessage());
        }
        try {
            AtomicFiles.write(Path.of(file), text, true);
        } catch (Errors.FailureException e) {
            throw new KeygenExit(SshKeygen.FAILED, "Saving key \"" + file + "\" failed: " + e.getMessage());
        }
    }

    private String privateKeyText(Key priv, String comment, KeygenOptions o, char[] passphrase) {
        boolean openSsh = o.privateFormat == PrivateFormat.OPENSSH
                || o.privateFormat == PrivateFormat.PEM && priv.algorithm().equals("ED25519");
        BcryptPbkdf.Progress progress = openSsh ? keygen.progress(passphrase.length > 0 ? o.rounds : 0, o)
                : BcryptPbkdf.Progress.none();
        try {
            return SshKeyFiles.privateKeyText(priv, comment, o.privateFormat, passphrase, o.cipher, o.rounds,
                    keygen.random, progress);
        } finally {
            keygen.finishProgress();
        }
    }
}
