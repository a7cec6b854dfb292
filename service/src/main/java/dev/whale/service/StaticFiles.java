package dev.whale.service;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Files served from one directory, as the web-stack post's first server does: 200 with the file, 404 without.
 * A path that would leave the directory, by {@code ..}, its encodings, a symbolic link or a NUL, is a 404 too.
 */
final class StaticFiles {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "json", "application/json", "txt", "text/plain; charset=utf-8",
            "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon");

    private final Path root;

    StaticFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    void serve(Context ctx) throws IOException {
        Path file = resolve(ctx.req().getRequestURI());
        if (file == null) {
            throw new HttpResponseException(404, "no file " + ctx.path());
        }
        String name = file.getFileName().toString();
        String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        ctx.contentType(TYPES.getOrDefault(ext, "application/octet-stream"));
        ctx.result(Files.newInputStream(file));
    }

    /** The regular file that {@code rawPath} names inside the root, or null. */
    Path resolve(String rawPath) {
        String path = decode(rawPath);
        if (path == null || path.indexOf('\0') >= 0 || path.indexOf('\\') >= 0) {
            return null;
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                return null;
            }
        }
        Path candidate = root.resolve(path.replaceFirst("^/+", "")).normalize();
        if (!candidate.startsWith(root) || !Files.isRegularFile(candidate)) {
            return null;
        }
        try {
            Path real = candidate.toRealPath();
            return real.startsWith(root.toRealPath()) ? real : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Percent-decodes a path (not {@code +}), repeatedly, so that double encodings cannot hide a {@code ..}. */
    static String decode(String raw) {
        String s = raw;
        for (int round = 0; round < 3 && s.indexOf('%') >= 0; round++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '%') {
                    if (i + 2 >= s.length()) {
                        return null;
                    }
                    int hi = Character.digit(s.charAt(i + 1), 16);
                    int lo = Character.digit(s.charAt(i + 2), 16);
                    if (hi < 0 || lo < 0) {
                        return null;
                    }
                    out.write(hi * 16 + lo);
                    i += 2;
                } else {
                    out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                }
            }
            s = out.toString(StandardCharsets.UTF_8);
        }
        int q = s.indexOf('?');
        return q >= 0 ? s.substring(0, q) : s;
    }
}
