package dev.whale.pki;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * A certificate with what chain building asks of it again and again, worked out once: canonical names, key
 * identifiers, CA flags, validity, and OpenSSL's idea of self-issued and self-signed (crypto/x509/v3_purp.c).
 */
final class CertFacts {
    /** Extensions OpenSSL 3.0 understands, so that marking them critical is fine (X509_supported_extension). */
    private static final Set<String> SUPPORTED = Set.of("2.16.840.1.113730.1.1", "2.5.29.15", "2.5.29.17",
            "2.5.29.19", "2.5.29.32", "2.5.29.31", "2.5.29.37", "1.3.6.1.5.5.7.1.7", "1.3.6.1.5.5.7.1.8",
            "1.3.6.1.5.5.7.48.1.5", "2.5.29.36", "1.3.6.1.5.5.7.1.14", "2.5.29.30", "2.5.29.33", "2.5.29.54");

    final X509CertificateHolder holder;
    final byte[] der;
    final byte[] subject;
    final byte[] issuer;
    final byte[] subjectKeyId;
    final AuthorityKeyIdentifier authorityKeyId;
    final boolean hasBasicConstraints;
    final boolean ca;
    final int pathLength;
    final KeyUsage keyUsage;
    final boolean unhandledCritical;
    final Instant notBefore;
    final Instant notAfter;
    final String keyFamily;
    final String signatureFamily;
    final boolean selfIssued;
    final boolean selfSigned;

    CertFacts(X509CertificateHolder c) {
        holder = c;
        der = Certificates.der(c);
        subject = DistinguishedNames.canonical(c.getSubject());
        issuer = DistinguishedNames.canonical(c.getIssuer());
        Extensions ext = c.getExtensions();
        ASN1OctetString ski = ext == null ? null : ASN1OctetString.getInstance(ext.getExtensionParsedValue(
                Extension.subjectKeyIdentifier));
        subjectKeyId = ski == null ? null : ski.getOctets();
        authorityKeyId = ext == null ? null : AuthorityKeyIdentifier.fromExtensions(ext);
        BasicConstraints bc = ext == null ? null : BasicConstraints.fromExtensions(ext);
        hasBasicConstraints = bc != null;
        ca = bc != null && bc.isCA();
        BigInteger len = bc == null ? null : bc.getPathLenConstraint();
        pathLength = ca && len != null ? len.min(BigInteger.valueOf(Integer.MAX_VALUE)).intValue() : -1;
        keyUsage = ext == null ? null : KeyUsage.fromExtensions(ext);
        boolean critical = false;
        if (ext != null) {
            for (var oid : ext.getCriticalExtensionOIDs()) {
                critical |= !SUPPORTED.contains(oid.getId());
            }
        }
        unhandledCritical = critical;
        notBefore = c.getNotBefore().toInstant();
        notAfter = c.getNotAfter().toInstant();
        keyFamily = Signatures.keyFamily(c.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm());
        signatureFamily = Signatures.family(c.getSignatureAlgorithm().getAlgorithm());
        selfIssued = Arrays.equals(subject, issuer);
        selfSigned = likelyIssued(this, this);
    }

    X500Name subjectName() {
        return holder.getSubject();
    }

    /**
     * OpenSSL's ossl_x509_likely_issued: {@code issuer}'s subject is {@code subject}'s issuer, the authority key
     * identifier (if any) fits, and {@code issuer}'s key is of the kind that made {@code subject}'s signature. The
     * signature itself is checked later.
     */
    static boolean likelyIssued(CertFacts issuer, CertFacts subject) {
        if (!Arrays.equals(issuer.subject, subject.issuer)) {
            return false;
        }
        AuthorityKeyIdentifier akid = subject.authorityKeyId;
        if (akid != null) {
            if (akid.getKeyIdentifierObject() != null && issuer.subjectKeyId != null
                    && !Arrays.equals(akid.getKeyIdentifier(), issuer.subjectKeyId)) {
                return false;
            }
            if (akid.getAuthorityCertSerialNumber() != null
                    && !akid.getAuthorityCertSerialNumber().equals(issuer.holder.getSerialNumber())) {
                return false;
            }
            if (akid.getAuthorityCertIssuer() != null) {
                for (GeneralName g : akid.getAuthorityCertIssuer().getNames()) {
                    if (g.getTagNo() == GeneralName.directoryName) {
                        if (!Arrays.equals(DistinguishedNames.canonical(X500Name.getInstance(g.getName())),
                                issuer.issuer)) {
                            return false;
                        }
                        break;
                    }
                }
            }
        }
        return Signatures.matches(issuer.keyFamily, subject.signatureFamily);
    }

    /** OpenSSL's X509_check_ca: 0 when not a CA, 1 for CA:TRUE, 3 for a v1 self-signed root, 4 for keyCertSign. */
    int caKind() {
        if (keyUsage != null && !keyUsage.hasUsages(KeyUsage.keyCertSign)) {
            return 0;
        }
        if (hasBasicConstraints) {
            return ca ? 1 : 0;
        }
        if (holder.getVersionNumber() == 1 && selfSigned) {
            return 3;
        }
        return keyUsage != null ? 4 : 0;
    }

    /** True when the key usage, if any, allows signing certificates. */
    boolean maySignCertificates() {
        return keyUsage == null || keyUsage.hasUsages(KeyUsage.keyCertSign);
    }

    /** Valid at {@code t} as X509_cmp_time sees it: notBefore strictly before, notAfter not before. */
    boolean validAt(Instant t) {
        return notBefore.isBefore(t) && !notAfter.isBefore(t);
    }

    /** The bytes that were signed: the TBSCertificate as it appears in the file. */
    byte[] tbs() {
        Der.Tlv outer = Der.header(der, 0, der.length, "certificate", false);
        Der.Tlv tbs = Der.header(der, outer.contentOffset(), outer.end(), "certificate", false);
        return Arrays.copyOfRange(der, tbs.offset(), tbs.end());
    }

    boolean signedBy(CertFacts issuer) {
        return Signatures.verify(holder.getSignatureAlgorithm(), tbs(), holder.getSignature(),
                issuer.holder.getSubjectPublicKeyInfo());
    }
}
