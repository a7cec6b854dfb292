package dev.whale.cli.pki;

import dev.whale.cli.AtomicFiles;
import dev.whale.cli.Errors;
import dev.whale.pki.Passphrase;
import dev.whale.pki.PemBlock;
import dev.whale.pki.PkiException;
import dev.whale.pki.key.Key;
import dev.whale.pki.key.KeyData;
import dev.whale.pki.key.Keys;
import dev.whale.pki.x509.Certificate;
import dev.whale.pki.x509.CertificateRequest;
import dev.whale.pki.x509.ExtensionConfig;
import dev.whale.pki.x509.ExtensionSpec;
import dev.whale.pki.x509.Issuer;
import dev.whale.pki.x509.Serials;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

/**
 * {@code x509 -req -in CSR} as {@code openssl x509 -req} does it, through the library's {@link Issuer}: a CA signs
 * the request ({@code -CA CA -CAkey KEY}), or the request is self-signed with {@code -signkey KEY}, whose public key
 * then goes into the certificate. The serial number is {@code -set_serial N}, else, with a CA, the number after the
 * one in the CA's serial file ({@code -CAserial F}, by default the CA's file name with {@code .srl}), which
 * {@code -CAcreateserial} starts with a random number when it is missing; without a file, a random number.
 */
final class X509Signing {
    private X509Signing() {}

    /** The options of one signing. */
    record Request(Path csr, Path ca, Path caKey, Path caSerial, boolean createSerial, String setSerial,
                   Path signKey, Passphrase passin, int days, Path extfile, String extensions, String digest,
                   OutputOptions output) {}

    static int sign(Request r, PrintWriter stdout, PrintWriter stderr) {
        if (r.signKey() != null && r.ca() != null) {
            throw new Errors.UsageException("-signkey and -CA cannot be used together: -signkey self-signs the "
                    + "request, -CA signs it with a CA");
        }
        if (r.signKey() == null && (r.ca() == null || r.caKey() == null)) {
            throw new Errors.UsageException("-req needs -CA and -CAkey, the certificate and key of the CA that signs "
                    + "the request, or -signkey KEY to self-sign it");
        }
        BigInteger serial = null;
        if (r.setSerial() != null) {
            try {
                serial = Serials.parse(r.setSerial());
            } catch (PkiException e) {
                throw new Errors.FailureException("-set_serial: " + e.getMessage(), e);
            }
        }
        // OpenSSL's warnings about options that do nothing, in its order, before it reads anything.
        if (r.ca() == null) {
            if (r.caKey() != null) {
                stderr.println("Warning: ignoring -CAkey option since -CA option is not given");
            }
            if (r.caSerial() != null) {
                stderr.println("Warning: ignoring -CAserial option since -CA option is not given");
            }
            if (r.createSerial()) {
                stderr.println("Warning: ignoring -CAcreateserial option since -CA option is not given");
            }
        }
        if (r.extfile() == null && r.extensions() != null) {
            stderr.println("Warning: ignoring -extensions option without -extfile");
        }
        stderr.flush();
        Inputs.Input csrIn = Inputs.read(r.csr());
        CertificateRequest csr = CertificateRequest.read(csrIn.bytes(), csrIn.name());
        if (!csr.signatureValid()) {
            throw new Errors.FailureException(csrIn.name() + ": the request's self-signature does not verify");
        }
        stderr.println("Certificate request self-signature ok");
        stderr.println("subject=" + csr.subject().oneline());
        stderr.flush();
        List<ExtensionSpec> specs = List.of();
        if (r.extfile() != null) {
            Inputs.Input ext = Inputs.read(r.extfile());
            ExtensionConfig config = ExtensionConfig.parse(new String(ext.bytes(), StandardCharsets.UTF_8),
                    ext.name());
            specs = config.section(r.extensions() == null ? "default" : r.extensions());
        }
        Certificate cert;
        if (r.signKey() != null) {
            Issuer.Builder b = Issuer.selfSigned(privateKey(r.signKey(), r.passin(), "a private key to sign with"))
                    .subject(csr.subject()).days(r.days()).extensions(specs).digest(r.digest());
            cert = (serial == null ? b : b.serial(serial)).issue();
        } else {
            Inputs.Input caIn = Inputs.read(r.ca());
            Certificate ca = Certificate.read(caIn.bytes(), caIn.name());
            Issuer.Builder b = Issuer.signedBy(ca, privateKey(r.caKey(), r.passin(), "the CA's private key"))
                    .request(csr).days(r.days()).extensions(specs).digest(r.digest());
            Path serialFile = null;
            if (serial == null) {
                serialFile = r.caSerial() != null ? r.caSerial() : Path.of(Serials.defaultFile(r.ca().toString()));
                byte[] last = readSerialFile(serialFile);
                if (last != null) {
                    serial = Serials.next(Serials.readFile(last, serialFile.toString()));
                } else if (r.createSerial() || r.caSerial() == null) {
                    serial = Serials.next(Serials.random(new SecureRandom()));
                    if (!r.createSerial()) {
                        serialFile = null; // the default file is used when it exists, made only when asked
                    }
                } else {
                    throw new Errors.FailureException("-CAserial " + serialFile + ": no such file (-CAcreateserial "
                            + "makes it)");
                }
            }
            cert = b.serial(serial).issue();
            if (serialFile != null) {
                AtomicFiles.write(serialFile, Serials.fileText(serial), false);
            }
        }
        r.output().write(stdout, PemBlock.of("CERTIFICATE", cert.der()), false);
        return 0;
    }

    /** The private key in {@code file}; {@code what} says which key is expected, when it is a public one. */
    static Key privateKey(Path file, Passphrase passin, String what) {
        Inputs.Input keyIn = Inputs.read(file);
        KeyData key = Keys.read(keyIn.bytes(), keyIn.name(), passin);
        if (!key.isPrivate()) {
            throw new Errors.FailureException(keyIn.name() + ": expected " + what + ", found a public key");
        }
        return key.privateKey();
    }

    /** The bytes of a serial file, or null when there is none. */
    private static byte[] readSerialFile(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new Errors.FailureException("cannot read " + file + ": " + Errors.reason(e));
        }
    }
}
