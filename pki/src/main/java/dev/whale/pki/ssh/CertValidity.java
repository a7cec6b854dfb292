package dev.whale.pki.ssh;

import dev.whale.pki.InvalidInputException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * When an OpenSSH certificate is valid: seconds since the epoch, unsigned, from {@code validAfter} to
 * {@code validBefore}; 0 is "always" and all ones (-1 here) "forever". Parses ssh-keygen's {@code -V} and prints the
 * interval as sshkey_format_cert_validity does, in local time ({@code zone}).
 */
public record CertValidity(long validAfter, long validBefore) {
    /** The interval of a certificate signed without -V. */
    public static final CertValidity FOREVER = new CertValidity(0, -1);
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT);
    private static final long INT_MAX = Integer.MAX_VALUE;

    /**
     * ssh-keygen's -V (ssh-keygen.c, parse_cert_times): {@code +52w} (from a minute ago), or {@code FROM:TO} where
     * each side is {@code [+-]}time relative to {@code now} (convtime units s, m, h, d, w), YYYYMMDD,
     * YYYYMMDDHHMM[SS] (local time, or UTC with a Z suffix), {@code always} or {@code forever}.
     */
    public static CertValidity parse(String spec, long now, ZoneId zone) {
        if (spec.startsWith("+") && spec.indexOf(':') < 0) {
            long secs = convtime(spec.substring(1));
            if (secs < 0) {
                throw new InvalidInputException("Invalid relative certificate life " + spec);
            }
            return new CertValidity(((now - 59) / 60) * 60, now + secs);
        }
        int colon = spec.indexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new InvalidInputException("Invalid certificate life specification " + spec);
        }
        String from = spec.substring(0, colon);
        String to = spec.substring(colon + 1);
        long after;
        if (from.startsWith("-") || from.startsWith("+")) {
            after = relative(from, now);
        } else if (from.equals("always")) {
            after = 0;
        } else {
            after = absoluteOrFail(from, zone, "Invalid from time \"" + from + "\"");
        }
        long before;
        if (to.startsWith("-") || to.startsWith("+")) {
            before = relative(to, now);
        } else if (to.equals("forever")) {
            before = -1;
        } else {
            before = absoluteOrFail(to, zone, "Invalid to time \"" + to + "\"");
        }
        if (Long.compareUnsigned(before, after) <= 0) {
            throw new InvalidInputException("Empty certificate validity interval");
        }
        return new CertValidity(after, before);
    }

    private static long relative(String s, long now) {
        long secs = convtime(s.substring(1));
        if (secs < 0) {
            throw new InvalidInputException("Invalid relative certificate time " + s);
        }
        if (s.startsWith("-") && secs > now) {
            throw new InvalidInputException("Certificate time " + s + " cannot be represented");
        }
        return s.startsWith("-") ? now - secs : now + secs;
    }

    private static long absoluteOrFail(String s, ZoneId zone, String message) {
        long t = absoluteTime(s, zone);
        if (t < 0) {
            throw new InvalidInputException(message);
        }
        return t;
    }

    /**
     * OpenSSH's convtime (misc.c): numbers each followed by an optional unit (s, m, h, d, w, either case), summed;
     * -1 when malformed or beyond INT_MAX seconds.
     */
    public static long convtime(String s) {
        if (s.isEmpty()) {
            return -1;
        }
        long total = 0;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            if (s.charAt(i) == '+') {
                i++;
            }
            int digits = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (i == digits || i - digits > 10) {
                return -1;
            }
            long secs = Long.parseLong(s.substring(digits, i));
            long multiplier = 1;
            if (i < s.length()) {
                switch (s.charAt(i++)) {
                    case 's', 'S' -> multiplier = 1;
                    case 'm', 'M' -> multiplier = 60;
                    case 'h', 'H' -> multiplier = 3600;
                    case 'd', 'D' -> multiplier = 86400;
                    case 'w', 'W' -> multiplier = 604800;
                    default -> {
                        return -1;
                    }
                }
            }
            if (secs > INT_MAX / multiplier || total > INT_MAX - secs * multiplier || i == start) {
                return -1;
            }
            total += secs * multiplier;
        }
        return total;
    }

    /**
     * OpenSSH's parse_absolute_time (misc.c): YYYYMMDD, YYYYMMDDHHMM or YYYYMMDDHHMMSS in local time, or in UTC
     * with a Z or UTC suffix; seconds since the epoch, or -1 when malformed.
     */
    public static long absoluteTime(String s, ZoneId zone) {
        ZoneId z = zone;
        String t = s;
        if (t.length() > 1 && t.toUpperCase(Locale.ROOT).endsWith("Z")) {
            z = ZoneOffset.UTC;
            t = t.substring(0, t.length() - 1);
        } else if (t.length() > 3 && t.toUpperCase(Locale.ROOT).endsWith("UTC")) {
            z = ZoneOffset.UTC;
            t = t.substring(0, t.length() - 3);
        }
        if ((t.length() != 8 && t.length() != 12 && t.length() != 14) || !t.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        try {
            int day = Integer.parseInt(t.substring(6, 8));
            int hour = t.length() > 8 ? Integer.parseInt(t.substring(8, 10)) : 0;
            int minute = t.length() > 8 ? Integer.parseInt(t.substring(10, 12)) : 0;
            int second = t.length() > 12 ? Integer.parseInt(t.substring(12, 14)) : 0;
            if (day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
                return -1;
            }
            // mktime(3) carries a day past the month's end into the next month, as strptime lets 31 through.
            LocalDateTime when = LocalDate.of(Integer.parseInt(t.substring(0, 4)), Integer.parseInt(t.substring(4, 6)),
                    1).plusDays(day - 1L).atTime(hour, minute).plusSeconds(second);
            long epoch = when.atZone(z).toEpochSecond();
            return epoch < 0 ? -1 : epoch;
        } catch (DateTimeException e) {
            return -1;
        }
    }

    /** format_absolute_time: {@code 2026-01-01T00:00:00} in {@code zone}. */
    public static String format(long epochSeconds, ZoneId zone) {
        long t = epochSeconds < 0 || epochSeconds > 253402300799L ? 253402300799L : epochSeconds;
        return SHOWN.format(Instant.ofEpochSecond(t).atZone(zone));
    }

    /** sshkey_format_cert_validity: {@code forever}, {@code from A to B}, {@code before B} or {@code after A}. */
    public String text(ZoneId zone) {
        if (validAfter == 0 && validBefore == -1) {
            return "forever";
        }
        if (validAfter == 0) {
            return "before " + format(validBefore, zone);
        }
        if (validBefore == -1) {
            return "after " + format(validAfter, zone);
        }
        return "from " + format(validAfter, zone) + " to " + format(validBefore, zone);
    }
}
