package dev.whale.pki.verify;

import dev.whale.pki.Pem;
import dev.whale.pki.PemBlock;
import dev.whale.pki.PkiException;
import dev.whale.pki.internal.CanonicalNames;
import dev.whale.pki.internal.Der;
import dev.whale.pki.x509.Certificate;
import dev.whale.pki.x509.Name;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The certificates a verification trusts, found where OpenSSL's X509_STORE finds them: the certificates of a CAfile,
 * and directories such as /etc/ssl/certs whose files are named by subject hash ({@code 5ad8a5d6.0}, {@code .1}, …;
 * crypto/x509/by_dir.c), read only for the names a chain asks about. A CAfile is checked whole when it is added, as
 * OpenSSL loads it, but each of its certificates is read in full only when a chain asks for its subject. Immutable
 * but for those caches; safe to share between threads.
 *
 * <pre>{@code
 * TrustStore store = TrustStore.builder().file(Files.readAllBytes(caFile), caFile.toString())
 *         .directory(Path.of("/etc/ssl/certs")).build();
 * }</pre>
 */
public final class TrustStore {
    private final List<Entry> certificates;
    private final List<Path> directories;
    /** The CAfile's certificates by canonical subject, in file order. */
    private final Map<String, List<Entry>> bySubject = new HashMap<>();
    /** What the directories hold for each subject hash, read on first use. */
    private final Map<String, List<CertFacts>> byHash = new HashMap<>();

    private TrustStore(List<Entry> certificates, List<Path> directories) {
        this.certificates = certificates;
        this.directories = directories;
        for (Entry e : certificates) {
            bySubject.computeIfAbsent(key(e.subject), k -> new ArrayList<>(1)).add(e);
        }
    }

    /** A store of {@code certificates} (a CAfile's) and hashed {@code directories} (CApath), looked up in order. */
    public static TrustStore of(List<Certificate> certificates, List<Path> directories) {
        return builder().certificates(certificates).directories(directories).build();
    }

    /** A store that trusts nothing. */
    public static TrustStore empty() {
        return new TrustStore(List.of(), List.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Trusted certificates whose subject is {@code name}, in lookup order. */
    public List<Certificate> bySubject(Name name) {
        byte[] der = name.der();
        return bySubject(CanonicalNames.canonical(der, 0, der.length), null).stream().map(CertFacts::certificate)
                .toList();
    }

    private static String key(byte[] canonical) {
        return new String(canonical, StandardCharsets.ISO_8859_1);
    }

    /**
     * The certificates named {@code canonical}: those of the CAfile when it has any, else those of the first
     * directory that has any, as X509_STORE_CTX_get_by_subject stops at its cache and then at the first lookup.
     * A CAfile certificate with the same bytes as {@code known} (the one being verified, say) is not read again.
     */
    List<CertFacts> bySubject(byte[] canonical, CertFacts known) {
        List<Entry> fromFile = bySubject.get(key(canonical));
        if (fromFile != null) {
            List<CertFacts> out = new ArrayList<>(fromFile.size());
            for (Entry e : fromFile) {
                CertFacts f = e.facts(known);
                if (f != null) {
                    out.add(f);
                }
            }
            if (!out.isEmpty()) {
                return out;
            }
        }
        if (directories.isEmpty()) {
            return List.of();
        }
        List<CertFacts> hashed;
        String hash = CanonicalNames.hashOfCanonical(canonical);
        synchronized (byHash) {
            hashed = byHash.get(hash);
        }
        if (hashed == null) {
            hashed = load(hash);
            synchronized (byHash) {
                List<CertFacts> before = byHash.putIfAbsent(hash, hashed);
                hashed = before != null ? before : hashed;
            }
        }
        List<CertFacts> out = new ArrayList<>(1);
        for (CertFacts f : hashed) {
            if (Arrays.equals(f.subject, canonical)) {
                out.add(f);
            }
        }
        return out;
    }

    /** Files HASH.0, HASH.1, … of each directory until one is missing; files that hold no certificate are skipped. */
    private List<CertFacts> load(String hash) {
        List<CertFacts> out = new ArrayList<>();
        for (Path dir : directories) {
            for (int i = 0; ; i++) {
                Path f = dir.resolve(hash + "." + i);
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(f);
                } catch (NoSuchFileException e) {
                    break;
                } catch (IOException e) {
                    continue; // OpenSSL passes over a file it cannot load and goes on with the next suffix.
                }
                try {
                    for (Certificate c : Certificate.readAll(bytes, f.toString())) {
                        out.add(new CertFacts(c));
                    }
                } catch (PkiException | IllegalArgumentException e) {
                    // As above: a file that holds no certificate is passed over.
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

    /** One certificate of a CAfile: its bytes and canonical subject, and the rest once it is asked for. */
    private static final class Entry {
        final byte[] der;
        final byte[] subject;
        final String source;
        private CertFacts facts;
        private boolean unreadable;

        Entry(byte[] der, byte[] subject, String source) {
            this.der = der;
            this.subject = subject;
            this.source = source;
        }

        Entry(CertFacts facts) {
            this(facts.der, facts.subject, null);
            this.facts = facts;
        }

        /**
         * The certificate read in full; {@code known} when it has the same bytes; null in the rare case of a
         * certificate whose DER and layout were sound but whose fields are not, which is then passed over.
         */
        synchronized CertFacts facts(CertFacts known) {
            if (facts == null && !unreadable) {
                if (known != null && Arrays.equals(known.der, der)) {
                    facts = known;
                } else {
                    try {
                        facts = new CertFacts(Certificate.readChecked(der, source));
                    } catch (RuntimeException e) {
                        unreadable = true;
                    }
                }
            }
            return facts;
        }
    }

    /** What a store holds; {@link #file} checks a CAfile at once, as OpenSSL's loader does. */
    public static final class Builder {
        private final List<Entry> certificates = new ArrayList<>();
        private final List<Path> directories = new ArrayList<>();

        private Builder() {}

        /**
         * Every certificate of a CAfile: a PEM bundle (other blocks passed over) or one DER certificate. A file with
         * no certificate, or a broken one, is refused with the message {@link Certificate#readAll} gives, and adds
         * nothing. {@code source} names the file in messages.
         */
        public Builder file(byte[] bytes, String source) {
            List<Entry> read = new ArrayList<>();
            if (!Pem.looksLikePem(bytes)) {
                read.add(entry(bytes, source));
            } else {
                for (PemBlock b : Pem.read(new String(bytes, StandardCharsets.ISO_8859_1), source)) {
                    if (Certificate.isCertificateLabel(b.label())) {
                        read.add(entry(b.der(), source));
                    }
                }
                if (read.isEmpty()) {
                    Certificate.readPem(bytes, source); // throws, naming what the file holds instead
                }
            }
            certificates.addAll(read);
            return this;
        }

        /**
         * A certificate checked as far as chain building needs before it is asked for: sound DER, laid out as a
         * Certificate, with a subject. Anything else is read in full at once, which says what is wrong with it.
         */
        private static Entry entry(byte[] der, String source) {
            if (der.length > 0 && der[0] == 0x30) {
                try {
                    Der.check(der, source);
                    int[] names = CanonicalNames.spansInCertificate(der);
                    if (names != null) {
                        return new Entry(der, CanonicalNames.canonical(der, names[2], names[3]), source);
                    }
                } catch (RuntimeException e) {
                    // read in full below, for the message
                }
            }
            return new Entry(new CertFacts(Certificate.readDer(der, source)));
        }

        /** Certificates already read, trusted as a CAfile's are. */
        public Builder certificates(List<Certificate> certs) {
            for (Certificate c : certs) {
                certificates.add(new Entry(new CertFacts(c)));
            }
            return this;
        }

        /** A directory of certificates named by subject hash, looked up after the ones before it. */
        public Builder directory(Path dir) {
            directories.add(Objects.requireNonNull(dir, "dir"));
            return this;
        }

        public Builder directories(List<Path> dirs) {
            dirs.forEach(this::directory);
            return this;
        }

        public TrustStore build() {
            return new TrustStore(List.copyOf(certificates), directories.stream().distinct().toList());
        }
    }
}
