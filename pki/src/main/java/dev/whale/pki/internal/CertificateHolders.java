package dev.whale.pki.internal;

import dev.whale.pki.InvalidInputException;
import dev.whale.pki.PkiIOException;
import dev.whale.pki.x509.Certificate;
import java.io.IOException;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * BouncyCastle's view of a whale {@link Certificate}, for the code that checks signatures and walks extensions
 * with BouncyCastle's classes, and the way back. The holder keeps the DER it was read from and the certificate it
 * came from: chain building compares and hashes certificates by their bytes, and hands back the very certificates
 * it was given.
 */
public final class CertificateHolders {
    private CertificateHolders() {}

    /** {@code cert} as BouncyCastle's holder. */
    public static X509CertificateHolder of(Certificate cert) {
        byte[] der = cert.der();
        try {
            return new Held(cert, der, org.bouncycastle.asn1.x509.Certificate.getInstance(der));
        } catch (IllegalArgumentException | ClassCastException e) {
            // As X509CertificateHolder(byte[]) says it.
            throw new InvalidInputException(cert.source() + ": not an X.509 certificate: malformed data: "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new InvalidInputException(cert.source() + ": not an X.509 certificate: " + e.getMessage(), e);
        }
    }

    /** The whale certificate {@code holder} was made from, or one read from its encoding. */
    public static Certificate certificate(X509CertificateHolder holder) {
        return holder instanceof Held h ? h.certificate : Certificate.readChecked(der(holder), "a certificate");
    }

    /** The DER bytes of {@code holder}, not to be changed: those it was read from when whale read it. */
    public static byte[] der(X509CertificateHolder holder) {
        if (holder instanceof Held h) {
            return h.der;
        }
        try {
            return holder.toASN1Structure().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new PkiIOException("cannot encode the certificate: " + e.getMessage(), e);
        }
    }

    /** A holder that keeps its DER (BouncyCastle would encode it again each time) and its whale certificate. */
    private static final class Held extends X509CertificateHolder {
        private static final long serialVersionUID = 1L;
        private final transient Certificate certificate;
        private final byte[] der;

        Held(Certificate certificate, byte[] der, org.bouncycastle.asn1.x509.Certificate parsed) {
            super(parsed);
            this.certificate = certificate;
            this.der = der;
        }

        @Override
        public byte[] getEncoded() {
            return der.clone();
        }
    }
}
