package dev.whale.cli.ring;

import dev.whale.cli.Errors;
import dev.whale.ring.Node;
import dev.whale.ring.RingException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Node lists on the command line: a count ({@code 3}), names with optional weights ({@code a:80=2,b:80}), or
 * {@code @FILE} with one such name per line, blank lines and {@code #} comments ignored.
 */
final class NodeSpecs {
    private NodeSpecs() {}

    static List<Node> parse(String spec) {
        if (!spec.startsWith("@")) {
            return Node.parseList(spec);
        }
        Path file = Path.of(spec.substring(1));
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new Errors.UsageException("cannot read server list '" + file + "': " + reason(e));
        }
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                nodes.add(Node.parse(line));
            } catch (RingException e) {
                throw new Errors.UsageException(file + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        if (nodes.isEmpty()) {
            throw new Errors.UsageException("server list '" + file + "' names no servers");
        }
        try {
            return Node.checkList(nodes);
        } catch (RingException e) {
            throw new Errors.UsageException(file + ": " + e.getMessage());
        }
    }

    static String reason(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof MalformedInputException) {
            return "not UTF-8 text";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
