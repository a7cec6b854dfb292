package dev.whale.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The certificates a verification trusts, found where OpenSSL's X509_STORE finds them: the certificates of a CAfile,
 * and directories such as /etc/ssl/certs whose files are named by subject hash ({@code 5ad8a5d6.0}, {@code .1}, …;
 * crypto/x509/by_dir.c), read only for the names a chain asks about. Immutable but for that cache.
 */
public final class TrustStore {
    private final List<CertFacts> certificates;
    private final List<Path> directories;
    private final Map<String, List<CertFacts>> byHash = new HashMap<>();

    private TrustStore(List<CertFacts> certificates, List<Path> directories) {
        this.certificates = certificates;
        this.directories = directories;
    }

    /** A store of {@code certificates} (a CAfile's) and hashed {@code directories} (CApath), looked up in order. */
    public static TrustStore of(List<X509CertificateHolder> certificates, List<Path> directories) {
        List<CertFacts> facts = new ArrayList<>();
        for (X509CertificateHolder c : certificates) {
            facts.add(new CertFacts(c));
        }
        return new TrustStore(facts, List.copyOf(directories));
    }

    /** A store that trusts nothing. */
    public static TrustStore empty() {
        return new TrustStore(List.of(), List.of());
    }

    /** Trusted certificates whose subject is {@code name}, in lookup order. */
    public List<X509CertificateHolder> bySubject(X500Name name) {
        return bySubject(DistinguishedNames.canonical(name), DistinguishedNames.hash(name)).stream()
                .map(f -> f.holder).toList();
    }

    /**
     * The certificates named {@code canonical}: those of the CAfile when it has any, else those of the first
     * directory that has any, as X509_STORE_CTX_get_by_subject stops at its cache and then at the first lookup.
     */
    synchronized List<CertFacts> bySubject(byte[] canonical, String hash) {
        List<CertFacts> out = new ArrayList<>();
        for (CertFacts f : certificates) {
            if (Arrays.equals(f.subject, canonical)) {
                out.add(f);
            }
        }
        if (!out.isEmpty()) {
            return out;
        }
        List<CertFacts> hashed = byHash.computeIfAbsent(hash, this::load);
        for (CertFacts f : hashed) {
            if (Arrays.equals(f.subject, canonical)) {
                out.add(f);
            }
        }
        return out;
    }

    List<CertFacts> bySubject(CertFacts subjectOf) {
        return bySubject(subjectOf.issuer, DistinguishedNames.hash(subjectOf.holder.getIssuer()));
    }

    /** Files HASH.0, HASH.1, … of each directory until one is missing; files that hold no certificate are skipped. */
    private List<CertFacts> load(String hash) {
        List<CertFacts> out = new ArrayList<>();
        for (Path dir : directories) {
            for (int i = 0; ; i++) {
                Path f = dir.resolve(hash + "." + i);
                if (!Files.exists(f)) {
                    break;
                }
                try {
                    for (X509CertificateHolder c : Certificates.readAll(Files.readAllBytes(f), f.toString())) {
                        out.add(new CertFacts(c));
                    }
                } catch (IOException | PkiException | IllegalArgumentException e) {
                    // OpenSSL passes over a file it cannot load and goes on with the next suffix.
                }
            }
            if (!out.isEmpty()) {
                break;
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "TrustStore{" + certificates.size() + " certificates, directories " + directories + "}";
    }
}
