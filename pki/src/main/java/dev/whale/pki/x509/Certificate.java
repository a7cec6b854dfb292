package dev.whale.pki.x509;

import dev.whale.pki.InvalidInputException;
import dev.whale.pki.Pem;
import dev.whale.pki.PemBlock;
import dev.whale.pki.PemException;
import dev.whale.pki.PkiIOException;
import dev.whale.pki.UnsupportedAlgorithmException;
import dev.whale.pki.internal.Der;
import dev.whale.pki.internal.OpenSslText;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * An X.509 certificate (RFC 5280 4.1) as read from PEM or DER: the signed TBSCertificate's fields, the signature
 * algorithm and the signature. {@code source} names the input in error messages. Print it with
 * {@link CertificateText}.
 */
public final class Certificate {
    /** The PEM labels OpenSSL reads a certificate from (PEM_STRING_X509 and PEM_STRING_X509_OLD). */
    private static final List<String> LABELS = List.of("CERTIFICATE", "X509 CERTIFICATE");

    /** One extension as it is encoded: its OID, whether it is critical, and the bytes of extnValue. */
    record Ext(ASN1ObjectIdentifier oid, boolean critical, byte[] value) {}

    /** A Time as written: its text and whether it is a GeneralizedTime rather than a UTCTime. */
    record Time(String text, boolean generalized) {}

    private final String source;
    private final byte[] der;
    final long version;
    final BigInteger serial;
    final AlgorithmIdentifier tbsSignature;
    final X500Name issuer;
    final Time notBefore;
    final Time notAfter;
    final X500Name subject;
    final SubjectPublicKeyInfo publicKeyInfo;
    final ASN1BitString issuerUniqueId;
    final ASN1BitString subjectUniqueId;
    final List<Ext> extensions;
    final AlgorithmIdentifier signatureAlgorithm;
    final byte[] signature;

    private Certificate(String source, byte[] der) {
        this.source = source;
        this.der = der;
        ASN1Sequence cert = ASN1Sequence.getInstance(der);
        if (cert.size() != 3) {
            throw new IllegalArgumentException("a Certificate has 3 parts, this has " + cert.size());
        }
        ASN1Sequence tbs = ASN1Sequence.getInstance(cert.getObjectAt(0));
        int i = 0;
        long v = 0;
        if (tbs.getObjectAt(0) instanceof ASN1TaggedObject t && t.getTagNo() == 0) {
            v = ASN1Integer.getInstance(t, true).longValueExact();
            i++;
        }
        version = v;
        serial = ASN1Integer.getInstance(tbs.getObjectAt(i++)).getValue();
        tbsSignature = AlgorithmIdentifier.getInstance(tbs.getObjectAt(i++));
        issuer = Name.parsed(X500Name.getInstance(tbs.getObjectAt(i++)));
        ASN1Sequence validity = ASN1Sequence.getInstance(tbs.getObjectAt(i++));
        if (validity.size() != 2) {
            throw new IllegalArgumentException("the validity has " + validity.size() + " times, not 2");
        }
        notBefore = time(validity.getObjectAt(0));
        notAfter = time(validity.getObjectAt(1));
        subject = Name.parsed(X500Name.getInstance(tbs.getObjectAt(i++)));
        publicKeyInfo = SubjectPublicKeyInfo.getInstance(tbs.getObjectAt(i++));
        ASN1BitString iuid = null;
        ASN1BitString suid = null;
        List<Ext> exts = List.of();
        for (; i < tbs.size(); i++) {
            ASN1TaggedObject t = ASN1TaggedObject.getInstance(tbs.getObjectAt(i));
            switch (t.getTagNo()) {
                case 1 -> iuid = ASN1BitString.getInstance(t, false);
                case 2 -> suid = ASN1BitString.getInstance(t, false);
                case 3 -> exts = extensions(ASN1Sequence.getInstance(t, true));
                default -> throw new IllegalArgumentException("unexpected [" + t.getTagNo() + "] in the "
                        + "TBSCertificate");
            }
        }
        issuerUniqueId = iuid;
        subjectUniqueId = suid;
        extensions = exts;
        signatureAlgorithm = AlgorithmIdentifier.getInstance(cert.getObjectAt(1));
        signature = ASN1BitString.getInstance(cert.getObjectAt(2)).getBytes();
    }

    private static Time time(ASN1Encodable e) {
        if (e instanceof ASN1UTCTime u) {
            return new Time(rawText(u), false);
        }
        if (e instanceof ASN1GeneralizedTime g) {
            return new Time(rawText(g), true);
        }
        throw new IllegalArgumentException("a validity time is neither UTCTime nor GeneralizedTime");
    }

    private static String rawText(ASN1Primitive p) {
        return new String(OpenSslText.content(p), StandardCharsets.ISO_8859_1);
    }

    private static List<Ext> extensions(ASN1Sequence seq) {
        List<Ext> out = new ArrayList<>(seq.size());
        for (ASN1Encodable e : seq) {
            Extension x = Extension.getInstance(e);
            out.add(new Ext(x.getExtnId(), x.isCritical(), x.getExtnValue().getOctets()));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Every certificate in {@code bytes}, as a CAfile, an {@code -untrusted} file or a chain holds them: each
     * CERTIFICATE block of PEM text (other blocks passed over, as OpenSSL's loaders do), or the one of a DER file.
     * Never empty: a file without a certificate is refused, naming what it holds instead.
     */
    public static List<Certificate> readAll(byte[] bytes, String source) {
        if (!Pem.looksLikePem(bytes)) {
            return List.of(readDer(bytes, source));
        }
        List<Certificate> out = new ArrayList<>();
        for (PemBlock b : Pem.read(new String(bytes, StandardCharsets.ISO_8859_1), source)) {
            if (LABELS.contains(b.label())) {
                out.add(readDer(b.der(), source));
            }
        }
        if (out.isEmpty()) {
            readPem(bytes, source); // throws, naming what the file holds instead
        }
        return List.copyOf(out);
    }

    /** True for the PEM labels a certificate is read from: CERTIFICATE and the old X509 CERTIFICATE. */
    public static boolean isCertificateLabel(String label) {
        return LABELS.contains(label);
    }

    /**
     * The first certificate in {@code bytes}: PEM (the first CERTIFICATE block, other blocks skipped, as OpenSSL
     * does) or DER, told apart by a BEGIN line.
     */
    public static Certificate read(byte[] bytes, String source) {
        if (Pem.looksLikePem(bytes)) {
            return readPem(bytes, source);
        }
        if (bytes.length > 0 && bytes[0] != 0x30) {
            // Not a SEQUENCE: say what it is not, rather than how the bytes fail to be DER.
            throw new InvalidInputException(source
                    + ": not a certificate: no -----BEGIN CERTIFICATE----- line, and not DER "
                    + "(which starts with 0x30, not 0x" + String.format("%02x", bytes[0]) + ")");
        }
        return readDer(bytes, source);
    }

    /** The first CERTIFICATE block of PEM text. */
    public static Certificate readPem(byte[] bytes, String source) {
        if (bytes.length == 0) {
            throw new PemException(source + ": empty file, expected a PEM certificate");
        }
        List<PemBlock> blocks = Pem.read(new String(bytes, StandardCharsets.ISO_8859_1), source);
        for (PemBlock b : blocks) {
            if (LABELS.contains(b.label())) {
                return readDer(b.der(), source);
            }
        }
        throw new PemException(source + ": expected BEGIN CERTIFICATE, found BEGIN " + blocks.get(0).label());
    }

    /** A DER certificate. */
    public static Certificate readDer(byte[] der, String source) {
        if (der.length == 0) {
            throw new InvalidInputException(source + ": empty file, expected a certificate");
        }
        if (Pem.looksLikePem(der)) {
            throw new InvalidInputException(source + ": expected DER (-inform DER), found PEM text");
        }
        Der.check(der, source);
        return readChecked(der, source);
    }

    /** A DER certificate whose encoding has passed {@link Der#check} already. */
    public static Certificate readChecked(byte[] der, String source) {
        try {
            return new Certificate(source, der);
        } catch (RuntimeException e) {
            throw new InvalidInputException(source + ": not an X.509 certificate: " + reason(e), e);
        }
    }

    private static String reason(RuntimeException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** The name of the input, for messages. */
    public String source() {
        return source;
    }

    /** The subject: whom the certificate is for. */
    public Name subject() {
        return new Name(subject);
    }

    /** The issuer: who signed the certificate, the subject of the issuer's certificate. */
    public Name issuer() {
        return new Name(issuer);
    }

    /** The serial number the issuer gave the certificate. */
    public BigInteger serial() {
        return serial;
    }

    /**
     * True when the certificate is no longer valid at {@code t}, as {@code openssl x509 -checkend} asks: its
     * notAfter is not after {@code t} ({@code X509_cmp_time}). A notAfter that does not parse never expires, as in
     * OpenSSL.
     */
    public boolean expiredAt(Instant t) {
        Instant end = OpenSslText.instant(notAfter.text(), notAfter.generalized());
        return end != null && !end.isAfter(t);
    }

    /** The certificate's DER encoding, as read. */
    public byte[] der() {
        return der.clone();
    }

    /** The certificate as PEM, base64 at 64 columns. */
    public String pem() {
        return Pem.write("CERTIFICATE", der);
    }

    /** The SubjectPublicKeyInfo as PEM ({@code -----BEGIN PUBLIC KEY-----}), as {@code openssl x509 -pubkey}. */
    public String publicKeyPem() {
        return Pem.write("PUBLIC KEY", publicKeyDer());
    }

    /** The SubjectPublicKeyInfo's DER. */
    byte[] publicKeyDer() {
        try {
            return publicKeyInfo.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new PkiIOException(source + ": cannot encode the public key: " + e.getMessage(), e);
        }
    }

    /** OpenSSL's name of the public key algorithm: {@code rsaEncryption}, {@code id-ecPublicKey}, ... */
    public String publicKeyAlgorithm() {
        return OpenSslText.object(publicKeyInfo.getAlgorithm().getAlgorithm());
    }

    /** OpenSSL's name of the algorithm the issuer signed with: {@code sha256WithRSAEncryption}, ... */
    public String signatureAlgorithm() {
        return OpenSslText.object(signatureAlgorithm.getAlgorithm());
    }

    /** The digest of the DER certificate with {@code jdkAlgorithm} ({@code SHA-256}, ...). */
    public byte[] digest(String jdkAlgorithm) {
        try {
            return MessageDigest.getInstance(jdkAlgorithm).digest(der);
        } catch (NoSuchAlgorithmException e) {
            throw new UnsupportedAlgorithmException("unknown digest " + jdkAlgorithm, e);
        }
    }

    @Override
    public String toString() {
        return "Certificate.read(" + source + ")";
    }
}
