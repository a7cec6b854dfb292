package dev.whale.pki.ssh;

import dev.whale.pki.PkiException;
import dev.whale.pki.key.Key;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * An allowed_signers file (ssh-keygen(1), ALLOWED SIGNERS; sshsig.c): per line, principal patterns, optional
 * options ({@code cert-authority}, {@code namespaces="git,file"}, {@code valid-after=}, {@code valid-before=} in
 * YYYYMMDD[HHMM[SS]][Z]) and a public key. Lines that do not parse are reported to {@code errors} and skipped.
 */
public final class AllowedSigners {
    private final String path;
    private final List<Entry> entries;

    private record Entry(int line, String principals, Key key, boolean ca, String namespaces, long validAfter,
                         long validBefore) {}

    private AllowedSigners(String path, List<Entry> entries) {
        this.path = path;
        this.entries = entries;
    }

    /** The signers in {@code text}, read from {@code path}; times are local to {@code zone} unless they end in Z. */
    public static AllowedSigners parse(String text, String path, ZoneId zone, Consumer<String> errors) {
        return new AllowedSigners(path, entries(text, path, zone, errors));
    }

    private static List<Entry> entries(String text, String path, ZoneId zone, Consumer<String> errors) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int n = 1; n <= lines.length; n++) {
            String cp = lines[n - 1].replaceFirst("^[ \t\r]+", "");
            if (cp.isEmpty() || cp.startsWith("#")) {
                continue;
            }
            String where = path + ":" + n;
            int end = fieldEnd(cp);
            if (end >= cp.length()) {
                errors.accept(where + ": invalid line");
                continue;
            }
            String principals = unquote(cp.substring(0, end));
            String rest = cp.substring(end).replaceFirst("^[ \t]+", "");
            String options = null;
            Key key = key(rest, where);
            if (key == null) {
                int optEnd = fieldEnd(rest);
                options = rest.substring(0, optEnd);
                key = key(rest.substring(optEnd).replaceFirst("^[ \t]+", ""), where);
                if (key == null) {
                    errors.accept(where + ": invalid key");
                    continue;
                }
            }
            Entry e = entry(n, principals, key, options, zone);
            if (e == null) {
                errors.accept(where + ": bad options");
                continue;
            }
            entries.add(e);
        }
        return entries;
    }

    private static Key key(String s, String where) {
        try {
            return OpenSsh.parsePublicKeyLine(s, where).publicKey();
        } catch (PkiException e) {
            return null;
        }
    }

    /** The options that OpenSSH 9.2 knows; null when one is unknown or malformed. */
    private static Entry entry(int line, String principals, Key key, String options, ZoneId zone) {
        String namespaces = null;
        long after = 0;
        long before = 0;
        boolean ca = false;
        if (options != null) {
            for (String opt : splitOptions(options)) {
                int eq = opt.indexOf('=');
                String name = (eq < 0 ? opt : opt.substring(0, eq)).toLowerCase(java.util.Locale.ROOT);
                String value = eq < 0 ? null : unquote(opt.substring(eq + 1));
                switch (name) {
                    case "cert-authority" -> ca = true;
                    case "namespaces" -> namespaces = value;
                    case "valid-after" -> after = value == null ? -1 : CertValidity.absoluteTime(value, zone);
                    case "valid-before" -> before = value == null ? -1 : CertValidity.absoluteTime(value, zone);
                    default -> {
                        return null;
                    }
                }
                if (after < 0 || before < 0 || (name.startsWith("namespaces") && value == null)) {
                    return null;
                }
            }
        }
        if (after != 0 && before != 0 && before <= after) {
            return null;
        }
        return new Entry(line, principals, key, ca, namespaces, after, before);
    }

    /**
     * Whether {@code signer} may sign as {@code principal} in {@code namespace} at {@code time} (seconds): a plain
     * key by a line that holds it, a certificate by a {@code cert-authority} line that holds its CA, when the
     * certificate is a user certificate valid then and lists {@code principal}.
     */
    public boolean allows(SshSignature.Signer signer, String principal, String namespace, long time,
                          Consumer<String> errors) {
        for (Entry e : entries) {
            if (Patterns.matchList(principal, e.principals, false) != 1 || !holds(e, signer)) {
                continue;
            }
            if (!authorized(e, signer, principal, time, errors)) {
                continue;
            }
            if (e.namespaces != null && Patterns.matchList(namespace, e.namespaces, false) != 1) {
                errors.accept("Signature namespace \"" + namespace + "\" not allowed by key");
                continue;
            }
            if (inTime(e, time, errors)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The principals of the first line holding {@code signer} and valid at {@code time}; empty when none. For a
     * certificate, those of its principals that the line's patterns match (cert_filter_principals).
     */
    public List<String> principals(SshSignature.Signer signer, long time, Consumer<String> errors) {
        for (Entry e : entries) {
            if (!holds(e, signer) || !authorized(e, signer, null, time, errors)) {
                continue;
            }
            List<String> out = new ArrayList<>();
            if (signer.certificate() != null) {
                for (String p : signer.certificate().principals()) {
                    if (Patterns.matchList(p, e.principals, false) == 1) {
                        out.add(p);
                    }
                }
                if (out.isEmpty()) {
                    errors.accept(path + ":" + e.line + ": no principals matched");
                    continue;
                }
            } else {
                for (String p : e.principals.split(",", -1)) {
                    if (p.isEmpty()) {
                        break;
                    }
                    out.add(p);
                }
            }
            if (inTime(e, time, errors)) {
                return out;
            }
        }
        return List.of();
    }

    /** Whether line {@code e} speaks of {@code signer}: its plain key, or for a certificate, its CA's. */
    private static boolean holds(Entry e, SshSignature.Signer signer) {
        return signer.certificate() == null ? !e.ca && same(e.key, signer.key())
                : e.ca && same(e.key, signer.certificate().signatureKey());
    }

    /**
     * Whether {@code signer} passes the certificate checks of line {@code e} (a plain key has none); the reason it
     * does not goes to {@code errors}, as OpenSSH's {@code certificate not authorized}.
     */
    private boolean authorized(Entry e, SshSignature.Signer signer, String principal, long time,
                               Consumer<String> errors) {
        String reason = signer.certificate() == null ? null : authority(signer.certificate(), principal, time);
        if (reason != null) {
            errors.accept(path + ":" + e.line + ": certificate not authorized: " + reason);
        }
        return reason == null;
    }

    /**
     * Why {@code c} may not sign as {@code principal} (any listed one when null) at {@code time}, in OpenSSH's
     * words (sshkey_cert_check_authority for a user); null when it may.
     */
    private static String authority(SshCertificate c, String principal, long time) {
        if (c.type() != SshCertificate.Type.USER) {
            return "Certificate invalid: not a user certificate";
        }
        if (Long.compareUnsigned(time, c.validity().validAfter()) < 0) {
            return "Certificate invalid: not yet valid";
        }
        if (Long.compareUnsigned(time, c.validity().validBefore()) >= 0) {
            return "Certificate invalid: expired";
        }
        if (c.principals().isEmpty()) {
            return "Certificate lacks principal list";
        }
        if (principal != null && !c.principals().contains(principal)) {
            return "Certificate invalid: name is not a listed principal";
        }
        return null;
    }

    private static boolean inTime(Entry e, long time, Consumer<String> errors) {
        ZoneId zone = ZoneId.systemDefault();
        if (e.validAfter != 0 && time < e.validAfter) {
            errors.accept("Signature made at " + CertValidity.format(time, zone) + " before key became valid "
                    + CertValidity.format(e.validAfter, zone));
            return false;
        }
        if (e.validBefore != 0 && time > e.validBefore) {
            errors.accept("Signature made at " + CertValidity.format(time, zone) + " after key expired "
                    + CertValidity.format(e.validBefore, zone));
            return false;
        }
        return true;
    }

    private static boolean same(Key a, Key b) {
        return a != null && Arrays.equals(OpenSsh.publicKeyBlob(a), OpenSsh.publicKeyBlob(b));
    }

    /** Where a field ends: the first space or tab outside double quotes. */
    private static int fieldEnd(String s) {
        boolean quoted = false;
        int i = 0;
        for (; i < s.length() && (quoted || (s.charAt(i) != ' ' && s.charAt(i) != '\t')); i++) {
            if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                i++;
            } else if (s.charAt(i) == '"') {
                quoted = !quoted;
            }
        }
        return i;
    }

    /** Options split at commas outside double quotes. */
    private static List<String> splitOptions(String s) {
        List<String> out = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '"') {
                quoted = !quoted;
            } else if (s.charAt(i) == ',' && !quoted) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        return out;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1)
                .replace("\\\"", "\"") : s;
    }
}
