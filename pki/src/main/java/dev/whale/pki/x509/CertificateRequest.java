package dev.whale.pki.x509;

import dev.whale.pki.InvalidInputException;
import dev.whale.pki.Pem;
import dev.whale.pki.PkiException;
import dev.whale.pki.PkiIOException;
import dev.whale.pki.internal.BcKey;
import dev.whale.pki.internal.Der;
import dev.whale.pki.internal.Signatures;
import dev.whale.pki.key.Key;
import dev.whale.pki.key.Keys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;

/**
 * Certificate signing requests (PKCS#10, RFC 2986), as {@code openssl req -new} writes them: the subject name and
 * public key, requested extensions in an extensionRequest attribute, signed by the subject's own private key to
 * prove that the requester holds it. A CA turns one into a certificate with {@link Issuer.Builder#request}.
 *
 * <pre>{@code
 * CertificateRequest csr = CertificateRequest.create(SubjectArgument.parse("/CN=web", false).name(), key,
 *         List.of(), null);
 * String pem = csr.pem();
 * }</pre>
 */
public final class CertificateRequest {
    private final PKCS10CertificationRequest request;

    private CertificateRequest(PKCS10CertificationRequest request) {
        this.request = request;
    }

    /** A request for {@code subject}, signed with {@code privateKey} and {@code digest} (sha256 when null). */
    public static CertificateRequest create(Name subject, Key privateKey, List<ExtensionSpec> extensions,
                                            String digest) {
        SubjectPublicKeyInfo key = SubjectPublicKeyInfo.getInstance(Keys.spki(privateKey));
        PKCS10CertificationRequestBuilder b = new PKCS10CertificationRequestBuilder(subject.x500(), key);
        ExtensionValues.Context ctx = new ExtensionValues.Context(key, key, null, subject.x500(), null, true, true,
                true);
        List<Extension> exts = ExtensionValues.encode(extensions, ctx);
        if (!exts.isEmpty()) {
            b.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest,
                    new Extensions(exts.toArray(Extension[]::new)));
        }
        return new CertificateRequest(b.build(Signatures.signer(BcKey.parameters(privateKey),
                digest == null ? "sha256" : digest)));
    }

    /**
     * {@code openssl x509 -x509toreq}: a request for the certificate's subject and public key, without attributes,
     * signed with {@code signingKey} and {@code digest} (sha256 when null).
     */
    public static CertificateRequest fromCertificate(Certificate cert, Key signingKey, String digest) {
        PKCS10CertificationRequestBuilder b = new PKCS10CertificationRequestBuilder(cert.subject, cert.publicKeyInfo);
        return new CertificateRequest(b.build(Signatures.signer(BcKey.parameters(signingKey),
                digest == null ? "sha256" : digest)));
    }

    /** The request in {@code bytes}: PEM (CERTIFICATE REQUEST, or the old NEW CERTIFICATE REQUEST) or DER. */
    public static CertificateRequest read(byte[] bytes, String source) {
        byte[] der = bytes;
        if (Pem.looksLikePem(bytes)) {
            der = Pem.readOne(new String(bytes, StandardCharsets.ISO_8859_1), source, "CERTIFICATE REQUEST",
                    "NEW CERTIFICATE REQUEST").der();
        }
        Der.check(der, source);
        try {
            PKCS10CertificationRequest request = new PKCS10CertificationRequest(der);
            Name.parsed(request.getSubject());
            return new CertificateRequest(request);
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(source + ": not a PKCS#10 certificate request: " + e.getMessage(), e);
        }
    }

    /** BouncyCastle's view, for {@link Issuer}. */
    PKCS10CertificationRequest bc() {
        return request;
    }

    /** The subject the request asks a certificate for. */
    public Name subject() {
        return new Name(request.getSubject());
    }

    /** True when the request is signed by the private half of the key it holds ({@code openssl req -verify}). */
    public boolean signatureValid() {
        try {
            byte[] info = request.toASN1Structure().getCertificationRequestInfo().getEncoded(ASN1Encoding.DER);
            byte[] signature = Signatures.signatureBytes(request.toASN1Structure().getSignature());
            return signature != null && Signatures.verify(request.getSignatureAlgorithm(), info, signature,
                    request.getSubjectPublicKeyInfo());
        } catch (IOException | PkiException e) {
            return false;
        }
    }

    /** {@code openssl req -text -noout}: the request as text, its names in {@code names}' form. */
    public String text(NameFormat names) {
        return RequestText.of(request.toASN1Structure(), names, "the certificate request");
    }

    /** {@code openssl req -pubkey}: the request's public key as PEM. */
    public String publicKeyPem() {
        try {
            return Pem.write("PUBLIC KEY", request.getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new PkiIOException("cannot encode the request's public key: " + e.getMessage(), e);
        }
    }

    /**
     * {@code openssl req -modulus}, what follows {@code Modulus=}: an RSA key's modulus in uppercase hex, else
     * OpenSSL's {@code Wrong Algorithm type}.
     */
    public String modulus() {
        SubjectPublicKeyInfo spki = request.getSubjectPublicKeyInfo();
        boolean rsa = CertificateText.isRsa(spki);
        return rsa ? CertificateText.modulus(spki, "the certificate request") : "Wrong Algorithm type";
    }

    /** The DER encoding of the request. */
    public byte[] der() {
        try {
            return request.getEncoded();
        } catch (IOException e) {
            throw new PkiIOException("cannot encode the certificate request: " + e.getMessage(), e);
        }
    }

    /** The request as PEM, {@code -----BEGIN CERTIFICATE REQUEST-----}. */
    public String pem() {
        return Pem.write("CERTIFICATE REQUEST", der());
    }

    @Override
    public String toString() {
        return "CertificateRequest(" + subject().oneline() + ")";
    }
}
