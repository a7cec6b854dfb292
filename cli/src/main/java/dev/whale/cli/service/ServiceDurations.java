package dev.whale.cli.service;

import dev.whale.cli.Errors.UsageException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type them: 500ms, 3s, 2m. */
final class ServiceDurations {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})(ms|s|m)?");

    private ServiceDurations() {}

    static Duration parse(String option, String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new UsageException(option + ": '" + text + "' is not a duration such as 500ms, 3s or 1m");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
        if (d.isZero()) {
            throw new UsageException(option + ": the duration must be more than zero");
        }
        return d;
    }
}
