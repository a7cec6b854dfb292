package dev.whale.pki.verify;

import dev.whale.pki.InvalidInputException;
import dev.whale.pki.internal.CanonicalNames;
import dev.whale.pki.internal.CertificateHolders;
import dev.whale.pki.internal.Der;
import dev.whale.pki.internal.OpenSslText;
import dev.whale.pki.internal.Signatures;
import dev.whale.pki.x509.Certificate;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
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

    private static final ASN1ObjectIdentifier NS_CERT_TYPE = new ASN1ObjectIdentifier("2.16.840.1.113730.1.1");

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
    /** The first byte of the Netscape certificate type bits, or -1 without the extension. */
    final int nsCertType;
    /** The extended key usage OIDs, or null without the extension. */
    final Set<String> extendedKeyUsage;
    final boolean extendedKeyUsageCritical;
    final boolean unhandledCritical;
    final Instant notBefore;
    final Instant notAfter;
    final String keyFamily;
    final String signatureFamily;
    final boolean selfIssued;
    final boolean selfSigned;

    CertFacts(Certificate c) {
        this(CertificateHolders.of(c), c.source());
    }

    private CertFacts(X509CertificateHolder c, String source) {
        holder = c;
        der = CertificateHolders.der(c);
        int[] names = CanonicalNames.spansInCertificate(der);
        subject = names == null ? CanonicalNames.canonical(c.getSubject())
                : CanonicalNames.canonical(der, names[2], names[3]);
        issuer = names == null ? CanonicalNames.canonical(c.getIssuer())
                : CanonicalNames.canonical(der, names[0], names[1]);
        Extensions ext = c.getExtensions();
        try {
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
            Extension ns = ext == null ? null : ext.getExtension(NS_CERT_TYPE);
            if (ns != null) {
                byte[] bits = ASN1BitString.getInstance(ns.getParsedValue()).getBytes();
                nsCertType = bits.length == 0 ? 0 : bits[0] & 0xff;
            } else {
                nsCertType = -1;
            }
            Extension eku = ext == null ? null : ext.getExtension(Extension.extendedKeyUsage);
            if (eku != null) {
                Set<String> oids = new HashSet<>();
                for (ASN1Encodable e : ASN1Sequence.getInstance(eku.getParsedValue())) {
                    oids.add(ASN1ObjectIdentifier.getInstance(e).getId());
                }
                extendedKeyUsage = oids;
            } else {
                extendedKeyUsage = null;
            }
            extendedKeyUsageCritical = eku != null && eku.isCritical();
        } catch (IllegalArgumentException e) {
            // The extensions are kept as bytes when the certificate is read; these are parsed only here.
            throw new InvalidInputException(source + ": a malformed subjectKeyIdentifier, authorityKeyIdentifier, "
                    + "basicConstraints, keyUsage, nsCertType or extendedKeyUsage extension (" + e.getMessage() + ")",
                    e);
        }
        boolean critical = false;
        if (ext != null) {
            for (var oid : ext.getCriticalExtensionOIDs()) {
                critical |= !SUPPORTED.contains(oid.getId());
            }
        }
        unhandledCritical = critical;
        TBSCertificate tbs = c.toASN1Structure().getTBSCertificate();
        notBefore = instant(tbs.getStartDate());
        notAfter = instant(tbs.getEndDate());
        keyFamily = Signatures.keyFamily(c.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm());
        signatureFamily = Signatures.family(c.getSignatureAlgorithm().getAlgorithm());
        selfIssued = Arrays.equals(subject, issuer);
        selfSigned = likelyIssued(this, this);
    }

    /** A validity time as OpenSSL compares it (ossl_asn1_time_to_tm); BouncyCastle's reading when that fails. */
    private static Instant instant(Time time) {
        ASN1Primitive p = time.toASN1Primitive();
        Instant i = OpenSslText.instant(new String(OpenSslText.content(p), StandardCharsets.ISO_8859_1),
                p instanceof ASN1GeneralizedTime);
        return i != null ? i : time.getDate().toInstant();
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
                    && !Arrays.equals(akid.getKeyIdentifierObject().getOctets(), issuer.subjectKeyId)) {
                return false;
            }
            if (akid.getAuthorityCertSerialNumber() != null
                    && !akid.getAuthorityCertSerialNumber().equals(issuer.holder.getSerialNumber())) {
                return false;
            }
            if (akid.getAuthorityCertIssuer() != null) {
                for (GeneralName g : akid.getAuthorityCertIssuer().getNames()) {
                    if (g.getTagNo() == GeneralName.directoryName) {
                        if (!Arrays.equals(CanonicalNames.canonical(X500Name.getInstance(g.getName())),
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

    /**
     * OpenSSL's X509_check_ca: 0 when not a CA, 1 for CA:TRUE, 3 for a v1 self-signed root, 4 for keyCertSign, 5 for
     * a Netscape CA type.
     */
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
        if (keyUsage != null) {
            return 4;
        }
        return nsCertType > 0 && (nsCertType & 0x07) != 0 ? 5 : 0;
    }

    /** The whale certificate these facts are about. */
    Certificate certificate() {
        return CertificateHolders.certificate(holder);
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
        byte[] signature = Signatures.signatureBytes(holder.toASN1Structure().getSignature());
        return signature != null && Signatures.verify(holder.getSignatureAlgorithm(), tbs(), signature,
                issuer.holder.getSubjectPublicKeyInfo());
    }
}
