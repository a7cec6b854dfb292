package dev.whale.pki.x509;

import dev.whale.pki.PkiIOException;
import dev.whale.pki.internal.CanonicalNames;
import java.io.IOException;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * An X.500 distinguished name, such as a certificate's subject or issuer. Two names are {@linkplain #equals equal}
 * when OpenSSL's X509_NAME_cmp finds them so: compared in canonical form (strings as UTF-8, trimmed, runs of spaces
 * made one, ASCII lower-cased), so {@code CN=Test Root} equals {@code CN= test  root}.
 *
 * <pre>{@code
 * Name subject = Certificate.read(bytes, "ca.pem").subject();
 * subject.oneline();   // "CN = Test Root, O = whale"
 * subject.hash();      // "5ad8a5d6", the name of its file in a CApath directory
 * }</pre>
 */
public final class Name {
    private final X500Name x500;
    private byte[] canonical;

    Name(X500Name x500) {
        this.x500 = x500;
    }

    /**
     * {@code name}, each of whose attributes has been parsed: BouncyCastle parses a Name's RDNs only when they are
     * asked for, so a malformed one would otherwise fail later, where it is printed, with its IllegalArgumentException.
     */
    static X500Name parsed(X500Name name) {
        for (RDN rdn : name.getRDNs()) {
            rdn.getTypesAndValues();
        }
        return name;
    }

    /** BouncyCastle's view, for the other classes of this package. */
    X500Name x500() {
        return x500;
    }

    /** The name on one line as OpenSSL 3 prints it by default: {@code CN = Zo\C3\AB, O = "a,b" + OU = x}. */
    public String oneline() {
        return NameText.oneline(x500, "a certificate name");
    }

    /**
     * The subject hash of {@code openssl x509 -hash} (X509_NAME_hash_ex): the first four bytes of the SHA-1 of the
     * canonical encoding, little-endian, as eight hex digits.
     */
    public String hash() {
        return CanonicalNames.hashOfCanonical(canonical());
    }

    /**
     * The old subject hash of {@code openssl x509 -subject_hash_old} (X509_NAME_hash_old): the first four bytes of
     * the MD5 of the DER encoding, little-endian, as eight hex digits.
     */
    public String hashOld() {
        return CanonicalNames.hashOld(der());
    }

    /** The DER encoding of the Name. */
    public byte[] der() {
        try {
            return x500.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new PkiIOException("cannot encode the name " + oneline() + ": " + e.getMessage(), e);
        }
    }

    private byte[] canonical() {
        byte[] c = canonical;
        if (c == null) {
            c = CanonicalNames.canonical(x500);
            canonical = c;
        }
        return c;
    }

    /** True when OpenSSL's X509_NAME_cmp finds the two names equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Name n && Arrays.equals(canonical(), n.canonical());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(canonical());
    }

    /** {@link #oneline()}. */
    @Override
    public String toString() {
        return oneline();
    }
}
