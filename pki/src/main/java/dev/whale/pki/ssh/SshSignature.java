package dev.whale.pki.ssh;

import dev.whale.pki.InvalidInputException;
import dev.whale.pki.internal.BcKey;
import dev.whale.pki.key.Key;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.RSAKeyParameters;

/**
 * SSH signatures of files (OpenSSH's PROTOCOL.sshsig; sshsig.c), as ssh-keygen -Y signs and checks them and git
 * uses them: the signer's public key, a namespace, a hash algorithm (sha512, or sha256 when reading) and a
 * signature over {@code "SSHSIG"}, the namespace and the message's hash, armored between
 * {@code -----BEGIN SSH SIGNATURE-----} lines. Failures throw with OpenSSH's words.
 */
public final class SshSignature {
    private static final byte[] MAGIC = "SSHSIG".getBytes(StandardCharsets.US_ASCII);
    private static final String BEGIN = "-----BEGIN SSH SIGNATURE-----\n";
    private static final String END = "-----END SSH SIGNATURE-----";
    private static final String HASH = "sha512";

    private SshSignature() {}

    /** Who made a signature: its key, and the certificate that key came in, or null when it came plain. */
    public record Signer(Key key, SshCertificate certificate) {
        /** OpenSSH's name of the key's type, as -Y verify prints it: {@code ED25519}, or {@code ED25519-CERT}. */
        public String typeLabel() {
            return OpenSsh.typeLabel(key) + (certificate == null ? "" : "-CERT");
        }
    }

    /** The armored signature of {@code message} by {@code privateKey} for {@code namespace}. */
    public static String sign(Key privateKey, String namespace, byte[] message, SecureRandom random) {
        return sign(privateKey, null, namespace, message, random);
    }

    /**
     * The armored signature of {@code message} by {@code privateKey} for {@code namespace}, carrying
     * {@code certificate} (of that key) instead of the plain public key when it is not null, as
     * {@code ssh-keygen -Y sign -f key-cert.pub} makes it for allowed_signers' {@code cert-authority} lines.
     */
    public static String sign(Key privateKey, SshCertificate certificate, String namespace, byte[] message,
                              SecureRandom random) {
        AsymmetricKeyParameter k = BcKey.parameters(privateKey);
        byte[] plain = SshKeyBlob.encode(BcKey.publicOf(k));
        if (certificate != null && !Arrays.equals(plain, OpenSsh.publicKeyBlob(certificate.key()))) {
            throw new InvalidInputException("the certificate is for another key than the private key");
        }
        byte[] sig = SshSignatures.sign(k, SshSignatures.defaultAlgorithm(k), signedData(namespace, HASH,
                digest(HASH, message)), random);
        byte[] blob = new SshWire.Writer().raw(MAGIC).uint32(1).string(certificate == null ? plain
                : certificate.blob()).string(namespace).string(new byte[0]).string(HASH).string(sig).toByteArray();
        String b64 = Base64.getEncoder().encodeToString(blob);
        StringBuilder out = new StringBuilder(BEGIN);
        for (int i = 0; i < b64.length(); i += 70) {
            out.append(b64, i, Math.min(b64.length(), i + 70)).append('\n');
        }
        return out.append(END).append('\n').toString();
    }

    /** The key (or certificate) that made the signature in {@code armored}, unchecked (sshsig_get_pubkey). */
    public static Signer signer(String armored, String source) {
        return signer(parse(armored, source).publicKey, source);
    }

    private static Signer signer(byte[] blob, String source) {
        String type = new SshWire.Reader(blob, 0, blob.length, source).text("key type");
        if (SshCertificate.isCertificateType(type)) {
            SshCertificate c = SshCertificate.parse(blob, source);
            return new Signer(c.key(), c);
        }
        return new Signer(BcKey.of(SshKeyBlob.decode(blob, source)), null);
    }

    /**
     * The key whose good signature of {@code message} for {@code namespace} is in {@code armored}
     * (sshsig_verify_fd); whether that key may sign for anyone is {@link AllowedSigners}' question.
     */
    public static Signer verify(String armored, String source, byte[] message, String namespace) {
        Parsed p = parse(armored, source);
        Signer signer = signer(p.publicKey, source);
        AsymmetricKeyParameter key = BcKey.parameters(signer.key());
        if (!p.namespace.equals(namespace)) {
            throw new InvalidInputException("Couldn't verify signature: namespace does not match");
        }
        if (!p.hash.equals("sha512") && !p.hash.equals("sha256")) {
            throw new InvalidInputException("sshsig_check_hashalg: unsupported hash algorithm \"" + p.hash + "\"");
        }
        if (key instanceof RSAKeyParameters) {
            String alg = SshSignatures.algorithm(p.signature, source);
            if (!alg.equals(SshSignatures.RSA_SHA512) && !alg.equals(SshSignatures.RSA_SHA256)) {
                throw new InvalidInputException("Couldn't verify signature: unsupported RSA signature algorithm "
                        + alg);
            }
        }
        if (!SshSignatures.verify(key, p.signature, signedData(namespace, p.hash, digest(p.hash, message)), source)) {
            throw new InvalidInputException("Signature verification failed: incorrect signature");
        }
        return signer;
    }

    private record Parsed(byte[] publicKey, String namespace, String hash, byte[] signature) {}

    private static Parsed parse(String armored, String source) {
        if (!armored.startsWith(BEGIN)) {
            throw new InvalidInputException("Couldn't parse signature: missing header");
        }
        // The footer after at least one line (sshsig_dearmor): right after the header, it is missing.
        int end = armored.indexOf("\n" + END, BEGIN.length());
        if (end < 0) {
            throw new InvalidInputException("Couldn't parse signature: missing footer");
        }
        byte[] blob;
        try {
            blob = Base64.getMimeDecoder().decode(armored.substring(BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Couldn't decode signature: invalid format");
        }
        if (blob.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(blob, MAGIC.length), MAGIC)) {
            throw new InvalidInputException("Couldn't verify signature: invalid format");
        }
        SshWire.Reader r = new SshWire.Reader(blob, MAGIC.length, blob.length, source);
        int version = r.uint32("version");
        if (Integer.compareUnsigned(version, 1) > 0) {
            throw new InvalidInputException("Signature version " + Integer.toUnsignedString(version)
                    + " is larger than supported version 1");
        }
        Parsed p = new Parsed(r.string("public key"), r.text("namespace"), skip(r), r.string("signature"));
        if (r.remaining() != 0) {
            throw new InvalidInputException("Signature contains trailing data");
        }
        return p;
    }

    /** Skips the reserved string and returns the hash algorithm after it. */
    private static String skip(SshWire.Reader r) {
        r.string("reserved");
        return r.text("hash algorithm");
    }

    private static byte[] signedData(String namespace, String hash, byte[] digest) {
        return new SshWire.Writer().raw(MAGIC).string(namespace).string(new byte[0]).string(hash).string(digest)
                .toByteArray();
    }

    private static byte[] digest(String hash, byte[] message) {
        try {
            return MessageDigest.getInstance(hash.equals("sha256") ? "SHA-256" : "SHA-512").digest(message);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no " + hash, e);
        }
    }
}
