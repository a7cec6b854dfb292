package dev.whale.cli.pki;

import dev.whale.cli.Errors;
import dev.whale.pki.PkiException;
import dev.whale.pki.verify.SignatureExplanation;
import dev.whale.pki.verify.TrustStore;
import dev.whale.pki.x509.Certificate;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code whale pki explain-signature}: a certificate's signature checked by hand, step by step. */
@Command(name = "explain-signature", mixinStandardHelpOptions = true,
        description = {"Check a certificate's signature step by step. For RSA: the signature value, s^e mod n with "
                + "its PKCS#1 v1.5 padding marked, the DigestInfo inside, the hash of the TBSCertificate, MATCH or "
                + "MISMATCH. For ECDSA and Ed25519, which give no digest back, the signature's parts and the check. "
                + "The issuer is the certificate itself when self-signed, else found in /etc/ssl/certs by name. "
                + "Exits 1 on MISMATCH."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale pki explain-signature /etc/ssl/certs/Amazon_Root_CA_1.pem",
                "  ./whale pki explain-signature server.pem -issuer intermediate.pem"})
final class ExplainSignatureCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CERT", description = "The certificate whose signature to check.")
    Path cert;

    @Option(names = {"-issuer", "--issuer"}, paramLabel = "FILE", description = "The issuer's certificate "
            + "(default: the certificate itself when self-signed, else looked up in /etc/ssl/certs).")
    Path issuerFile;

    @Override
    public Integer call() {
        Inputs.Input input = Inputs.read(cert);
        Certificate c = Certificate.read(input.bytes(), input.name());
        String issuerNote;
        Certificate issuer;
        if (issuerFile != null) {
            Inputs.Input i = Inputs.read(issuerFile);
            issuer = Certificate.read(i.bytes(), i.name());
            issuerNote = "from " + i.name();
        } else if (c.subject().equals(c.issuer())) {
            issuer = c;
            issuerNote = "self-signed";
        } else {
            issuer = lookUp(c, input.name());
            issuerNote = "found in " + dirs() + " by name";
        }
        SignatureExplanation x = explain(c, issuer, input.name());
        PrintWriter out = spec.commandLine().getOut();
        out.print(x.text(c.subject().oneline(), issuer.subject().oneline()
                + " (" + issuerNote + ")"));
        out.flush();
        return x.match() ? 0 : 1;
    }

    /** The default CA directories, as SSL_CERT_DIR writes them. */
    private static String dirs() {
        return String.join(":", OpensslDefaults.certDirs().stream().map(Path::toString).toList());
    }

    /** The check of {@code c}'s signature; a signature that cannot be checked is one line naming {@code source}. */
    private static SignatureExplanation explain(Certificate c, Certificate issuer,
                                                String source) {
        try {
            return SignatureExplanation.of(c, issuer);
        } catch (PkiException e) {
            throw new Errors.FailureException(source + ": " + e.getMessage(), e);
        }
    }

    /** The issuer of {@code c} in the default CA directory: a certificate named as its issuer whose key signed it. */
    private static Certificate lookUp(Certificate c, String source) {
        List<Certificate> candidates = TrustStore.of(List.of(), OpensslDefaults.certDirs())
                .bySubject(c.issuer());
        if (candidates.isEmpty()) {
            throw new Errors.FailureException("the issuer " + c.issuer().oneline()
                    + " is not in " + dirs() + "; give its certificate with -issuer FILE");
        }
        for (Certificate candidate : candidates) {
            if (explain(c, candidate, source).match()) {
                return candidate;
            }
        }
        return candidates.get(0);
    }
}
