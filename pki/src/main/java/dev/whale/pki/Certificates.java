package dev.whale.pki;

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

    /** The first certificate in {@code bytes}, as {@code openssl verify} and {@code x509 -in} take it. */
    public static X509CertificateHolder readFirst(byte[] bytes, String source) {
        return holder(Certificate.read(bytes, source));
    }

    /** {@code cert} as BouncyCastle's holder. */
    public static X509CertificateHolder holder(Certificate cert) {
        try {
            return new X509CertificateHolder(cert.der());
        } catch (IOException | RuntimeException e) {
            throw new PkiException(cert.source() + ": not an X.509 certificate: " + e.getMessage(), e);
        }
    }

    /** The PEM text of {@code cert}. */
    public static String pem(X509CertificateHolder cert) {
        return Pem.write("CERTIFICATE", der(cert));
    }

    /** The DER bytes of {@code cert}. */
    public static byte[] der(X509CertificateHolder cert) {
        try {
            return cert.toASN1Structure().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new PkiException("cannot encode the certificate: " + e.getMessage(), e);
        }
    }
}
