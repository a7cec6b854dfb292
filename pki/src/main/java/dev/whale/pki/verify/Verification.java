package dev.whale.pki.verify;

import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The outcome of verifying one certificate: the chain that was built (the certificate first, the trust anchor, if
 * one was found, last), how many of its certificates did not come from the trust store, and the problems found, in
 * the order OpenSSL reports them. No problems means the certificate is trusted.
 */
public record Verification(List<X509CertificateHolder> chain, int untrusted, List<Problem> problems) {
    public Verification {
        chain = List.copyOf(chain);
        problems = List.copyOf(problems);
    }

    /** One error: what, at which depth of the chain (0 is the certificate itself), about which certificate. */
    public record Problem(VerifyError error, int depth, X509CertificateHolder certificate) {}

    public boolean ok() {
        return problems.isEmpty();
    }
}
