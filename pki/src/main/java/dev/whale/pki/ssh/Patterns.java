package dev.whale.pki.ssh;

import java.util.Locale;

/**
 * OpenSSH's pattern lists (match.c): comma-separated globs with {@code *} and {@code ?}, each negated by a leading
 * {@code !}. Used for known_hosts host names and for allowed_signers principals and namespaces.
 */
final class Patterns {
    /** match.c's limit on one subpattern: a longer one matches nothing. */
    private static final int MAX_SUBPATTERN = 1023;

    private Patterns() {}

    /** match_pattern_list: 1 when a pattern matches, -1 when a negated one does (which wins), else 0. */
    static int matchList(String s, String patterns, boolean lowercase) {
        boolean positive = false;
        int i = 0;
        while (i < patterns.length()) {
            boolean negated = patterns.charAt(i) == '!';
            if (negated) {
                i++;
            }
            int end = patterns.indexOf(',', i);
            if (end < 0) {
                end = patterns.length();
            }
            String sub = patterns.substring(i, end);
            if (sub.length() > MAX_SUBPATTERN) {
                return 0;
            }
            i = end < patterns.length() ? end + 1 : end;
            if (glob(s, lowercase ? sub.toLowerCase(Locale.ROOT) : sub)) {
                if (negated) {
                    return -1;
                }
                positive = true;
            }
        }
        return positive ? 1 : 0;
    }

    /** match_hostname: the host, lowercased, against a pattern list, lowercased too. */
    static boolean matchHost(String host, String patterns) {
        return matchList(host.toLowerCase(Locale.ROOT), patterns, true) == 1;
    }

    /** match_pattern: {@code *} matches any run of characters, {@code ?} any one. */
    static boolean glob(String s, String p) {
        int si = 0;
        int pi = 0;
        int star = -1;
        int mark = 0;
        while (si < s.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == s.charAt(si))) {
                si++;
                pi++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = si;
            } else if (star >= 0) {
                pi = star + 1;
                si = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }
}
