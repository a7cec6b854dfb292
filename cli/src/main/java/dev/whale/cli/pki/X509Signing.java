package dev.whale.cli.pki;

import dev.whale.cli.Errors;
import dev.whale.pki.CertificateRequests;
import dev.whale.pki.Certificates;
import dev.whale.pki.DistinguishedNames;
import dev.whale.pki.ExtensionConfig;
import dev.whale.pki.ExtensionSpec;
import dev.whale.pki.Issuer;
import dev.whale.pki.KeyData;
import dev.whale.pki.Keys;
import dev.whale.pki.PkiException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * {@code x509 -req -in CSR -CA CA -CAkey KEY [-days N] [-extfile F [-extensions S]]}: a CA signs a certificate
 * request, as {@code openssl x509 -req} does, through the library's {@link Issuer}.
 */
final class X509Signing {
    private X509Signing() {}

    static int sign(Path csrFile, Path caFile, Path caKeyFile, String passin, int days, Path extfile,
                    String extensions, String digest, Path out, PrintWriter stdout, PrintWriter stderr) {
        if (caFile == null || caKeyFile == null) {
            throw new Errors.UsageException("-req needs -CA and -CAkey: the certificate and key that sign the request");
        }
        Inputs.Input csrIn = Inputs.read(csrFile);
        PKCS10CertificationRequest csr = CertificateRequests.read(csrIn.bytes(), csrIn.name());
        if (!CertificateRequests.signatureValid(csr)) {
            throw new PkiException(csrIn.name() + ": the request's self-signature does not verify");
        }
        stderr.println("Certificate request self-signature ok");
        stderr.println("subject=" + DistinguishedNames.oneline(csr.getSubject()));
        Inputs.Input caIn = Inputs.read(caFile);
        X509CertificateHolder ca = Certificates.readFirst(caIn.bytes(), caIn.name());
        Inputs.Input keyIn = Inputs.read(caKeyFile);
        KeyData caKey = Keys.read(keyIn.bytes(), keyIn.name(), PassSource.of(passin, "-passin"));
        if (!caKey.isPrivate()) {
            throw new PkiException(keyIn.name() + ": expected the CA's private key, found a public key");
        }
        List<ExtensionSpec> specs = List.of();
        if (extfile != null) {
            Inputs.Input ext = Inputs.read(extfile);
            ExtensionConfig config = ExtensionConfig.parse(new String(ext.bytes(), StandardCharsets.UTF_8),
                    ext.name());
            specs = config.section(extensions == null ? "default" : extensions);
        }
        X509CertificateHolder cert = Issuer.signedBy(ca, caKey.privateKey()).request(csr).days(days)
                .extensions(specs).digest(digest).issue();
        Outputs.write(stdout, out, Certificates.pem(cert), false);
        return 0;
    }
}
