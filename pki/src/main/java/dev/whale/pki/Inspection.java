package dev.whale.pki;

import dev.whale.pki.internal.BcKey;
import dev.whale.pki.internal.Der;
import dev.whale.pki.internal.Digests;
import dev.whale.pki.key.Encryption;
import dev.whale.pki.key.Key;
import dev.whale.pki.key.KeyData;
import dev.whale.pki.key.KeyFormat;
import dev.whale.pki.key.Keys;
import dev.whale.pki.key.Pkcs8;
import dev.whale.pki.ssh.FingerprintHash;
import dev.whale.pki.ssh.OpenSsh;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * What a key or certificate file holds, found without a passphrase: its kind, format and PEM label, algorithm and
 * size, how it is encrypted, and its fingerprints. One file may hold several PEM blocks, each inspected.
 */
public record Inspection(String source, String kind, String format, String label, String algorithm, int bits,
                         String curve, Optional<Encryption> encryption, String comment, String sshFingerprint,
                         String spkiSha256, List<String> notes) {

    /** Every object in {@code bytes}: each PEM block, or the one DER structure, or an OpenSSH public key line. */
    public static List<Inspection> of(byte[] bytes, String source) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        String head = text.stripLeading();
        List<Inspection> out = new ArrayList<>();
        if (OpenSsh.isPublicKeyLine(head) || head.startsWith("---- BEGIN SSH2 PUBLIC KEY ----")) {
            out.add(ofKey(source, Keys.read(bytes, source, Passphrase.none()), null, "text"));
            return out;
        }
        if (!Pem.looksLikePem(bytes)) {
            out.add(ofDer(bytes, source, null, "DER"));
            return out;
        }
        for (PemBlock b : Pem.read(text, source)) {
            out.add(ofDer(b.der(), source, b, "PEM"));
        }
        return out;
    }

    private static Inspection ofDer(byte[] der, String source, PemBlock block, String encoding) {
        String label = block == null ? null : block.label();
        if ("OPENSSH PRIVATE KEY".equals(label)) {
            KeyData k = OpenSsh.readPrivateKeyHeader(der, source);
            List<String> notes = new ArrayList<>();
            if (k.encryption().isPresent()) {
                notes.add("the comment is encrypted with the key");
            }
            return build(source, "private key", KeyFormat.OPENSSH.displayName() + ", PEM armour", label,
                    k.publicKey(), k.encryption(), "", notes);
        }
        if ("CERTIFICATE".equals(label) || (label == null && looksLikeCertificate(der))) {
            return ofCertificate(der, source, label, encoding);
        }
        if ("ENCRYPTED PRIVATE KEY".equals(label) || (label == null && isEncryptedPkcs8(der, source))) {
            Encryption e = Pkcs8.parameters(der, source);
            return new Inspection(source, "private key", KeyFormat.ENCRYPTED_PKCS8.displayName() + ", " + encoding,
                    label, null, 0, null, Optional.of(e), "", null, null,
                    List.of("the algorithm and size are inside the encryption; read the key with its passphrase "
                            + "to see them"));
        }
        KeyData k = block == null ? Keys.readDer(der, source, Passphrase.none())
                : Keys.readPem(block, source, Passphrase.none());
        return ofKey(source, k, label, encoding);
    }

    private static Inspection ofKey(String source, KeyData k, String label, String encoding) {
        return build(source, k.isPrivate() ? "private key" : "public key", k.format().displayName() + ", " + encoding,
                label, k.publicKey(), k.encryption(), k.comment(), List.of());
    }

    private static Inspection build(String source, String kind, String format, String label,
                                    Key pub, Optional<Encryption> enc, String comment,
                                    List<String> notes) {
        String ssh;
        try {
            ssh = OpenSsh.fingerprint(pub, FingerprintHash.SHA256);
        } catch (PkiException e) {
            ssh = null;
        }
        String alg = pub.algorithm();
        return new Inspection(source, kind, format, label, alg, pub.bits(),
                alg.equals("EC") ? pub.curveName() : null, enc, comment, ssh, sha256(Keys.spki(pub)), notes);
    }

    private static Inspection ofCertificate(byte[] der, String source, String label, String encoding) {
        Der.check(der, source);
        try {
            X509CertificateHolder c = new X509CertificateHolder(der);
            Key pub = BcKey.of(BcKey.publicKey(c.getSubjectPublicKeyInfo(), source));
            List<String> notes = List.of("subject " + c.getSubject(), "issuer " + c.getIssuer(),
                    "valid " + c.getNotBefore().toInstant() + " to " + c.getNotAfter().toInstant(),
                    "certificate SHA-256 " + sha256(der));
            String alg = pub.algorithm();
            return new Inspection(source, "certificate", "X.509, " + encoding, label, alg, pub.bits(),
                    alg.equals("EC") ? pub.curveName() : null, Optional.empty(), "",
                    OpenSsh.fingerprint(pub, FingerprintHash.SHA256), sha256(Keys.spki(pub)), notes);
        } catch (IOException | RuntimeException e) {
            if (e instanceof PkiException p) {
                throw p;
            }
            throw new InvalidInputException(source + ": not a valid X.509 certificate", e);
        }
    }

    private static boolean looksLikeCertificate(byte[] der) {
        try {
            new X509CertificateHolder(der);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isEncryptedPkcs8(byte[] der, String source) {
        Der.check(der, source);
        try {
            var seq = ASN1Sequence.getInstance(der);
            return seq.size() == 2 && seq.getObjectAt(0) instanceof ASN1Sequence
                    && seq.getObjectAt(1) instanceof ASN1OctetString;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** SHA-256 as colon-separated lowercase hex, as {@code openssl x509 -fingerprint -sha256} prints it (lower). */
    static String sha256(byte[] b) {
        return HexFormat.ofDelimiter(":").formatHex(Digests.digest("SHA-256", b));
    }

    /** One line describing the encryption, or "no". */
    public String encryptionText() {
        if (encryption.isEmpty()) {
            return "no";
        }
        Encryption e = encryption.get();
        if (e.kdf().equals("bcrypt")) {
            return "yes: " + e.cipher() + ", key from bcrypt_pbkdf with " + e.cost() + " rounds, salt "
                    + HexFormat.of().formatHex(e.salt());
        }
        if (e.kdf().equals("none")) {
            return "no";
        }
        return "yes: " + e.scheme() + " with " + e.cipher() + ", key from " + e.kdf() + " (" + e.prf() + ") with "
                + e.cost() + " iterations, salt " + HexFormat.of().formatHex(e.salt());
    }
}
