package dev.whale.cli.ssh;

import dev.whale.pki.PkiException;
import dev.whale.pki.key.Key;
import dev.whale.pki.key.KeyData;
import dev.whale.pki.ssh.AllowedSigners;
import dev.whale.pki.ssh.CertValidity;
import dev.whale.pki.ssh.OpenSsh;
import dev.whale.pki.ssh.SshKeyFiles;
import dev.whale.pki.ssh.SshCertificate;
import dev.whale.pki.ssh.SshSignature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** ssh-keygen -Y: signing files and checking signatures against allowed_signers (ssh-keygen.c, sig_*). */
final class KeygenSignatures {
    private final SshKeygen keygen;

    KeygenSignatures(SshKeygen keygen) {
        this.keygen = keygen;
    }

    int run(KeygenOptions o) {
        String op = o.signOp;
        if (op.startsWith("find-principals")) {
            require(o.caKey != null, "Too few arguments for find-principals:missing signature file");
            require(o.file != null, "Too few arguments for find-principals:missing allowed keys file");
            return findPrincipals(o);
        }
        if (op.startsWith("sign")) {
            require(o.principals != null && !o.principals.isEmpty(), "Too few arguments for sign: missing namespace");
            require(o.file != null, "Too few arguments for sign: missing key");
            return sign(o);
        }
        if (op.startsWith("check-novalidate")) {
            require(o.caKey != null, "Too few arguments for check-novalidate: missing signature file");
            return verify(o, false);
        }
        if (op.startsWith("verify")) {
            require(o.principals != null && !o.principals.isEmpty(), "Too few arguments for verify: missing namespace");
            require(o.caKey != null, "Too few arguments for verify: missing signature file");
            require(o.file != null, "Too few arguments for sign: missing allowed keys file");
            require(o.certId != null, "Too few arguments for verify: missing principal ID");
            return verify(o, true);
        }
        throw new KeygenExit(SshKeygen.FAILED, "Unsupported operation for -Y: \"" + op + "\"; whale supports sign, "
                + "verify, check-novalidate and find-principals");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new KeygenExit(SshKeygen.FAILED, message);
        }
    }

    /** sig_sign: FILE.sig for each file, or the armored signature on standard output for standard input. */
    private int sign(KeygenOptions o) {
        List<String> files = o.operands;
        if (files.contains("-") && files.size() > 1) {
            throw KeygenExit.fatal("Cannot sign mix of paths and standard input");
        }
        Key pub = SshKeyFiles.loadPublic(o.file);
        SshCertificate cert = null;
        if (pub == null) {
            // A certificate (-f id-cert.pub): the signature carries it, for cert-authority lines.
            SshKeyFiles.Subject subject = SshKeyFiles.loadSubject(o.file);
            cert = subject == null ? null : subject.certificate();
            pub = cert == null ? null : cert.key();
        }
        if (pub == null) {
            return error("Couldn't load public key " + o.file + ": No such file or directory");
        }
        String privPath = o.file;
        for (String suffix : List.of("-cert.pub", ".pub")) {
            if (privPath.length() > suffix.length() && privPath.endsWith(suffix)) {
                privPath = privPath.substring(0, privPath.length() - suffix.length());
                if (!Files.exists(Path.of(privPath))) {
                    throw KeygenExit.fatal("No private key found for public key \"" + o.file + "\"");
                }
            }
        }
        KeyData priv = keygen.loadPrivate(privPath, o.oldPassphrase, "Enter passphrase: ", o);
        if (!Arrays.equals(OpenSsh.publicKeyBlob(priv.publicKey()), OpenSsh.publicKeyBlob(pub))) {
            return error("Public key " + o.file + " doesn't match private " + privPath);
        }
        if (files.isEmpty() || files.equals(List.of("-"))) {
            if (!o.quiet) {
                keygen.err.println("Signing data on standard input");
                keygen.err.flush();
            }
            keygen.out.print(signature(priv, cert, o, readStdin()));
            return 0;
        }
        for (String f : files) {
            byte[] message;
            try {
                message = Files.readAllBytes(Path.of(f));
            } catch (IOException e) {
                return error("Cannot open " + f + " for signing: " + SshKeyFiles.reason(e));
            }
            if (!o.quiet) {
                keygen.out.flush();
                keygen.err.println("Signing file " + f);
            }
            String sig = signature(priv, cert, o, message);
            String out = f + ".sig";
            if (Files.exists(Path.of(out))) {
                keygen.out.println(out + " already exists.");
                String answer = keygen.dialogue.ask("Overwrite (y/n)? ");
                if (answer == null || answer.isEmpty() || (answer.charAt(0) != 'y' && answer.charAt(0) != 'Y')) {
                    continue;
                }
            }
            try {
                Files.writeString(Path.of(out), sig);
            } catch (IOException e) {
                return error("Cannot open " + out + ": " + SshKeyFiles.reason(e));
            }
            if (!o.quiet) {
                keygen.out.flush();
                keygen.err.println("Write signature to " + out);
            }
        }
        return 0;
    }

    private String signature(KeyData priv, SshCertificate cert, KeygenOptions o, byte[] message) {
        return SshSignature.sign(priv.privateKey(), cert, o.principals, message, keygen.random);
    }

    /** sig_verify: the signature on standard input's data, and with {@code allowed}, its signer's right to sign. */
    private int verify(KeygenOptions o, boolean allowed) {
        long[] time = new long[1];
        boolean[] printKey = new boolean[1];
        SshSignature.Signer signer = null;
        boolean ok = options(o, time, printKey);
        if (ok) {
            try {
                String armored = new String(SshKeyFiles.read(o.caKey), StandardCharsets.UTF_8);
                signer = SshSignature.verify(armored, o.caKey, readStdin(), o.principals);
                if (allowed) {
                    ok = signers(o).allows(signer, o.certId, o.principals, time[0], this::errorLine);
                }
            } catch (PkiException e) {
                errorLine(e.getMessage().startsWith(o.caKey + ": ") ? "Couldn't read signature file: "
                        + e.getMessage().substring(o.caKey.length() + 2) : e.getMessage());
                ok = false;
            }
        }
        if (!o.quiet) {
            if (ok) {
                keygen.out.println("Good \"" + o.principals + "\" signature " + (allowed ? "for " + o.certId + " "
                        : "") + "with " + signer.typeLabel() + " key " + OpenSsh.fingerprint(signer.key(), o.hash));
            } else {
                keygen.out.println("Could not verify signature.");
            }
        }
        if (ok && printKey[0]) {
            keygen.out.println(signer.certificate() != null ? signer.certificate().publicKeyLine("")
                    : OpenSsh.publicKeyLine(signer.key(), ""));
        }
        return ok ? 0 : SshKeygen.FATAL;
    }

    /** sig_find_principals: the principals allowed_signers gives the signature's key, one a line. */
    private int findPrincipals(KeygenOptions o) {
        long[] time = new long[1];
        List<String> found = List.of();
        if (options(o, time, null)) {
            try {
                SshSignature.Signer signer = SshSignature.signer(new String(SshKeyFiles.read(o.caKey),
                        StandardCharsets.UTF_8), o.caKey);
                found = signers(o).principals(signer, time[0], this::errorLine);
            } catch (PkiException e) {
                errorLine(e.getMessage());
            }
        }
        if (found.isEmpty()) {
            keygen.out.flush();
            keygen.err.println("No principal matched.");
            return SshKeygen.FATAL;
        }
        found.forEach(keygen.out::println);
        return 0;
    }

    /** sig_process_opts: verify-time= and, for verify, print-pubkey. */
    private boolean options(KeygenOptions o, long[] time, boolean[] printKey) {
        time[0] = System.currentTimeMillis() / 1000;
        for (String opt : o.certOptions) {
            String lower = opt.toLowerCase(Locale.ROOT);
            if (lower.startsWith("verify-time=")) {
                time[0] = CertValidity.absoluteTime(opt.substring(12), ZoneId.systemDefault());
                if (time[0] <= 0) {
                    errorLine("Invalid \"verify-time\" option");
                    return false;
                }
            } else if (printKey != null && lower.equals("print-pubkey")) {
                printKey[0] = true;
            } else {
                errorLine("Invalid option \"" + opt + "\"");
                return false;
            }
        }
        return true;
    }

    private AllowedSigners signers(KeygenOptions o) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(Path.of(o.file));
        } catch (IOException e) {
            errorLine("Unable to open allowed keys file \"" + o.file + "\": " + SshKeyFiles.reason(e));
            bytes = new byte[0];
        }
        return AllowedSigners.parse(new String(bytes, StandardCharsets.UTF_8), o.file, ZoneId.systemDefault(),
                this::errorLine);
    }

    private byte[] readStdin() {
        try {
            return keygen.in.readAllBytes();
        } catch (IOException e) {
            throw KeygenExit.fatal("cannot read standard input: " + e.getMessage());
        }
    }

    private void errorLine(String message) {
        keygen.out.flush();
        keygen.err.print(message + "\r\n");
    }

    private int error(String message) {
        throw new KeygenExit(SshKeygen.FATAL, message);
    }
}
