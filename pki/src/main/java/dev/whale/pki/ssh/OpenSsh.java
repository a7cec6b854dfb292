package dev.whale.pki.ssh;

import dev.whale.pki.InvalidInputException;
import dev.whale.pki.Passphrase;
import dev.whale.pki.UnsupportedAlgorithmException;
import dev.whale.pki.internal.BcKey;
import dev.whale.pki.key.Key;
import dev.whale.pki.key.KeyData;
import dev.whale.pki.key.KeyFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;

/**
 * OpenSSH's key formats: one-line public keys ({@code ssh-ed25519 AAAA… comment}), RFC 4716 public keys,
 * openssh-key-v1 private keys (read here, written by {@link OpenSshKeyWriter}), and the fingerprints and randomart
 * that ssh-keygen prints for them. Supports ssh-rsa, ssh-ed25519 and ecdsa-sha2-nistp256/384/521.
 */
public final class OpenSsh {
    private static final String RFC4716_BEGIN = "---- BEGIN SSH2 PUBLIC KEY ----";
    private static final String RFC4716_END = "---- END SSH2 PUBLIC KEY ----";
    private static final int RFC4716_LINE = 72;

    private OpenSsh() {}

    /** True when {@code text} starts like {@code ssh-ed25519 AAAA…}. */
    public static boolean isPublicKeyLine(String text) {
        return text.startsWith("ssh-") || text.startsWith("ecdsa-sha2-");
    }

    /** The first key line in {@code text}, skipping blank lines and {@code #} comments. */
    public static KeyData readPublicKey(String text, String source) {
        for (String line : text.split("\n", -1)) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                return parsePublicKeyLine(l, source);
            }
        }
        throw new InvalidInputException(source + ": no OpenSSH public key in it");
    }

    /**
     * One public key line, {@code TYPE BASE64 [COMMENT]}, as sshkey_read takes it: the type must name the key in the
     * base64 blob, and the comment is whatever follows, without the line end.
     */
    public static KeyData parsePublicKeyLine(String line, String source) {
        int i = skipBlanks(line, 0);
        int typeEnd = nextBlank(line, i);
        String type = line.substring(i, typeEnd);
        if (!isPublicKeyLine(type)) {
            throw new InvalidInputException(source + ": not an OpenSSH public key (a line starts with "
                    + SshKeyBlob.printable(type) + ", not ssh-rsa, ssh-ed25519 or ecdsa-sha2-…)");
        }
        int b64Start = skipBlanks(line, typeEnd);
        int b64End = nextBlank(line, b64Start);
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(line.substring(b64Start, b64End));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source + ": the " + type + " key is not valid base64");
        }
        if (blob.length == 0) {
            throw new InvalidInputException(source + ": the " + type + " line holds no key");
        }
        AsymmetricKeyParameter key = SshKeyBlob.decode(blob, source);
        if (!SshKeyBlob.sshName(key).equals(type)) {
            throw new InvalidInputException(source + ": the line says " + type + " but holds a "
                    + SshKeyBlob.sshName(key)
                    + " key");
        }
        int end = line.length();
        while (end > b64End && (line.charAt(end - 1) == '\r' || line.charAt(end - 1) == '\n')) {
            end--;
        }
        String comment = line.substring(Math.min(skipBlanks(line, b64End), end), end);
        return new KeyData(null, BcKey.of(key), KeyFormat.OPENSSH_PUBLIC, Optional.empty(), comment);
    }

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static int nextBlank(String s, int i) {
        while (i < s.length() && s.charAt(i) != ' ' && s.charAt(i) != '\t' && s.charAt(i) != '\n'
                && s.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    /**
     * An RFC 4716 public key block: header lines ({@code Tag: value}, continued by a trailing backslash, section 3.3)
     * and base64 between the BEGIN and END markers. The Comment header, unquoted, becomes the comment.
     */
    public static KeyData readRfc4716(String text, String source) {
        String[] lines = text.split("\r?\n|\r", -1);
        int i = 0;
        while (i < lines.length && !lines[i].strip().equals(RFC4716_BEGIN)) {
            i++;
        }
        if (i == lines.length) {
            throw new InvalidInputException(source + ": no " + RFC4716_BEGIN + " line");
        }
        String comment = "";
        StringBuilder b64 = new StringBuilder();
        boolean ended = false;
        for (i++; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.equals(RFC4716_END)) {
                ended = true;
                break;
            }
            if (b64.isEmpty() && line.indexOf(':') > 0) {
                StringBuilder header = new StringBuilder(line);
                while (header.length() > 0 && header.charAt(header.length() - 1) == '\\' && i + 1 < lines.length) {
                    header.setLength(header.length() - 1);
                    header.append(lines[++i].stripTrailing());
                }
                int colon = header.indexOf(":");
                String tag = header.substring(0, colon).strip();
                String value = header.substring(colon + 1).strip();
                if (tag.equalsIgnoreCase("Comment")) {
                    comment = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                            ? value.substring(1, value.length() - 1) : value;
                }
                continue;
            }
            b64.append(line);
        }
        if (!ended) {
            throw new InvalidInputException(source + ": no " + RFC4716_END + " line");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(b64.toString());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source + ": the RFC 4716 key is not valid base64");
        }
        return new KeyData(null, BcKey.of(SshKeyBlob.decode(blob, source)), KeyFormat.RFC4716_PUBLIC, Optional.empty(),
                comment);
    }

    /** The key in an openssh-key-v1 blob (the base64 inside the armour), decrypting it with {@code passphrase}. */
    public static KeyData readPrivateKey(byte[] blob, String source, Passphrase passphrase) {
        return readPrivateKey(blob, source, passphrase, BcryptPbkdf.Progress.none());
    }

    /** As {@link #readPrivateKey(byte[], String, Passphrase)}, telling {@code progress} of each bcrypt round. */
    public static KeyData readPrivateKey(byte[] blob, String source, Passphrase passphrase,
                                         BcryptPbkdf.Progress progress) {
        return OpenSshKeyV1.read(blob, source, passphrase, progress);
    }

    /**
     * What an openssh-key-v1 blob shows without its passphrase: the public key and how the private key is
     * protected. The comment is inside the encrypted part, so it is empty here.
     */
    public static KeyData readPrivateKeyHeader(byte[] blob, String source) {
        OpenSshKeyV1.Header h = OpenSshKeyV1.header(blob, source);
        return new KeyData(null, BcKey.of(h.publicKey()), KeyFormat.OPENSSH, h.encryption(), "");
    }

    /** The public key blob in SSH wire format (RFC 4253 section 6.6). */
    public static byte[] publicKeyBlob(Key key) {
        return SshKeyBlob.encode(BcKey.parameters(key));
    }

    /** The key from a public key blob. */
    public static Key parsePublicKeyBlob(byte[] blob, String source) {
        return BcKey.of(SshKeyBlob.decode(blob, source));
    }

    /** {@code TYPE BASE64}, then a space and the comment when there is one; no line end. */
    public static String publicKeyLine(Key key, String comment) {
        AsymmetricKeyParameter k = BcKey.parameters(key);
        String line = SshKeyBlob.sshName(k) + " " + Base64.getEncoder().encodeToString(SshKeyBlob.encode(k));
        return comment == null || comment.isEmpty() ? line : line + " " + comment;
    }

    /**
     * An RFC 4716 block as ssh-keygen -e writes it: the Comment header in quotes (continued past 72 bytes), base64
     * at 70 columns.
     */
    public static String rfc4716(Key key, String comment) {
        StringBuilder sb = new StringBuilder(RFC4716_BEGIN).append('\n');
        if (comment != null && !comment.isEmpty()) {
            String header = "Comment: \"" + comment + "\"";
            while (header.getBytes(StandardCharsets.UTF_8).length > RFC4716_LINE) {
                int cut = fitting(header, RFC4716_LINE - 1);
                sb.append(header, 0, cut).append("\\\n");
                header = header.substring(cut);
            }
            sb.append(header).append('\n');
        }
        String b64 = Base64.getEncoder().encodeToString(SshKeyBlob.encode(BcKey.parameters(key)));
        for (int i = 0; i < b64.length(); i += 70) {
            sb.append(b64, i, Math.min(b64.length(), i + 70)).append('\n');
        }
        return sb.append(RFC4716_END).append('\n').toString();
    }

    /** The longest prefix of {@code s}, in whole code points, of at most {@code bytes} UTF-8 bytes. */
    private static int fitting(String s, int bytes) {
        int i = 0;
        int used = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + n > bytes) {
                break;
            }
            used += n;
            i += Character.charCount(cp);
        }
        return i;
    }

    /** The key's fingerprint as ssh-keygen -l prints it: {@code SHA256:…} or {@code MD5:…}. */
    public static String fingerprint(Key key, FingerprintHash hash) {
        return hash.format(SshKeyBlob.encode(BcKey.parameters(key)));
    }

    /** The randomart box ssh-keygen prints under a fingerprint, without a final line end. */
    public static String randomArt(Key key, FingerprintHash hash) {
        return RandomArt.draw(hash.digest(SshKeyBlob.encode(BcKey.parameters(key))), typeLabel(key), key.bits(),
                hash.label());
    }

    /**
     * The bubblebabble encoding of the SHA-1 digest of the key's blob, as ssh-keygen -B prints it
     * (sshkey.c, fingerprint_bubblebabble; Antti Huima's encoding): {@code xuvel-…-xax}.
     */
    public static String bubbleBabble(Key key) {
        byte[] d = FingerprintHash.SHA1.digest(SshKeyBlob.encode(BcKey.parameters(key)));
        String vowels = "aeiouy";
        String consonants = "bcdfghklmnprstvzx";
        int rounds = d.length / 2 + 1;
        int seed = 1;
        StringBuilder b = new StringBuilder("x");
        for (int i = 0; i < rounds; i++) {
            if (i + 1 < rounds || d.length % 2 != 0) {
                int b0 = d[2 * i] & 0xff;
                b.append(vowels.charAt((((b0 >> 6) & 3) + seed) % 6)).append(consonants.charAt((b0 >> 2) & 15))
                        .append(vowels.charAt(((b0 & 3) + seed / 6) % 6));
                if (i + 1 < rounds) {
                    int b1 = d[2 * i + 1] & 0xff;
                    b.append(consonants.charAt((b1 >> 4) & 15)).append('-').append(consonants.charAt(b1 & 15));
                    seed = (seed * 5 + b0 * 7 + b1) % 36;
                }
            } else {
                b.append(vowels.charAt(seed % 6)).append(consonants.charAt(16)).append(vowels.charAt(seed / 6));
            }
        }
        return b.append('x').toString();
    }

    /**
     * The SSHFP resource records of the key for {@code hostname} (RFC 4255, RFC 6594, RFC 7479; dns.c,
     * export_dns_rr): SHA-1 then SHA-256, in zone file form, or in RFC 3597's generic form when {@code generic}.
     */
    public static List<String> sshfpRecords(Key key, String hostname, boolean generic) {
        int algorithm = switch (typeLabel(key)) {
            case "RSA" -> 1;
            case "ECDSA" -> 3;
            default -> 4;
        };
        byte[] blob = SshKeyBlob.encode(BcKey.parameters(key));
        List<String> records = new ArrayList<>();
        FingerprintHash[] hashes = {FingerprintHash.SHA1, FingerprintHash.SHA256};
        for (int type = 1; type <= 2; type++) {
            byte[] d = hashes[type - 1].digest(blob);
            String hex = HexFormat.of().formatHex(d);
            records.add(generic ? String.format("%s IN TYPE44 \\# %d %02x %02x %s", hostname, 2 + d.length,
                    algorithm, type, hex) : hostname + " IN SSHFP " + algorithm + " " + type + " " + hex);
        }
        return records;
    }

    /** The SSH name of the key: ssh-rsa, ssh-ed25519, ecdsa-sha2-nistp256… */
    public static String sshName(Key key) {
        return SshKeyBlob.sshName(BcKey.parameters(key));
    }

    /** The type as ssh-keygen prints it in fingerprints and randomart: RSA, ECDSA or ED25519. */
    public static String typeLabel(Key key) {
        AsymmetricKeyParameter pub = BcKey.publicOf(BcKey.parameters(key));
        if (pub instanceof RSAKeyParameters) {
            return "RSA";
        }
        if (pub instanceof ECPublicKeyParameters) {
            return "ECDSA";
        }
        if (pub instanceof Ed25519PublicKeyParameters) {
            return "ED25519";
        }
        throw new UnsupportedAlgorithmException("OpenSSH cannot hold a " + key.algorithm() + " key");
    }
}
