package dev.whale.service;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One line per request: the method, the path, the status and the time taken. Plain text in development, one JSON
 * object per line in production. Query strings and bodies are left out, so that no secret reaches the log.
 */
final class AccessLog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private final boolean json;
    private final Consumer<String> sink;

    AccessLog(boolean json, Consumer<String> sink) {
        this.json = json;
        this.sink = sink;
    }

    void log(Context ctx, Float millis) {
        sink.accept(line(Instant.now(), ctx.ip(), ctx.method().name(), ctx.path(), ctx.statusCode(), millis));
    }

    /** {@code 12.34}: the milliseconds with two decimals, without the cost of String.format. */
    static String twoDecimals(float millis) {
        long hundredths = Math.round(Math.max(0, millis) * 100.0);
        long frac = hundredths % 100;
        return (hundredths / 100) + (frac < 10 ? ".0" : ".") + frac;
    }

    String line(Instant at, String remote, String method, String path, int status, float millis) {
        String ms = twoDecimals(millis);
        if (!json) {
            return TIME.format(at) + " " + remote + " " + method + " " + path + " " + status + " " + ms + "ms";
        }
        JsonStringEncoder enc = JsonStringEncoder.getInstance();
        return "{\"time\":\"" + TIME.format(at) + "\",\"remote\":\"" + new String(enc.quoteAsString(remote))
                + "\",\"method\":\"" + method + "\",\"path\":\"" + new String(enc.quoteAsString(path))
                + "\",\"status\":" + status + ",\"ms\":" + ms + "}";
    }
}
