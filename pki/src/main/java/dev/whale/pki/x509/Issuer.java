package dev.whale.pki.x509;

import dev.whale.pki.InvalidInputException;
import dev.whale.pki.PkiIOException;
import dev.whale.pki.internal.BcKey;
import dev.whale.pki.internal.Signatures;
import dev.whale.pki.key.Key;
import dev.whale.pki.key.Keys;
import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v1CertificateBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/**
 * Issues X.509 certificates the way {@code openssl req -x509} and {@code openssl x509 -req -CA} do. A certificate
 * binds a subject name to a public key, and is signed either by that key's own private half (self-signed, as a root
 * or a test server's certificate) or by a CA's key, whose certificate names it as the issuer. Like OpenSSL, it
 * uses a random positive 159-bit serial, UTCTime until 2049, SHA-256, version 3 when there are extensions and
 * version 1 when there are none.
 *
 * <pre>{@code
 * Certificate root = Issuer.selfSigned(rootKey.privateKey())
 *         .subject(SubjectArgument.parse("/CN=Test Root", false).name())
 *         .extensions(ExtensionConfig.V3_CA).days(3650).issue();
 * Certificate server = Issuer.signedBy(root, rootKey.privateKey())
 *         .request(csr)
 *         .extensions(ExtensionConfig.parse(extfile, "server.ext").section("default"))
 *         .days(365).issue();
 * }</pre>
 */
public final class Issuer {
    private Issuer() {}

    /** A certificate that {@code privateKey} signs for its own public key; subject and issuer are the same. */
    public static Builder selfSigned(Key privateKey) {
        requirePrivate(privateKey);
        return new Builder(null, privateKey);
    }

    /** A certificate that the CA of {@code caCertificate} signs with {@code caPrivateKey}. */
    public static Builder signedBy(Certificate caCertificate, Key caPrivateKey) {
        Objects.requireNonNull(caCertificate, "caCertificate");
        requirePrivate(caPrivateKey);
        if (!Arrays.equals(Keys.spki(caPrivateKey), caCertificate.publicKeyDer())) {
            throw new InvalidInputException("the CA private key does not match the CA certificate "
                    + caCertificate.subject().oneline());
        }
        return new Builder(caCertificate, caPrivateKey);
    }

    private static void requirePrivate(Key key) {
        if (key == null || !key.isPrivate()) {
            throw new InvalidInputException("signing a certificate needs a private key");
        }
    }

    /** A random positive serial of 159 bits, 20 bytes or fewer in DER, as OpenSSL's rand_serial makes. */
    public static BigInteger randomSerial(SecureRandom random) {
        return Serials.random(random);
    }

    /** What the certificate will say; {@link #issue} signs it. */
    public static final class Builder {
        private final Certificate ca;
        private final Key signingKey;
        private X500Name subject;
        private SubjectPublicKeyInfo publicKey;
        private BigInteger serial;
        private Instant notBefore;
        private Instant notAfter;
        private long days = 30;
        private List<ExtensionSpec> extensions = List.of();
        private String digest = "sha256";
        private SecureRandom random;

        private Builder(Certificate ca, Key signingKey) {
            this.ca = ca;
            this.signingKey = signingKey;
        }

        public Builder subject(Name name) {
            this.subject = Objects.requireNonNull(name, "name").x500();
            return this;
        }

        /** The key the certificate is for; a self-signed certificate defaults to its signing key's public half. */
        public Builder publicKey(Key key) {
            this.publicKey = SubjectPublicKeyInfo.getInstance(Keys.spki(key));
            return this;
        }

        /** Subject and public key from a certificate request, whose signature must verify. */
        public Builder request(CertificateRequest request) {
            if (!request.signatureValid()) {
                throw new InvalidInputException("the certificate request for " + request.subject().oneline()
                        + " has a bad signature");
            }
            this.subject = request.bc().getSubject();
            this.publicKey = request.bc().getSubjectPublicKeyInfo();
            return this;
        }

        /**
         * The serial number (default: {@link #randomSerial}). RFC 5280 asks for a positive one; like OpenSSL, which
         * takes {@code -set_serial -5} and {@code 0}, whale writes what it is given.
         */
        public Builder serial(BigInteger value) {
            this.serial = Objects.requireNonNull(value, "value");
            return this;
        }

        /** Valid from now for {@code count} days (default 30, as OpenSSL). */
        public Builder days(long count) {
            if (count < 0) {
                throw new InvalidInputException("days cannot be negative: " + count);
            }
            this.days = count;
            this.notBefore = null;
            this.notAfter = null;
            return this;
        }

        /** Valid from {@code from} to {@code to}, both included, to the second. */
        public Builder validity(Instant from, Instant to) {
            if (to.isBefore(from)) {
                throw new InvalidInputException("invalid interval: " + from + ".." + to);
            }
            this.notBefore = from.truncatedTo(ChronoUnit.SECONDS);
            this.notAfter = to.truncatedTo(ChronoUnit.SECONDS);
            return this;
        }

        /**
         * The extensions, in order; a later one of the same kind replaces an earlier one. With none, the
         * certificate is version 1, as {@code x509 -req} without {@code -extfile} makes it.
         */
        public Builder extensions(List<ExtensionSpec> specs) {
            this.extensions = List.copyOf(specs);
            return this;
        }

        /** sha1, sha224, sha256 (default), sha384 or sha512; Ed25519 keys take none. */
        public Builder digest(String name) {
            this.digest = Objects.requireNonNull(name, "name");
            return this;
        }

        public Builder random(SecureRandom r) {
            this.random = r;
            return this;
        }

        public Certificate issue() {
            if (subject == null) {
                throw new InvalidInputException("a certificate needs a subject name");
            }
            SubjectPublicKeyInfo key = publicKey;
            if (key == null) {
                if (ca != null) {
                    throw new InvalidInputException("a certificate signed by a CA needs the subject's public key");
                }
                key = SubjectPublicKeyInfo.getInstance(Keys.spki(signingKey));
            }
            SecureRandom rnd = random == null ? new SecureRandom() : random;
            BigInteger sn = serial == null ? randomSerial(rnd) : serial;
            Instant from = notBefore;
            Instant to = notAfter;
            if (from == null) {
                from = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                to = from.plus(Duration.ofDays(days));
            }
            X500Name issuerName = ca == null ? subject : ca.subject;
            SubjectPublicKeyInfo issuerKey = SubjectPublicKeyInfo.getInstance(Keys.spki(signingKey));
            byte[] caKeyId = null;
            for (Certificate.Ext e : ca == null ? List.<Certificate.Ext>of() : ca.extensions) {
                if (e.oid().equals(Extension.subjectKeyIdentifier)) {
                    caKeyId = ASN1OctetString.getInstance(e.value()).getOctets();
                }
            }
            ExtensionValues.Context ctx = new ExtensionValues.Context(key, issuerKey, caKeyId,
                    ca == null ? subject : ca.issuer, ca == null ? sn : ca.serial, ca == null,
                    issuerKey.equals(key), false);
            List<Extension> exts = ExtensionValues.encode(extensions, ctx);
            Time nb = new Time(Date.from(from));
            Time na = new Time(Date.from(to));
            var signer = Signatures.signer(BcKey.parameters(signingKey), digest);
            if (exts.isEmpty()) {
                return issued(new X509v1CertificateBuilder(issuerName, sn, nb, na, subject, key).build(signer));
            }
            X509v3CertificateBuilder b = new X509v3CertificateBuilder(issuerName, sn, nb, na, subject, key);
            try {
                for (Extension e : exts) {
                    b.addExtension(e);
                }
            } catch (CertIOException e) {
                throw new InvalidInputException("cannot add an extension: " + e.getMessage(), e);
            }
            return issued(b.build(signer));
        }

        private static Certificate issued(X509CertificateHolder holder) {
            try {
                return Certificate.readChecked(holder.getEncoded(), "the issued certificate");
            } catch (IOException e) {
                throw new PkiIOException("cannot encode the issued certificate: " + e.getMessage(), e);
            }
        }

        @Override
        public String toString() {
            return (ca == null ? "Issuer.selfSigned(" + signingKey.algorithm() + ")"
                    : "Issuer.signedBy(" + ca.subject().oneline() + ")")
                    + (subject == null ? "" : ".subject(" + new Name(subject).oneline() + ")");
        }
    }
}
