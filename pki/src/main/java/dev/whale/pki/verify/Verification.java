package dev.whale.pki.verify;

import dev.whale.pki.x509.Certificate;
import java.util.List;

/**
 * The outcome of verifying one certificate: the chain that was built (the certificate first, the trust anchor, if
 * one was found, last), how many of its certificates did not come from the trust store, and the problems found, in
 * the order OpenSSL reports them. No problems means the certificate is trusted.
 */
public record Verification(List<Certificate> chain, int untrusted, List<Problem> problems) {
    public Verification {
        chain = List.copyOf(chain);
        problems = List.copyOf(problems);
    }

    /** One error: what, at which depth of the chain (0 is the certificate itself), about which certificate. */
    public record Problem(VerifyError error, int depth, Certificate certificate) {}

    public boolean ok() {
        return problems.isEmpty();
    }

    /**
     * What {@code openssl verify} prints on standard output for a certificate that verified, read from
     * {@code name}: {@code NAME: OK}, then with {@code showChain} each certificate of the chain by depth, those
     * that did not come from the trust store marked {@code (untrusted)}.
     */
    public String okText(String name, boolean showChain) {
        StringBuilder sb = new StringBuilder();
        sb.append(name).append(": OK\n");
        if (showChain) {
            sb.append("Chain:\n");
            for (int j = 0; j < chain.size(); j++) {
                sb.append("depth=").append(j).append(": ").append(chain.get(j).subject().oneline())
                        .append(j < untrusted ? " (untrusted)" : "").append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * What {@code openssl verify} prints on standard error for a certificate that did not verify, read from
     * {@code name}: each problem as the certificate's subject and OpenSSL's error line, then
     * {@code error NAME: verification failed}.
     */
    public String errorText(String name) {
        StringBuilder sb = new StringBuilder();
        for (Problem p : problems) {
            sb.append(p.certificate().subject().oneline()).append('\n');
            sb.append("error ").append(p.error().code()).append(" at ").append(p.depth()).append(" depth lookup: ")
                    .append(p.error().text()).append('\n');
        }
        sb.append("error ").append(name).append(": verification failed\n");
        return sb.toString();
    }
}
