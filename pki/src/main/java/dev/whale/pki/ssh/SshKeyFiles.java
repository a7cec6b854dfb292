package dev.whale.pki.ssh;

import dev.whale.pki.InvalidInputException;
import dev.whale.pki.Passphrase;
import dev.whale.pki.Pem;
import dev.whale.pki.PemBlock;
import dev.whale.pki.PkiException;
import dev.whale.pki.PkiIOException;
import dev.whale.pki.UnsupportedAlgorithmException;
import dev.whale.pki.internal.IoErrors;
import dev.whale.pki.key.Key;
import dev.whale.pki.key.KeyData;
import dev.whale.pki.key.KeyFormat;
import dev.whale.pki.key.Keys;
import dev.whale.pki.key.PemEncryption;
import dev.whale.pki.key.Pkcs8;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * What OpenSSH's ssh-keygen does with key files (ssh-keygen.c, sshkey.c, authfile.c), without its dialogue: the
 * key types of {@code -t} and {@code -b}, the private key file in the format of {@code -m}, public keys exported
 * and imported ({@code -e}, {@code -i}), keys loaded the way {@code sshkey_load_public} and {@code load_identity}
 * find them, and the keys listed by {@code -l}. Failures are {@link PkiException}s whose message ssh-keygen's
 * front end prints as they are.
 */
public final class SshKeyFiles {
    /** OpenSSL's PBKDF2 iterations for PKCS#8, which ssh-keygen -m PKCS8 uses with AES-128-CBC. */
    private static final int PKCS8_ITERATIONS = 2048;
    private static final String PKCS8_CIPHER = "aes-128-cbc";
    /** OpenSSL refuses shorter passphrases for PEM and PKCS#8 files. */
    private static final int MIN_PEM_PASSPHRASE = 5;
    private static final BigInteger F4 = BigInteger.valueOf(65537);

    private SshKeyFiles() {}

    /** How {@code -m} stores a private key: OpenSSH's own format, the traditional PEM one, or PKCS#8. */
    public enum PrivateFormat { OPENSSH, PEM, PKCS8 }

    /** How {@code -e} and {@code -i} write and read a public key: RFC 4716, PKCS#1 (PEM) or SubjectPublicKeyInfo. */
    public enum PublicFormat { RFC4716, PEM, PKCS8 }

    /**
     * A key that {@code -t} and {@code -b} ask for: the algorithm, its size, the curve of an EC key, and the file
     * name ssh-keygen offers for it in ~/.ssh.
     */
    public record KeyType(String algorithm, int bits, String curve, String fileName) {
        /** sshkey_type_from_name and type_bits_valid: the key for {@code -t name} (rsa when null) and {@code -b}. */
        public static KeyType of(String name, long bits) {
            String t = name == null ? "rsa" : name;
            switch (t) {
                case "rsa", "ssh-rsa" -> {
                    long b = bits == 0 ? 3072 : bits;
                    if (b < 1024) {
                        throw new InvalidInputException("Invalid RSA key length: minimum is 1024 bits");
                    }
                    if (b > 16384) {
                        throw new InvalidInputException("Invalid RSA key length: maximum is 16384 bits");
                    }
                    return new KeyType("RSA", (int) b, null, "id_rsa");
                }
                case "ecdsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521" -> {
                    long b = bits != 0 ? bits : t.equals("ecdsa") ? 256 : Long.parseLong(t.substring(t.length() - 3));
                    if (b != 256 && b != 384 && b != 521) {
                        throw new InvalidInputException("Invalid ECDSA key length: valid lengths are 256, 384 or 521 "
                                + "bits");
                    }
                    return new KeyType("EC", (int) b, "P-" + b, "id_ecdsa");
                }
                case "ed25519", "ssh-ed25519" -> {
                    return new KeyType("ED25519", 256, null, "id_ed25519");
                }
                case "dsa", "ssh-dss", "ecdsa-sk", "ed25519-sk", "sk-ecdsa-sha2-nistp256@openssh.com",
                     "sk-ssh-ed25519@openssh.com" ->
                    throw new UnsupportedAlgorithmException("whale does not make " + t + " keys; choose one of: rsa, "
                            + "ecdsa, ed25519");
                default -> throw new UnsupportedAlgorithmException("unknown key type " + t + "; choose one of: rsa, "
                        + "ecdsa, ed25519");
            }
        }

        /** A new key of this type (RSA with the exponent 65537). */
        public KeyData generate(SecureRandom random) {
            return Keys.generate(algorithm, bits, F4, curve, random);
        }
    }

    /**
     * The text of a private key file as {@code -m} stores it, encrypted with {@code passphrase} unless it is empty:
     * openssh-key-v1 with {@code cipher} and {@code rounds} of bcrypt (whose {@code progress} is reported), PKCS#8
     * with PBES2 as OpenSSL writes it for {@code -m PKCS8}, or the traditional PEM form with its legacy encryption.
     * An Ed25519 key has no traditional form, so {@code -m PEM} keeps OpenSSH's format for it, as ssh-keygen does.
     */
    public static String privateKeyText(Key key, String comment, PrivateFormat format, char[] passphrase,
                                        String cipher, int rounds, SecureRandom random,
                                        BcryptPbkdf.Progress progress) {
        // PEM has no traditional form for Ed25519; like ssh-keygen, keep OpenSSH's format.
        PrivateFormat f = format == PrivateFormat.PEM && key.algorithm().equals("ED25519") ? PrivateFormat.OPENSSH
                : format;
        if (f == PrivateFormat.OPENSSH) {
            return OpenSshKeyWriter.builder().passphrase(passphrase).cipher(cipher).rounds(rounds).random(random)
                    .progress(progress).build().write(key, comment);
        }
        if (passphrase.length > 0 && passphrase.length < MIN_PEM_PASSPHRASE) {
            throw new InvalidInputException("passphrase is too short (minimum five characters)");
        }
        if (f == PrivateFormat.PKCS8) {
            if (passphrase.length == 0) {
                return Pem.write("PRIVATE KEY", Keys.pkcs8(key));
            }
            return Pem.write("ENCRYPTED PRIVATE KEY", Pkcs8.encrypt(key, passphrase, PKCS8_ITERATIONS, PKCS8_CIPHER,
                    random));
        }
        PemBlock traditional = Keys.traditional(key);
        if (passphrase.length == 0) {
            return Pem.write(traditional.label(), traditional.der());
        }
        return PemEncryption.encrypt(traditional.label(), traditional.der(), passphrase, random);
    }

    /**
     * {@code -e}: the public key in {@code format}; RFC 4716 carries {@code comment}, cut to 60 characters as
     * ssh-keygen cuts it to keep the Comment line within the format's 72 columns.
     */
    public static String exportPublic(Key key, PublicFormat format, String comment) {
        return switch (format) {
            case RFC4716 -> OpenSsh.rfc4716(key, comment.length() > 60 ? comment.substring(0, 60) : comment);
            case PKCS8 -> Pem.write("PUBLIC KEY", Keys.spki(key));
            case PEM -> key.algorithm().equals("RSA") ? Pem.write("RSA PUBLIC KEY", Keys.pkcs1Public(key))
                    : Pem.write("PUBLIC KEY", Keys.spki(key));
        };
    }

    /** {@code -i}: the public key in {@code text}, read from {@code file}, as {@code format} says it is stored. */
    public static Key importPublic(String text, String file, PublicFormat format) {
        return switch (format) {
            case RFC4716 -> OpenSsh.readRfc4716(text, file).publicKey();
            case PKCS8 -> publicBlock(text, file, "PUBLIC KEY", "-m PKCS8 imports a SubjectPublicKeyInfo");
            case PEM -> publicBlock(text, file, "RSA PUBLIC KEY", "-m PEM imports a PKCS#1 RSA public key");
        };
    }

    /** The key in the first PEM block labelled {@code label}, as OpenSSL's PEM_read_* skips other blocks. */
    private static Key publicBlock(String text, String file, String label, String hint) {
        for (PemBlock b : Pem.read(text, file)) {
            if (b.label().equals(label)) {
                return Keys.readPem(b, file, Passphrase.none()).publicKey();
            }
        }
        throw new InvalidInputException(file + ": no BEGIN " + label + " block (" + hint + ")");
    }

    /** A key that {@code -l} lists, with its comment (null for none). */
    public record Listed(Key key, String comment) {}

    /**
     * {@code -l} on a file's {@code text}: every public key in it, one a line, past the options of an
     * authorized_keys line or the host names of a known_hosts line. When the first line names a private key and
     * {@code path} is a file (not standard input), the key is that of {@link #listPrivate}.
     */
    public static List<Listed> list(String text, String path, boolean isFile) {
        List<Listed> found = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String cp = lines[n].replaceFirst("^[ \t]+", "");
            if (cp.isEmpty() || cp.startsWith("#")) {
                continue;
            }
            if (n == 0 && isFile && cp.contains("PRIVATE KEY")) {
                return List.of(listPrivate(path));
            }
            String comment = null;
            KeyData key = tryPublicLine(cp, path);
            if (key == null) {
                // An authorized_keys line with options, or a known_hosts line with host names, before the key.
                if (cp.matches("[+-]?0*[1-9][0-9]*[ \t].*")) {
                    continue;
                }
                int end = endOfField(cp);
                if (end >= cp.length()) {
                    continue;
                }
                comment = cp.substring(0, end);
                key = tryPublicLine(cp.substring(end + 1), path);
                if (key == null) {
                    continue;
                }
            }
            if (!key.comment().isEmpty() && !key.comment().startsWith("#")) {
                comment = key.comment();
            }
            found.add(new Listed(key.publicKey(), comment));
        }
        if (found.isEmpty()) {
            throw new InvalidInputException(path + " is not a public key file.");
        }
        return found;
    }

    /** Where the first field ends, a space or tab outside double quotes (authorized_keys options may quote). */
    private static int endOfField(String s) {
        boolean quoted = false;
        int i = 0;
        for (; i < s.length() && (quoted || (s.charAt(i) != ' ' && s.charAt(i) != '\t')); i++) {
            if (s.charAt(i) == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                i++;
            } else if (s.charAt(i) == '"') {
                quoted = !quoted;
            }
        }
        return i;
    }

    private static KeyData tryPublicLine(String line, String source) {
        try {
            return OpenSsh.parsePublicKeyLine(line, source);
        } catch (PkiException e) {
            return null;
        }
    }

    /** fingerprint_private: the public key and comment from FILE.pub, else from the private file itself. */
    public static Listed listPrivate(String path) {
        Key pub = null;
        String comment = null;
        KeyData fromPub = publicFile(path + ".pub");
        if (fromPub != null) {
            pub = fromPub.publicKey();
            comment = fromPub.comment().isEmpty() ? path + ".pub" : fromPub.comment();
        }
        byte[] bytes = readOrNull(path);
        if (pub == null && bytes != null) {
            pub = openSshHeader(bytes, path);
        }
        KeyData priv = null;
        if (pub == null || comment == null) {
            priv = unencryptedPrivate(bytes, path);
            if (priv != null) {
                comment = priv.format() == KeyFormat.OPENSSH ? priv.comment() : null;
            }
        }
        if (pub == null && priv == null) {
            throw new InvalidInputException(path + " is not a key file.");
        }
        return new Listed(pub != null ? pub : priv.publicKey(), comment);
    }

    /**
     * sshkey_load_public: FILE as a one-line public key, else FILE.pub, else FILE as another public key format,
     * else the public half in FILE's openssh-key-v1 header; null when none of them has one.
     */
    public static Key loadPublic(String file) {
        KeyData k = publicFile(file);
        if (k == null) {
            k = publicFile(file + ".pub");
        }
        if (k != null) {
            return k.publicKey();
        }
        byte[] bytes = readOrNull(file);
        if (bytes != null && isPublicKeyFile(bytes, file)) {
            // whale also exports RFC 4716 and PEM public keys, which ssh-keygen does not read here.
            return Keys.read(bytes, file, Passphrase.none()).publicKey();
        }
        return bytes == null ? null : openSshHeader(bytes, file);
    }

    /**
     * What ssh-keygen -s finds in a file it is asked to certify: the key and its comment, or the certificate that
     * the file already holds (then {@code key} is null and {@code comment} too).
     */
    public record Subject(Key key, String comment, SshCertificate certificate) {}

    /**
     * sshkey_load_public with its comment, as ssh-keygen -s finds the key to certify, reading FILE and FILE.pub at
     * most once each: the certificate on FILE's first key line, else on FILE.pub's; else FILE's first key line, else
     * FILE.pub's (a line without a comment gets the file's name as one); else the public half in FILE's
     * openssh-key-v1 header, whose comment is null. Null when none of them has a key.
     */
    public static Subject loadSubject(String file) {
        String pubName = file + ".pub";
        byte[] bytes = readOrNull(file);
        Lazy pub = new Lazy(pubName);
        String line = bytes == null ? null : firstKeyLine(bytes);
        String where = file;
        if (line == null && pub.bytes() != null) {
            line = firstKeyLine(pub.bytes());
            where = pubName;
        }
        if (line != null && SshCertificate.isCertificateType(firstField(line))) {
            return new Subject(null, null, SshCertificate.parseLine(line, where));
        }
        KeyData k = bytes == null ? null : publicFile(bytes, file);
        String from = file;
        if (k == null && pub.bytes() != null) {
            k = publicFile(pub.bytes(), pubName);
            from = pubName;
        }
        if (k != null) {
            return new Subject(k.publicKey(), k.comment().isEmpty() ? from : k.comment(), null);
        }
        Key header = bytes == null ? null : openSshHeader(bytes, file);
        return header == null ? null : new Subject(header, null, null);
    }

    /** A file read on first use, at most once; null bytes when it cannot be read. */
    private static final class Lazy {
        private final String file;
        private byte[] bytes;
        private boolean read;

        Lazy(String file) {
            this.file = file;
        }

        byte[] bytes() {
            if (!read) {
                bytes = readOrNull(file);
                read = true;
            }
            return bytes;
        }
    }

    /** What {@code line} holds up to its first blank: the key type of a key line. */
    private static String firstField(String line) {
        int end = 0;
        while (end < line.length() && line.charAt(end) != ' ' && line.charAt(end) != '\t') {
            end++;
        }
        return line.substring(0, end);
    }

    /** The first line of {@code bytes} that is not blank or a # comment, stripped; null when there is none. */
    private static String firstKeyLine(byte[] bytes) {
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n", -1)) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                return l;
            }
        }
        return null;
    }

    /** sshkey_try_load_public: the first line that holds a public key, unless the file is PEM. */
    private static KeyData publicFile(String file) {
        byte[] bytes = readOrNull(file);
        return bytes == null ? null : publicFile(bytes, file);
    }

    private static KeyData publicFile(byte[] bytes, String file) {
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n", -1)) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("-----BEGIN")) {
                return null;
            }
            KeyData k = tryPublicLine(line, file);
            if (k != null) {
                return k;
            }
        }
        return null;
    }

    private static Key openSshHeader(byte[] bytes, String file) {
        try {
            PemBlock b = Pem.read(new String(bytes, StandardCharsets.UTF_8), file).get(0);
            return b.label().equals("OPENSSH PRIVATE KEY") ? OpenSsh.readPrivateKeyHeader(b.der(), file).publicKey()
                    : null;
        } catch (PkiException e) {
            return null;
        }
    }

    private static KeyData unencryptedPrivate(byte[] bytes, String file) {
        if (bytes == null) {
            return null;
        }
        try {
            KeyData k = Keys.read(bytes, file, Passphrase.none());
            return k.isPrivate() ? k : null;
        } catch (PkiException e) {
            return null;
        }
    }

    /**
     * load_identity: the private key in {@code file}, asking {@code passphrase} only if it is encrypted; bcrypt's
     * rounds go to {@code progress}, which gives the callback for them. When {@code owner} owns the file, only they
     * may read it, as OpenSSH insists (sshkey_perm_ok).
     */
    public static KeyData loadPrivate(String file, Passphrase passphrase, String owner,
                                      LongFunction<BcryptPbkdf.Progress> progress) {
        byte[] bytes = read(file);
        if (isPublicKeyFile(bytes, file)) {
            throw new InvalidInputException(file + " holds a public key; this needs the private key");
        }
        checkPermissions(Path.of(file), file, owner);
        KeyData key;
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (Pem.looksLikePem(bytes)) {
            PemBlock b = Pem.read(text, file).get(0);
            if (b.label().equals("OPENSSH PRIVATE KEY")) {
                long rounds = OpenSsh.readPrivateKeyHeader(b.der(), file).encryption().map(e -> e.cost()).orElse(0L);
                key = OpenSsh.readPrivateKey(b.der(), file, passphrase, progress.apply(rounds));
            } else if (PemEncryption.isEncrypted(b)) {
                key = PemEncryption.read(b, file, passphrase);
            } else {
                key = Keys.readPem(b, file, passphrase);
            }
        } else {
            key = Keys.read(bytes, file, passphrase);
        }
        if (!key.isPrivate()) {
            throw new InvalidInputException(file + " holds a public key; this needs the private key");
        }
        return key;
    }

    /** Whether the file holds only a public key: OpenSSH's one-line form, RFC 4716, or a PEM public key. */
    private static boolean isPublicKeyFile(byte[] bytes, String file) {
        if (publicFile(file) != null) {
            return true;
        }
        String text = new String(bytes, StandardCharsets.UTF_8).stripLeading();
        return text.startsWith("---- BEGIN SSH2 PUBLIC KEY") || text.startsWith("-----BEGIN PUBLIC KEY-----")
                || text.startsWith("-----BEGIN RSA PUBLIC KEY-----");
    }

    /** sshkey_perm_ok: the owner's private key must not be open to group or others. */
    private static void checkPermissions(Path path, String file, String owner) {
        try {
            if (!Files.getOwner(path).getName().equals(owner)) {
                return;
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
            int mode = 0;
            for (PosixFilePermission p : perms) {
                mode |= 1 << (8 - p.ordinal());
            }
            if ((mode & 0077) != 0) {
                throw new InvalidInputException(file + ": permissions " + String.format("0%03o", mode) + " are too "
                        + "open: only its owner may read a private key, and OpenSSH ignores it otherwise (chmod 600 "
                        + file + ")");
            }
        } catch (IOException | UnsupportedOperationException e) {
            // No owner or POSIX permissions to check on this file system.
        }
    }

    private static byte[] readOrNull(String file) {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            return null;
        }
    }

    /** The bytes of {@code file}; a failure names it with the C library's words, as ssh-keygen does. */
    public static byte[] read(String file) {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            throw new PkiIOException(file + ": " + reason(e), e);
        }
    }

    /** strerror(3)'s words for the usual failures, else the JDK's message. */
    public static String reason(IOException e) {
        return IoErrors.strerror(e);
    }
}
