package dev.whale.pki.verify;

import dev.whale.pki.x509.Certificate;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How many certificates of a trust store use each public key algorithm and each signature algorithm, by OpenSSL's
 * names. {@link #text()} prints the two tables that the post's shell pipelines print over /etc/ssl/certs,
 * {@code for i in *.pem; do openssl x509 -in $i -noout -text | grep …; done | sort | uniq -c}.
 */
public record TrustStoreStats(int certificates, SortedMap<String, Integer> publicKeyAlgorithms,
                              SortedMap<String, Integer> signatureAlgorithms) {
    /** The lines of {@code x509 -text} that the pipelines grep for, up to the algorithm's name. */
    private static final String KEY_LINE = "            Public Key Algorithm: ";
    private static final String SIGNATURE_LINE = "    Signature Algorithm: ";

    public TrustStoreStats {
        publicKeyAlgorithms = Collections.unmodifiableSortedMap(new TreeMap<>(publicKeyAlgorithms));
        signatureAlgorithms = Collections.unmodifiableSortedMap(new TreeMap<>(signatureAlgorithms));
    }

    /** The counts over {@code certificates}. */
    public static TrustStoreStats of(Iterable<Certificate> certificates) {
        SortedMap<String, Integer> keys = new TreeMap<>();
        SortedMap<String, Integer> signatures = new TreeMap<>();
        int n = 0;
        for (Certificate c : certificates) {
            keys.merge(c.publicKeyAlgorithm(), 1, Integer::sum);
            signatures.merge(c.signatureAlgorithm(), 1, Integer::sum);
            n++;
        }
        return new TrustStoreStats(n, keys, signatures);
    }

    /**
     * The two tables as {@code sort | uniq -c} prints the grepped lines: the count right-aligned in 7 columns, a
     * space, the line. Lines sort by byte, as {@code sort} does in the C locale; the public key table comes first.
     */
    public String text() {
        StringBuilder sb = new StringBuilder(512);
        table(sb, KEY_LINE, publicKeyAlgorithms);
        table(sb, SIGNATURE_LINE, signatureAlgorithms);
        return sb.toString();
    }

    private static void table(StringBuilder sb, String prefix, Map<String, Integer> counts) {
        // Every line has the same prefix, so the lines sort as the names do (TreeMap: by UTF-16 unit, which is by
        // byte for the ASCII names OpenSSL uses).
        counts.forEach((name, count) -> sb.append(String.format("%7d ", count)).append(prefix).append(name)
                .append('\n'));
    }
}
