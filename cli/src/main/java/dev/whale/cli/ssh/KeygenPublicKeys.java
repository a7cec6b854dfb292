package dev.whale.cli.ssh;

import dev.whale.pki.PkiException;
import dev.whale.pki.key.Key;
import dev.whale.pki.key.KeyData;
import dev.whale.pki.ssh.OpenSsh;
import dev.whale.pki.ssh.SshKeyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** ssh-keygen's modes that show or convert a public key: -y, -l, -e and -i, printed as ssh-keygen prints them. */
final class KeygenPublicKeys {
    private final SshKeygen keygen;

    KeygenPublicKeys(SshKeygen keygen) {
        this.keygen = keygen;
    }

    int printPublic(KeygenOptions o) {
        String file = keygen.existingKeyFile(o);
        KeyData key = keygen.loadPrivate(file, o.oldPassphrase, "Enter passphrase: ", o);
        keygen.out.println(OpenSsh.publicKeyLine(key.publicKey(), key.comment()));
        return 0;
    }

    int fingerprint(KeygenOptions o) {
        String file = o.file != null ? o.file : keygen.askFile("Enter file in which the key is", "id_rsa");
        boolean stdin = file.equals("-");
        String text;
        try {
            byte[] bytes = stdin ? keygen.in.readAllBytes() : Files.readAllBytes(Path.of(file));
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw KeygenExit.fatal(file + ": " + SshKeyFiles.reason(e));
        }
        List<SshKeyFiles.Listed> keys;
        try {
            keys = SshKeyFiles.list(text, stdin ? "(stdin)" : file, !stdin);
        } catch (PkiException e) {
            throw KeygenExit.fatal(e.getMessage());
        }
        keys.forEach(k -> printFingerprint(k.key(), k.comment(), o));
        return 0;
    }

    private void printFingerprint(Key pub, String comment, KeygenOptions o) {
        String fp = o.bubbleBabble ? OpenSsh.bubbleBabble(pub) : OpenSsh.fingerprint(pub, o.hash);
        keygen.out.println(pub.bits() + " " + fp + " "
                + (comment == null ? "no comment" : comment) + " (" + OpenSsh.typeLabel(pub) + ")");
        if (o.verbose) {
            keygen.out.println(OpenSsh.randomArt(pub, o.hash));
        }
    }

    int export(KeygenOptions o) {
        String file = keygen.existingKeyFile(o);
        Key pub;
        try {
            pub = SshKeyFiles.loadPublic(file);
        } catch (PkiException e) {
            throw KeygenExit.fatal(e.getMessage());
        }
        if (pub == null) {
            pub = keygen.loadPrivate(file, o.oldPassphrase, "Enter passphrase: ", o).publicKey();
        }
        String comment = pub.bits() + "-bit " + OpenSsh.typeLabel(pub) + ", converted by " + keygen.user.name() + "@"
                + keygen.user.hostname() + " from OpenSSH";
        keygen.out.print(SshKeyFiles.exportPublic(pub, o.convertFormat, comment));
        return 0;
    }

    int importKey(KeygenOptions o) {
        String file = keygen.existingKeyFile(o);
        Key pub;
        try {
            byte[] bytes = SshKeyFiles.read(file);
            pub = SshKeyFiles.importPublic(new String(bytes, StandardCharsets.UTF_8), file, o.convertFormat);
        } catch (PkiException e) {
            throw KeygenExit.fatal(e.getMessage());
        }
        keygen.out.println(OpenSsh.publicKeyLine(pub, ""));
        return 0;
    }
}
