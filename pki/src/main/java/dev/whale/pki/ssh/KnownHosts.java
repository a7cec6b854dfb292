package dev.whale.pki.ssh;

import dev.whale.pki.key.KeyData;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A known_hosts file as OpenSSH reads it (hostfile.c, hostkeys_foreach): one line per host key, an optional
 * {@code @cert-authority} or {@code @revoked} marker, comma-separated host patterns or one hashed name
 * {@code |1|base64(salt)|base64(HMAC-SHA1(salt, host))}, then the key. Finds, removes and hashes hosts as ssh-keygen
 * -F, -R and -H do.
 */
public final class KnownHosts {
    private static final String HASH_MAGIC = "|1|";
    private static final int SALT_BYTES = 20;
    private static final Set<String> KEY_TYPES = Set.of("ssh-rsa", "ssh-dss", "ssh-ed25519", "ecdsa-sha2-nistp256",
            "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "sk-ecdsa-sha2-nistp256@openssh.com",
            "sk-ssh-ed25519@openssh.com", "ssh-xmss@openssh.com", "rsa-sha2-256", "rsa-sha2-512");
    private static final Set<String> SHORT_NAMES = Set.of("rsa", "dsa", "ecdsa", "ed25519", "ecdsa-sk",
            "ed25519-sk", "xmss");

    private KnownHosts() {}

    /** What a line is: a comment or blank, a key line (matching the host looked for, or not), or invalid. */
    public enum Status { COMMENT, OK, MATCHED, INVALID }

    /**
     * One line: its number from 1, its text without the line end, its status, its marker ({@code ""},
     * {@code CA} or {@code REVOKED}), its host field and what follows it (the key and comment).
     */
    public record Line(int number, String text, Status status, String marker, String hosts, String rawKey) {
        /** Whether the host field is a hashed name. */
        public boolean hashed() {
            return hosts != null && hosts.startsWith("|");
        }
    }

    /** The lines of a known_hosts {@code text}; with a {@code host}, the lines naming it are MATCHED. */
    public static List<Line> parse(String text, String host) {
        List<Line> lines = new ArrayList<>();
        String[] raw = text.split("\n", -1);
        int count = text.isEmpty() || text.endsWith("\n") ? raw.length - 1 : raw.length;
        for (int n = 0; n < count; n++) {
            lines.add(line(n + 1, raw[n], host));
        }
        return lines;
    }

    private static Line line(int number, String text, String host) {
        String cp = text.replaceFirst("^[ \t]+", "");
        if (cp.isEmpty() || cp.startsWith("#")) {
            return new Line(number, text, Status.COMMENT, "", null, null);
        }
        String marker = "";
        if (cp.startsWith("@")) {
            String word = cp.split("[ \t]", 2)[0];
            marker = switch (word) {
                case "@cert-authority" -> "CA";
                case "@revoked" -> "REVOKED";
                default -> null;
            };
            if (marker == null || word.length() == cp.length()) {
                return new Line(number, text, Status.INVALID, "", null, null);
            }
            cp = cp.substring(word.length()).replaceFirst("^[ \t]+", "");
        }
        int end = 0;
        while (end < cp.length() && cp.charAt(end) != ' ' && cp.charAt(end) != '\t') {
            end++;
        }
        String hosts = cp.substring(0, end);
        Status status = Status.OK;
        if (host != null) {
            int m = matches(host, hosts);
            if (m < 0) {
                return new Line(number, text, Status.INVALID, marker, hosts, null);
            }
            status = m == 1 ? Status.MATCHED : Status.OK;
        }
        String rest = cp.substring(end).replaceFirst("^[ \t]+", "");
        String[] kf = rest.split("[ \t]+", 2);
        boolean validType = !rest.isEmpty() && !rest.startsWith("#") && isKeyType(kf[0]) && kf.length == 2
                && !kf[1].isEmpty() && !kf[1].startsWith("#");
        return new Line(number, text, validType ? status : Status.INVALID, marker, hosts, rest.isEmpty() ? null : rest);
    }

    private static boolean isKeyType(String name) {
        return KEY_TYPES.contains(name) || SHORT_NAMES.contains(name.toLowerCase(Locale.ROOT))
                || SshCertificate.isCertificateType(name);
    }

    /** match_maybe_hashed: 1 when {@code host} is in the host field, 0 when not, -1 when a hashed field is broken. */
    public static int matches(String host, String hosts) {
        if (hosts.startsWith("|")) {
            byte[] salt = salt(hosts);
            if (salt == null) {
                return -1;
            }
            return hash(host, salt).equals(hosts) ? 1 : 0;
        }
        return Patterns.matchHost(host, hosts) ? 1 : 0;
    }

    private static byte[] salt(String hashed) {
        if (!hashed.startsWith(HASH_MAGIC)) {
            return null;
        }
        int bar = hashed.indexOf('|', HASH_MAGIC.length());
        if (bar < 0) {
            return null;
        }
        try {
            byte[] salt = Base64.getDecoder().decode(hashed.substring(HASH_MAGIC.length(), bar));
            return salt.length == SALT_BYTES ? salt : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** host_hash with a new random salt. */
    public static String hash(String host, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return hash(host, salt);
    }

    private static String hash(String host, byte[] salt) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            byte[] h = mac.doFinal(host.getBytes(StandardCharsets.UTF_8));
            return HASH_MAGIC + Base64.getEncoder().encodeToString(salt) + "|"
                    + Base64.getEncoder().encodeToString(h);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("the JDK has no HMAC-SHA1", e);
        }
    }

    /**
     * known_hosts_hash: the line as ssh-keygen -H writes it: one line per host name of a plain key line, each name
     * lowercased and hashed; hashed, wildcard and marked lines and comments as they are.
     */
    public static List<String> hashed(Line line, SecureRandom random) {
        if (line.status() == Status.COMMENT || line.status() == Status.INVALID || line.hashed()
                || hasWildcard(line) || !line.marker().isEmpty()) {
            return List.of(line.text());
        }
        List<String> out = new ArrayList<>();
        for (String name : line.hosts().split(",", -1)) {
            if (name.isEmpty()) {
                break;
            }
            out.add(hash(name.toLowerCase(Locale.ROOT), random) + " " + line.rawKey());
        }
        return out;
    }

    /** Whether the host field holds a pattern, which -H leaves as it is. */
    public static boolean hasWildcard(Line line) {
        return line.hosts() != null && line.hosts().chars().anyMatch(c -> c == '*' || c == '?' || c == '!');
    }

    /** The key and comment of a line, for -F -l; null when they do not parse. */
    public static KeyData key(Line line) {
        try {
            return line.rawKey() == null ? null : OpenSsh.parsePublicKeyLine(line.rawKey(), "line " + line.number());
        } catch (dev.whale.pki.PkiException e) {
            return null;
        }
    }
}
