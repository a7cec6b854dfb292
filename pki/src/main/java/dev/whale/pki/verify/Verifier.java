package dev.whale.pki.verify;

import dev.whale.pki.PkiException;
import dev.whale.pki.x509.Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import dev.whale.pki.x509.Certificate;

/**
 * Verifies certificates the way {@code openssl verify} does (OpenSSL 3.0, crypto/x509/x509_vfy.c): it builds the
 * chain trusted store first, then from the untrusted certificates; a store certificate is a trust anchor when it is
 * self-signed, or any store certificate with {@link Builder#partialChain}; then it checks CA flags, path lengths and
 * critical extensions from the leaf up, and signatures and validity periods from the anchor down. Errors that
 * {@code openssl verify} lets pass (expired, self-signed leaf, invalid CA, …) are reported and checking goes on;
 * any other error ends it, so the problems are exactly the lines OpenSSL prints. Name constraints, policies and
 * revocation are not checked.
 *
 * <pre>{@code
 * Verifier v = Verifier.builder().trustStore(TrustStore.of(roots, List.of())).untrusted(intermediates).build();
 * Verification result = v.verify(leaf);
 * }</pre>
 */
public final class Verifier {
    /** OpenSSL's default verify depth (X509_VERIFY_PARAM): a chain may grow to this plus two certificates. */
    public static final int DEFAULT_DEPTH = 100;

    private final TrustStore trustStore;
    private final List<CertFacts> untrusted;
    private final Instant at;
    private final boolean partialChain;

    private Verifier(Builder b) {
        trustStore = b.trustStore;
        untrusted = b.untrusted.stream().map(CertFacts::new).toList();
        at = b.at;
        partialChain = b.partialChain;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds the chain of {@code certificate} and checks it. */
    public Verification verify(Certificate certificate) {
        Run run = new Run(new CertFacts(certificate), at == null ? Instant.now() : at);
        boolean going = run.buildChain() && run.checkExtensions();
        if (going) {
            run.checkSignaturesAndTimes();
        }
        return new Verification(run.chain.stream().map(CertFacts::certificate).toList(), run.untrustedCount,
                run.problems);
    }

    @Override
    public String toString() {
        return "Verifier{" + trustStore + ", " + untrusted.size() + " untrusted" + (at == null ? "" : ", at " + at)
                + (partialChain ? ", partial chain" : "") + "}";
    }

    /** One verification: the growing chain and the problems reported so far. */
    private final class Run {
        private static final int MAX_CHAIN = DEFAULT_DEPTH + 1;

        final List<CertFacts> chain = new ArrayList<>();
        final List<Verification.Problem> problems = new ArrayList<>();
        final Instant time;
        int untrustedCount = 1;

        Run(CertFacts leaf, Instant time) {
            chain.add(leaf);
            this.time = time;
        }

        /** Reports an error at {@code depth}; true when checking goes on, as openssl verify's callback decides. */
        boolean report(VerifyError e, int depth, CertFacts cert) {
            problems.add(new Verification.Problem(e, depth, cert.certificate()));
            return e.continues();
        }

        /** build_chain: the trust store first at every step, the untrusted certificates when it has nothing. */
        boolean buildChain() {
            List<CertFacts> pool = new ArrayList<>(untrusted);
            boolean searchUntrusted = !pool.isEmpty();
            boolean trusted = false;
            while (true) {
                int num = chain.size();
                CertFacts current = chain.get(num - 1);
                CertFacts issuer = num > MAX_CHAIN ? null : trustedIssuer(current);
                if (issuer != null) {
                    boolean selfSigned = current.selfSigned;
                    boolean ok = true;
                    if (!selfSigned) {
                        chain.add(issuer);
                        selfSigned = issuer.selfSigned;
                    } else if (!Arrays.equals(current.der, issuer.der)) {
                        ok = false; // a self-signed look-alike of a trusted certificate
                    } else {
                        untrustedCount = --num;
                        chain.set(num, issuer);
                    }
                    if (ok) {
                        searchUntrusted = false;
                        trusted = anchored(num);
                        if (trusted || !selfSigned) {
                            if (trusted) {
                                break;
                            }
                            continue;
                        }
                    }
                }
                if (!searchUntrusted) {
                    break;
                }
                CertFacts next = current.selfSigned || num > MAX_CHAIN ? null : untrustedIssuer(pool, current);
                if (next == null) {
                    searchUntrusted = false;
                    continue;
                }
                pool.remove(next);
                chain.add(next);
                untrustedCount++;
            }
            int num = chain.size();
            if (!trusted && num <= MAX_CHAIN && num == untrustedCount) {
                trusted = anchored(num);
            }
            if (trusted) {
                return true;
            }
            CertFacts top = chain.get(num - 1);
            if (num > MAX_CHAIN) {
                return report(VerifyError.CERT_CHAIN_TOO_LONG, num - 1, top);
            }
            if (top.selfSigned) {
                return report(num == 1 ? VerifyError.DEPTH_ZERO_SELF_SIGNED_CERT
                        : VerifyError.SELF_SIGNED_CERT_IN_CHAIN, num - 1, top);
            }
            return report(untrustedCount < num ? VerifyError.UNABLE_TO_GET_ISSUER_CERT
                    : VerifyError.UNABLE_TO_GET_ISSUER_CERT_LOCALLY, num - 1, top);
        }

        /**
         * check_trust: is a store certificate at {@code from} or above a trust anchor? Only a self-signed one is,
         * unless partial chains are allowed; then also the leaf itself when the store holds it.
         */
        boolean anchored(int from) {
            for (int i = from; i < chain.size(); i++) {
                if (chain.get(i).selfSigned) {
                    return true;
                }
            }
            if (from < chain.size()) {
                return partialChain;
            }
            if (partialChain) {
                CertFacts leaf = chain.get(0);
                for (CertFacts f : trustStore.bySubject(leaf.subject, leaf)) {
                    if (Arrays.equals(f.der, leaf.der)) {
                        chain.set(0, f);
                        untrustedCount = 0;
                        return true;
                    }
                }
            }
            return false;
        }

        /** X509_STORE_CTX_get1_issuer: the first issuer valid now, else the one that expired last. */
        CertFacts trustedIssuer(CertFacts cert) {
            return pick(trustStore.bySubject(cert.issuer, cert), cert, false);
        }

        /** find_issuer over the untrusted certificates, skipping those already in the chain. */
        CertFacts untrustedIssuer(List<CertFacts> pool, CertFacts cert) {
            return pick(pool, cert, true);
        }

        private CertFacts pick(List<CertFacts> candidates, CertFacts cert, boolean notInChain) {
            CertFacts best = null;
            for (CertFacts c : candidates) {
                if (!CertFacts.likelyIssued(c, cert)) {
                    continue;
                }
                if (notInChain && !(cert.selfIssued && chain.size() == 1) && inChain(c)) {
                    continue;
                }
                if (c.validAt(time)) {
                    return c;
                }
                if (best == null || c.notAfter.isAfter(best.notAfter)) {
                    best = c;
                }
            }
            return best;
        }

        /**
         * sk_X509_contains: is {@code c}, or a certificate with the same bytes, in the chain already? A copy of the
         * certificate being verified in the untrusted set counts, so that cross-signed CAs cannot go round again.
         */
        private boolean inChain(CertFacts c) {
            for (CertFacts x : chain) {
                if (x == c || Arrays.equals(x.der, c.der)) {
                    return true;
                }
            }
            return false;
        }

        /** check_chain_extensions: critical extensions, CA flags and path lengths, from the leaf up. */
        boolean checkExtensions() {
            int num = chain.size();
            int pathLength = 0;
            for (int i = 0; i < num; i++) {
                CertFacts x = chain.get(i);
                if (x.unhandledCritical && !report(VerifyError.UNHANDLED_CRITICAL_EXTENSION, i, x)) {
                    return false;
                }
                if (i > 0) {
                    int kind = x.caKind();
                    boolean isCa = kind != 0 && (i + 1 == num || kind == 1);
                    if (!isCa && !report(VerifyError.INVALID_CA, i, x)) {
                        return false;
                    }
                }
                if (i > 1 && x.pathLength != -1 && pathLength > x.pathLength
                        && !report(VerifyError.PATH_LENGTH_EXCEEDED, i, x)) {
                    return false;
                }
                if (i > 0 && !x.selfIssued) {
                    pathLength++;
                }
            }
            return true;
        }

        /** internal_verify: each signature with the key above it and each validity period, from the top down. */
        void checkSignaturesAndTimes() {
            int n = chain.size() - 1;
            CertFacts issuer = chain.get(n);
            CertFacts subject;
            if (CertFacts.likelyIssued(issuer, issuer)) {
                subject = issuer;
            } else if (partialChain) {
                subject = issuer;
            } else if (n <= 0) {
                if (!report(VerifyError.UNABLE_TO_VERIFY_LEAF_SIGNATURE, 0, issuer)) {
                    return;
                }
                subject = issuer;
            } else {
                n--;
                subject = chain.get(n);
            }
            while (n >= 0) {
                if (subject != issuer) {
                    if (!issuer.maySignCertificates() && !report(VerifyError.KEYUSAGE_NO_CERTSIGN, n + 1, issuer)) {
                        return;
                    }
                    boolean valid;
                    try {
                        valid = subject.signedBy(issuer);
                    } catch (PkiException e) {
                        valid = false;
                    }
                    if (!valid && !report(VerifyError.CERT_SIGNATURE_FAILURE, n, subject)) {
                        return;
                    }
                }
                if (!subject.notBefore.isBefore(time) && !report(VerifyError.CERT_NOT_YET_VALID, n, subject)) {
                    return;
                }
                if (subject.notAfter.isBefore(time) && !report(VerifyError.CERT_HAS_EXPIRED, n, subject)) {
                    return;
                }
                if (--n >= 0) {
                    issuer = subject;
                    subject = chain.get(n);
                }
            }
        }
    }

    /** Options of a verification; by default nothing is trusted, nothing is untrusted, and the time is now. */
    public static final class Builder {
        private TrustStore trustStore = TrustStore.empty();
        private List<Certificate> untrusted = List.of();
        private Instant at;
        private boolean partialChain;

        private Builder() {}

        /** Where trust anchors and trusted intermediates come from ({@code -CAfile}, {@code -CApath}). */
        public Builder trustStore(TrustStore store) {
            this.trustStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Certificates that may complete the chain but are not trusted ({@code -untrusted}). */
        public Builder untrusted(List<Certificate> certificates) {
            this.untrusted = List.copyOf(certificates);
            return this;
        }

        /** Checks validity periods at {@code time} instead of now ({@code -attime}). */
        public Builder at(Instant time) {
            this.at = time;
            return this;
        }

        /** Accepts a chain that ends at any trusted certificate, self-signed or not ({@code -partial_chain}). */
        public Builder partialChain(boolean on) {
            this.partialChain = on;
            return this;
        }

        public Verifier build() {
            return new Verifier(this);
        }
    }
}
