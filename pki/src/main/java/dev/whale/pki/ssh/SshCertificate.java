package dev.whale.pki.ssh;

import dev.whale.pki.InvalidInputException;
import dev.whale.pki.internal.BcKey;
import dev.whale.pki.key.Key;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/**
 * An OpenSSH certificate (PROTOCOL.certkeys): a public key signed by a CA key together with a serial, a key id,
 * principals, a validity interval, critical options and extensions. Type names are the key's with
 * {@code -cert-v01@openssh.com}, such as {@code ssh-ed25519-cert-v01@openssh.com}. Make one with {@link #builder()}
 * (ssh-keygen -s), read one with {@link #parseLine} (the signature is checked, as sshkey_read does), and print it
 * with {@link #text} (ssh-keygen -L).
 */
public final class SshCertificate {
    /** What makes a key type name a certificate's. */
    public static final String SUFFIX = "-cert-v01@openssh.com";
    /** sshkey.h's SSHKEY_CERT_MAX_PRINCIPALS. */
    public static final int MAX_PRINCIPALS = 256;
    private static final Set<String> FLAG_EXTENSIONS = Set.of("permit-X11-forwarding", "permit-agent-forwarding",
            "permit-port-forwarding", "permit-pty", "permit-user-rc", "no-touch-required");
    private static final Set<String> VALUE_CRITICAL = Set.of("force-command", "source-address");
    private static final int NONCE_BYTES = 32;

    /** Whom the certificate is for: a user (1) or a host (2). */
    public enum Type {
        USER, HOST;

        int code() {
            return ordinal() + 1;
        }

        /** As sshkey_cert_type prints it: user or host. */
        public String label() {
            return this == USER ? "user" : "host";
        }
    }

    /** A critical option or extension: its name and its data, empty for a flag, else an SSH string. */
    public record Option(String name, byte[] data) {
        public Option {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        /** A flag, such as permit-pty. */
        public static Option flag(String name) {
            return new Option(name, new byte[0]);
        }

        /** An option with a value, such as force-command=ls: the value is stored as an SSH string. */
        public static Option value(String name, String value) {
            return new Option(name, new SshWire.Writer().string(value).toByteArray());
        }

        boolean isFlag() {
            return data.length == 0;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Option other && name.equals(other.name) && Arrays.equals(data, other.data);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return isFlag() ? name : name + "=" + HexFormat.of().formatHex(data);
        }
    }

    private final byte[] blob;
    private final String keyType;
    private final AsymmetricKeyParameter key;
    private final long serial;
    private final Type type;
    private final String keyId;
    private final List<String> principals;
    private final CertValidity validity;
    private final List<Option> criticalOptions;
    private final List<Option> extensions;
    private final AsymmetricKeyParameter signatureKey;
    private final String signatureAlgorithm;

    private SshCertificate(byte[] blob, String keyType, AsymmetricKeyParameter key, long serial, Type type,
                           String keyId, List<String> principals, CertValidity validity, List<Option> criticalOptions,
                           List<Option> extensions, AsymmetricKeyParameter signatureKey, String signatureAlgorithm) {
        this.blob = blob;
        this.keyType = keyType;
        this.key = key;
        this.serial = serial;
        this.type = type;
        this.keyId = keyId;
        this.principals = List.copyOf(principals);
        this.validity = validity;
        this.criticalOptions = List.copyOf(criticalOptions);
        this.extensions = List.copyOf(extensions);
        this.signatureKey = signatureKey;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** Whether {@code name} is a certificate's key type, such as ssh-rsa-cert-v01@openssh.com. */
    public static boolean isCertificateType(String name) {
        return name.endsWith(SUFFIX);
    }

    /** A certificate line, {@code TYPE BASE64 [COMMENT]}, as sshkey_read takes it; the signature must be good. */
    public static SshCertificate parseLine(String line, String source) {
        String[] f = line.strip().split("[ \t]+", 3);
        if (f.length < 2 || !isCertificateType(f[0])) {
            throw new InvalidInputException(source + ": not an OpenSSH certificate (it starts with "
                    + SshKeyBlob.printable(f[0]) + ")");
        }
        byte[] b;
        try {
            b = Base64.getDecoder().decode(f[1]);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source + ": the " + f[0] + " certificate is not valid base64");
        }
        SshCertificate c = parse(b, source);
        if (!c.keyType.equals(f[0])) {
            throw new InvalidInputException(source + ": the line says " + f[0] + " but holds a " + c.keyType);
        }
        return c;
    }

    /** The certificate in {@code blob} (cert_parse in sshkey.c), its CA signature checked. */
    public static SshCertificate parse(byte[] blob, String source) {
        SshWire.Reader r = new SshWire.Reader(blob, source);
        try {
            String keyType = r.text("key type");
            if (!isCertificateType(keyType)) {
                throw r.broken("not a certificate but a " + SshKeyBlob.printable(keyType));
            }
            r.string("nonce");
            String plain = keyType.substring(0, keyType.length() - SUFFIX.length());
            AsymmetricKeyParameter key = SshKeyBlob.readPublic(r, plain);
            long serial = r.uint64("serial");
            int typeCode = r.uint32("certificate type");
            if (typeCode != 1 && typeCode != 2) {
                throw r.broken("unknown certificate type " + Integer.toUnsignedString(typeCode));
            }
            String keyId = r.text("key id");
            List<String> principals = new ArrayList<>();
            SshWire.Reader p = new SshWire.Reader(r.string("principals"), source);
            while (p.remaining() > 0) {
                principals.add(p.text("principal"));
            }
            if (principals.size() > MAX_PRINCIPALS) {
                throw r.broken("more than " + MAX_PRINCIPALS + " principals");
            }
            CertValidity validity = new CertValidity(r.uint64("valid after"), r.uint64("valid before"));
            List<Option> critical = options(r.string("critical options"), source);
            List<Option> extensions = options(r.string("extensions"), source);
            r.string("reserved");
            AsymmetricKeyParameter ca = SshKeyBlob.decode(r.string("signature key"), source);
            int signedLength = r.position();
            byte[] signature = r.string("signature");
            r.expectEnd("the certificate");
            if (!SshSignatures.verify(ca, signature, Arrays.copyOf(blob, signedLength), source)) {
                throw r.broken("the certificate's CA signature is not valid");
            }
            return new SshCertificate(blob.clone(), keyType, key, serial, typeCode == 1 ? Type.USER : Type.HOST,
                    keyId, principals, validity, critical, extensions, ca,
                    SshSignatures.algorithm(signature, source));
        } catch (IllegalArgumentException e) {
            throw r.broken("not a valid certificate (" + e.getMessage() + ")");
        }
    }

    private static List<Option> options(byte[] packed, String source) {
        List<Option> out = new ArrayList<>();
        SshWire.Reader r = new SshWire.Reader(packed, source);
        while (r.remaining() > 0) {
            out.add(new Option(r.text("option name"), r.string("option data")));
        }
        return out;
    }

    /** The wire form, which the one-line form carries in base64. */
    public byte[] blob() {
        return blob.clone();
    }

    /** {@code TYPE BASE64}, then a space and the comment when there is one. */
    public String publicKeyLine(String comment) {
        String line = keyType + " " + Base64.getEncoder().encodeToString(blob);
        return comment == null || comment.isEmpty() ? line : line + " " + comment;
    }

    /** The certificate's type name, such as ssh-ed25519-cert-v01@openssh.com. */
    public String keyType() {
        return keyType;
    }

    /** The certified public key. */
    public Key key() {
        return BcKey.of(key);
    }

    public long serial() {
        return serial;
    }

    public Type type() {
        return type;
    }

    public String keyId() {
        return keyId;
    }

    public List<String> principals() {
        return principals;
    }

    public CertValidity validity() {
        return validity;
    }

    public List<Option> criticalOptions() {
        return criticalOptions;
    }

    public List<Option> extensions() {
        return extensions;
    }

    /** The CA's public key. */
    public Key signatureKey() {
        return BcKey.of(signatureKey);
    }

    /** The algorithm of the CA's signature: rsa-sha2-512, ssh-ed25519… */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** The type as sshkey_type prints a certificate's: RSA-CERT, ECDSA-CERT, ED25519-CERT. */
    public String typeLabel() {
        return OpenSsh.typeLabel(key()) + "-CERT";
    }

    /** What ssh-keygen -L prints for the certificate (print_cert in ssh-keygen.c), times in {@code zone}. */
    public String text(FingerprintHash hash, ZoneId zone) {
        StringBuilder b = new StringBuilder();
        String indent = "        ";
        b.append(indent).append("Type: ").append(keyType).append(' ').append(type.label()).append(" certificate\n");
        b.append(indent).append("Public key: ").append(typeLabel()).append(' ')
                .append(OpenSsh.fingerprint(key(), hash)).append('\n');
        b.append(indent).append("Signing CA: ").append(OpenSsh.typeLabel(signatureKey())).append(' ')
                .append(OpenSsh.fingerprint(signatureKey(), hash)).append(" (using ").append(signatureAlgorithm)
                .append(")\n");
        b.append(indent).append("Key ID: \"").append(keyId).append("\"\n");
        b.append(indent).append("Serial: ").append(Long.toUnsignedString(serial)).append('\n');
        b.append(indent).append("Valid: ").append(validity.text(zone)).append('\n');
        b.append(indent).append("Principals: ");
        if (principals.isEmpty()) {
            b.append("(none)\n");
        } else {
            principals.forEach(p -> b.append('\n').append(indent).append(indent).append(p));
            b.append('\n');
        }
        b.append(indent).append("Critical Options: ");
        options(b, criticalOptions, true);
        b.append(indent).append("Extensions: ");
        options(b, extensions, false);
        return b.toString();
    }

    /** show_options: known flags alone, force-command and source-address with their value, others in hex. */
    private static void options(StringBuilder b, List<Option> options, boolean critical) {
        if (options.isEmpty()) {
            b.append("(none)\n");
            return;
        }
        b.append('\n');
        for (Option o : options) {
            b.append("                ").append(o.name());
            if (!critical && FLAG_EXTENSIONS.contains(o.name())) {
                b.append('\n');
            } else if (critical && VALUE_CRITICAL.contains(o.name())) {
                SshWire.Reader r = new SshWire.Reader(o.data, o.name());
                b.append(' ').append(r.text("value")).append('\n');
            } else if (!o.isFlag()) {
                b.append(" UNKNOWN OPTION: ").append(HexFormat.of().formatHex(o.data)).append(" (len ")
                        .append(o.data.length).append(")\n");
            } else {
                b.append(" UNKNOWN FLAG OPTION\n");
            }
        }
    }

    @Override
    public String toString() {
        return keyType + " " + type.label() + " certificate, id \"" + keyId + "\", serial "
                + Long.toUnsignedString(serial);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What a CA puts in a certificate; the defaults are ssh-keygen's: a user certificate, serial 0, forever. */
    public static final class Builder {
        private Type type = Type.USER;
        private long serial;
        private String keyId = "";
        private List<String> principals = List.of();
        private CertValidity validity = CertValidity.FOREVER;
        private List<Option> criticalOptions = List.of();
        private List<Option> extensions = List.of();
        /** The CA of the last {@link #sign}, its public half and that half's wire form, kept for the next one. */
        private Key lastCa;
        private AsymmetricKeyParameter caPublic;
        private byte[] caBlob;

        private Builder() {}

        public Builder type(Type type) {
            this.type = type;
            return this;
        }

        /** The serial, unsigned. */
        public Builder serial(long serial) {
            this.serial = serial;
            return this;
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        /** Users or host names the certificate is valid for; none means any. */
        public Builder principals(List<String> principals) {
            if (principals.size() > MAX_PRINCIPALS) {
                throw new InvalidInputException("Too many certificate principals specified");
            }
            for (String p : principals) {
                if (p.isEmpty()) {
                    throw new InvalidInputException("Empty principal name");
                }
            }
            this.principals = List.copyOf(principals);
            return this;
        }

        public Builder validity(CertValidity validity) {
            this.validity = validity;
            return this;
        }

        /** Critical options; they are written sorted by name, then value, as ssh-keygen sorts them. */
        public Builder criticalOptions(List<Option> options) {
            this.criticalOptions = sorted(options);
            return this;
        }

        /** Extensions; they are written sorted by name, then value, as ssh-keygen sorts them. */
        public Builder extensions(List<Option> options) {
            this.extensions = sorted(options);
            return this;
        }

        private static List<Option> sorted(List<Option> options) {
            return options.stream().sorted(Comparator.comparing(Option::name, Builder::compareBytes)
                    .thenComparing(o -> o.data, Arrays::compareUnsigned)).toList();
        }

        private static int compareBytes(String a, String b) {
            return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Signs {@code subject}'s public key with {@code ca}, a private key, using {@code algorithm} (null for
         * OpenSSH's default: rsa-sha2-512 for an RSA CA).
         */
        public SshCertificate sign(Key subject, Key ca, String algorithm, SecureRandom random) {
            if (!ca.isPrivate()) {
                throw new InvalidInputException("the CA key must be a private key");
            }
            if (ca != lastCa) {
                // Once per CA: its public half (a scalar multiplication for EC) and its wire form.
                caPublic = BcKey.publicOf(BcKey.parameters(ca));
                caBlob = SshKeyBlob.encode(caPublic);
                lastCa = ca;
            }
            AsymmetricKeyParameter caKey = BcKey.parameters(ca);
            AsymmetricKeyParameter subjectKey = BcKey.publicOf(BcKey.parameters(subject));
            String alg = algorithm == null ? SshSignatures.defaultAlgorithm(caKey) : algorithm;
            String keyType = SshKeyBlob.sshName(subjectKey) + SUFFIX;
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            SshWire.Writer packed = new SshWire.Writer();
            principals.forEach(packed::string);
            SshWire.Writer w = new SshWire.Writer().string(keyType).string(nonce);
            SshKeyBlob.writePublicFields(w, subjectKey);
            w.uint64(serial).uint32(type.code()).string(keyId).string(packed.toByteArray())
                    .uint64(validity.validAfter()).uint64(validity.validBefore())
                    .string(pack(criticalOptions)).string(pack(extensions)).string(new byte[0])
                    .string(caBlob);
            byte[] signature = SshSignatures.sign(caKey, alg, w.toByteArray(), random);
            byte[] blob = w.string(signature).toByteArray();
            return new SshCertificate(blob, keyType, subjectKey, serial, type, keyId, principals, validity,
                    criticalOptions, extensions, caPublic, alg);
        }

        private static byte[] pack(List<Option> options) {
            SshWire.Writer w = new SshWire.Writer();
            options.forEach(o -> w.string(o.name()).string(o.data));
            return w.toByteArray();
        }
    }
}
