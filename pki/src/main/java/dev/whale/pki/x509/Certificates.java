package dev.whale.pki.x509;

import dev.whale.pki.Asn1Exception;
import dev.whale.pki.InvalidInputException;
import dev.whale.pki.Pem;
import dev.whale.pki.PemBlock;
import dev.whale.pki.PkiIOException;
import dev.whale.pki.internal.Der;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Bundles of certificates, such as a CAfile, an {@code -untrusted} file or a chain: every certificate of a PEM file
 * (other blocks passed over, as OpenSSL's loaders do) or the one of a DER file, each read by {@link Certificate},
 * as the BouncyCastle holders that verifying and issuing work with.
 */
public final class Certificates {
    private Certificates() {}

    /** Every certificate in {@code bytes}; {@code source} names the input in errors. Never empty. */
    public static List<X509CertificateHolder> readAll(byte[] bytes, String source) {
        if (!Pem.looksLikePem(bytes)) {
            return List.of(holder(Certificate.readDer(bytes, source)));
        }
        List<X509CertificateHolder> out = new ArrayList<>();
        for (PemBlock b : Pem.read(new String(bytes, StandardCharsets.ISO_8859_1), source)) {
            if (b.label().equals("CERTIFICATE") || b.label().equals("X509 CERTIFICATE")) {
                out.add(holder(Certificate.readDer(b.der(), source)));
            }
        }
        if (out.isEmpty()) {
            Certificate.readPem(bytes, source); // throws, naming what the file holds instead
        }
        return out;
    }

    /**
     * Where the issuer and subject Names lie in a certificate's DER, as {@code {issuerStart, issuerEnd,
     * subjectStart, subjectEnd}}; null when the bytes are not laid out as a Certificate's (RFC 5280 4.1).
     */
    public static int[] nameSpans(byte[] der) {
        try {
            Der.Tlv cert = Der.header(der, 0, der.length, "certificate", false);
            Der.Tlv tbs = Der.header(der, cert.contentOffset(), cert.end(), "certificate", false);
            if (!sequence(cert) || !sequence(tbs)) {
                return null;
            }
            int end = tbs.end();
            Der.Tlv t = Der.header(der, tbs.contentOffset(), end, "certificate", false);
            if (t.tagClass() == Der.CONTEXT && t.tag() == 0) {
                t = Der.header(der, t.end(), end, "certificate", false);
            }
            if (t.tagClass() != Der.UNIVERSAL || t.tag() != 2) {
                return null; // the serial number, an INTEGER
            }
            Der.Tlv algorithm = Der.header(der, t.end(), end, "certificate", false);
            Der.Tlv issuer = Der.header(der, algorithm.end(), end, "certificate", false);
            Der.Tlv validity = Der.header(der, issuer.end(), end, "certificate", false);
            Der.Tlv subject = Der.header(der, validity.end(), end, "certificate", false);
            if (!sequence(algorithm) || !sequence(issuer) || !sequence(validity) || !sequence(subject)) {
                return null;
            }
            return new int[] {issuer.offset(), issuer.end(), subject.offset(), subject.end()};
        } catch (Asn1Exception e) {
            return null;
        }
    }

    private static boolean sequence(Der.Tlv t) {
        return t.tagClass() == Der.UNIVERSAL && t.tag() == 16 && t.constructed() && t.length() != Der.INDEFINITE;
    }

    /** The first certificate in {@code bytes}, as {@code openssl verify} and {@code x509 -in} take it. */
    public static X509CertificateHolder readFirst(byte[] bytes, String source) {
        return holder(Certificate.read(bytes, source));
    }

    /** {@code cert} as BouncyCastle's holder. */
    public static X509CertificateHolder holder(Certificate cert) {
        try {
            return new Read(cert.der(), org.bouncycastle.asn1.x509.Certificate.getInstance(cert.asn1));
        } catch (IllegalArgumentException | ClassCastException e) {
            // As X509CertificateHolder(byte[]) says it.
            throw new InvalidInputException(cert.source() + ": not an X.509 certificate: malformed data: "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new InvalidInputException(cert.source() + ": not an X.509 certificate: " + e.getMessage(), e);
        }
    }

    /**
     * A holder that keeps the DER it was read from: chain building compares and hashes certificates by their bytes,
     * and BouncyCastle would encode them again each time it is asked.
     */
    private static final class Read extends X509CertificateHolder {
        private static final long serialVersionUID = 1L;
        private final byte[] der;

        Read(byte[] der, org.bouncycastle.asn1.x509.Certificate parsed) {
            super(parsed);
            this.der = der;
        }

        @Override
        public byte[] getEncoded() {
            return der.clone();
        }
    }

    /** The PEM text of {@code cert}. */
    public static String pem(X509CertificateHolder cert) {
        return Pem.write("CERTIFICATE", der(cert));
    }

    /** The DER bytes of {@code cert}. */
    public static byte[] der(X509CertificateHolder cert) {
        return cert instanceof Read r ? r.der.clone() : encode(cert);
    }

    /** The DER bytes of {@code cert}, not to be changed: those it was read from when whale read it. */
    public static byte[] derOf(X509CertificateHolder cert) {
        return cert instanceof Read r ? r.der : encode(cert);
    }

    private static byte[] encode(X509CertificateHolder cert) {
        try {
            return cert.toASN1Structure().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new PkiIOException("cannot encode the certificate: " + e.getMessage(), e);
        }
    }
}
