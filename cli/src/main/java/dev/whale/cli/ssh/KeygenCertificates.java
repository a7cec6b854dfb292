package dev.whale.cli.ssh;

import dev.whale.cli.AtomicFiles;
import dev.whale.cli.Errors;
import dev.whale.pki.PkiException;
import dev.whale.pki.key.Key;
import dev.whale.pki.key.KeyData;
import dev.whale.pki.ssh.OpenSsh;
import dev.whale.pki.ssh.SshCertificate;
import dev.whale.pki.ssh.SshCertificate.Option;
import dev.whale.pki.ssh.SshKeyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** ssh-keygen's certificate modes: signing public keys with a CA key (-s) and printing certificates (-L). */
final class KeygenCertificates {
    /** The extensions of a user certificate unless -h or -O clear them (ssh-keygen.c, CERTOPT_DEFAULT). */
    private static final List<String> DEFAULT_EXTENSIONS = List.of("permit-X11-forwarding",
            "permit-agent-forwarding", "permit-port-forwarding", "permit-pty", "permit-user-rc");
    private final SshKeygen keygen;

    KeygenCertificates(SshKeygen keygen) {
        this.keygen = keygen;
    }

    /** do_ca_sign: one certificate per public key file, KEY-cert.pub beside KEY.pub. */
    int sign(KeygenOptions o) {
        if (o.certId == null) {
            throw KeygenExit.fatal("Must specify key id (-I) when certifying");
        }
        SshCertificate.Builder builder = template(o);
        KeyData ca = keygen.loadPrivate(o.caKey, o.oldPassphrase, "Enter passphrase: ", o);
        String algorithm = null;
        if (o.type != null) {
            algorithm = o.type;
            if (!caTypeMatches(ca.privateKey(), o.type)) {
                throw KeygenExit.fatal("CA key type " + OpenSsh.sshName(ca.privateKey())
                        + " doesn't match specified " + o.type);
            }
        }
        long serial = o.serial;
        for (String file : o.operands) {
            SshKeyFiles.Subject subject = subject(file);
            String comment = subject.comment();
            SshCertificate cert;
            try {
                cert = builder.serial(serial).sign(subject.key(), ca.privateKey(), algorithm, keygen.random);
            } catch (PkiException e) {
                throw KeygenExit.fatal("Couldn't certify key " + file + ": " + e.getMessage());
            }
            String out = (file.endsWith(".pub") ? file.substring(0, file.length() - 4) : file) + "-cert.pub";
            try {
                // sshkey_save_public prints a null comment as glibc does: "(null)".
                AtomicFiles.write(Path.of(out), cert.publicKeyLine(comment == null ? "(null)" : comment) + "\n",
                        false);
            } catch (Errors.FailureException e) {
                throw KeygenExit.fatal("Unable to save public key to " + out + ": " + e.getMessage());
            }
            if (!o.quiet) {
                keygen.err.print("Signed " + cert.type().label() + " key " + out + ": id \"" + cert.keyId()
                        + "\" serial " + Long.toUnsignedString(cert.serial())
                        + (o.principals != null ? " for " + o.principals : "") + " valid "
                        + cert.validity().text(ZoneId.systemDefault()) + "\r\n");
            }
            if (o.serialAutoIncrement) {
                serial++;
            }
        }
        return 0;
    }

    private static boolean caTypeMatches(Key ca, String type) {
        String name = OpenSsh.sshName(ca);
        return name.equals(type) || name.equals("ssh-rsa") && (type.equals("rsa-sha2-256")
                || type.equals("rsa-sha2-512"));
    }

    /** The key to certify and its comment; a certificate cannot be certified again. */
    private static SshKeyFiles.Subject subject(String file) {
        try {
            SshKeyFiles.Subject key = SshKeyFiles.loadSubject(file);
            if (key == null) {
                String reason = Files.exists(Path.of(file)) ? "invalid format" : "No such file or directory";
                throw KeygenExit.fatal("load pubkey \"" + file + "\": " + reason);
            }
            if (key.certificate() != null) {
                throw KeygenExit.fatal("do_ca_sign: key \"" + file + "\" type " + key.certificate().typeLabel()
                        + " cannot be certified");
            }
            return key;
        } catch (PkiException e) {
            throw KeygenExit.fatal("load pubkey \"" + file + "\": " + e.getMessage());
        }
    }

    /** What every certificate of this run holds: -h, -I, -n, -V and the -O options (add_cert_option). */
    private static SshCertificate.Builder template(KeygenOptions o) {
        Set<String> flags = new LinkedHashSet<>(o.hostCert ? List.of() : DEFAULT_EXTENSIONS);
        List<Option> critical = new ArrayList<>();
        List<Option> extensions = new ArrayList<>();
        String command = null;
        String source = null;
        for (String opt : o.certOptions) {
            String lower = opt.toLowerCase(Locale.ROOT);
            String flag = DEFAULT_EXTENSIONS.stream().filter(e -> lower.equals(e.toLowerCase(Locale.ROOT)))
                    .findFirst().orElse(null);
            String unflag = DEFAULT_EXTENSIONS.stream().filter(e -> lower.equals("no-" + e.substring(7)
                    .toLowerCase(Locale.ROOT))).findFirst().orElse(null);
            if (lower.equals("clear")) {
                flags.clear();
            } else if (flag != null) {
                flags.add(flag);
            } else if (unflag != null) {
                flags.remove(unflag);
            } else if (lower.startsWith("force-command=")) {
                if (opt.length() == 14) {
                    throw KeygenExit.fatal("Empty force-command option");
                }
                if (command != null) {
                    throw KeygenExit.fatal("force-command already specified");
                }
                command = opt.substring(14);
            } else if (lower.startsWith("source-address=")) {
                if (opt.length() == 15) {
                    throw KeygenExit.fatal("Empty source-address option");
                }
                if (source != null) {
                    throw KeygenExit.fatal("source-address already specified");
                }
                source = opt.substring(15);
                if (!source.matches("[0-9a-fA-F.:/*?!,]+")) {
                    throw KeygenExit.fatal("Invalid source-address list");
                }
            } else if (lower.startsWith("extension:") || lower.startsWith("critical:")) {
                String kv = opt.substring(opt.indexOf(':') + 1);
                int eq = kv.indexOf('=');
                Option option = eq < 0 ? Option.flag(kv) : Option.value(kv.substring(0, eq), kv.substring(eq + 1));
                (lower.startsWith("critical:") ? critical : extensions).add(option);
            } else {
                throw KeygenExit.fatal("Unsupported certificate option \"" + opt + "\"");
            }
        }
        if (command != null) {
            critical.add(Option.value("force-command", command));
        }
        if (source != null) {
            critical.add(Option.value("source-address", source));
        }
        flags.forEach(f -> extensions.add(Option.flag(f)));
        List<String> principals = o.principals == null ? List.of() : Arrays.asList(o.principals.split(",", -1));
        try {
            return SshCertificate.builder().type(o.hostCert ? SshCertificate.Type.HOST : SshCertificate.Type.USER)
                    .keyId(o.certId).principals(principals).validity(o.validity).criticalOptions(critical)
                    .extensions(extensions);
        } catch (PkiException e) {
            throw KeygenExit.fatal(e.getMessage());
        }
    }

    /** do_show_cert: every certificate in the file, each under its file name (and line number past the first). */
    int show(KeygenOptions o) {
        String file = o.file != null ? o.file : keygen.askFile("Enter file in which the key is", "id_rsa");
        boolean stdin = file.equals("-");
        String path = stdin ? "(stdin)" : file;
        String text;
        try {
            text = new String(stdin ? keygen.in.readAllBytes() : Files.readAllBytes(Path.of(file)),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw KeygenExit.fatal(file + ": " + SshKeyFiles.reason(e));
        }
        String[] lines = text.split("\n", -1);
        int count = text.endsWith("\n") || text.isEmpty() ? lines.length - 1 : lines.length;
        boolean ok = false;
        for (int n = 1; n <= count; n++) {
            String cp = lines[n - 1].replaceFirst("^[ \t]+", "");
            if (cp.startsWith("#")) {
                continue;
            }
            String where = path + ":" + n;
            String type = cp.split("[ \t]", 2)[0];
            if (!SshCertificate.isCertificateType(type)) {
                keygen.out.flush();
                keygen.err.println(isKey(cp, where) ? where + " is not a certificate"
                        : where + ": invalid key: invalid format");
                continue;
            }
            SshCertificate cert;
            try {
                cert = SshCertificate.parseLine(cp, where);
            } catch (PkiException e) {
                keygen.out.flush();
                keygen.err.println(where + ": invalid key: " + e.getMessage());
                continue;
            }
            ok = true;
            keygen.out.println(!stdin && n == 1 ? path + ":" : where + ":");
            keygen.out.print(cert.text(o.hash, ZoneId.systemDefault()));
        }
        return ok ? 0 : SshKeygen.FAILED;
    }

    private static boolean isKey(String line, String where) {
        try {
            OpenSsh.parsePublicKeyLine(line, where);
            return true;
        } catch (PkiException e) {
            return false;
        }
    }
}
