package dev.whale.ring;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A server that holds partitions. Its weight is how many shares of the space it asks for: the number of partitions
 * on a ring, a multiplier of points in nginx or HAProxy.
 */
public record Node(String name, int weight) {

    public Node {
        if (name == null || name.isBlank()) {
            throw RingException.of("a node needs a name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '=' || c == ',') {
                throw RingException.of("node '%s': a name cannot hold %s (character %d), which would make lists and"
                        + " text output ambiguous", printable(name), describe(c), i + 1);
            }
        }
        if (weight < 0) {
            throw RingException.of("node '%s': weight must not be negative: %d", name, weight);
        }
    }

    /** The name with control characters and whitespace other than a space escaped, for one-line messages. */
    static String printable(String name) {
        StringBuilder sb = new StringBuilder();
        for (char c : name.toCharArray()) {
            sb.append(c != ' ' && (Character.isISOControl(c) || Character.isWhitespace(c))
                    ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }

    private static String describe(char c) {
        return switch (c) {
            case ' ' -> "a space";
            case '\t' -> "a tab";
            case '=' -> "'=', the weight separator";
            case ',' -> "',', the list separator";
            default -> String.format("U+%04X", (int) c);
        };
    }

    public static Node of(String name) {
        return new Node(name, 1);
    }

    @Override
    public String toString() {
        return weight == 1 ? name : name + "=" + weight;
    }

    /**
     * Parses a node list: either a count ({@code 3} gives server-a, server-b, server-c) or names separated by commas,
     * each with an optional weight: {@code 10.0.0.1:11211=2,10.0.0.2:11211}.
     */
    public static List<Node> parseList(String spec) {
        String s = spec.strip();
        if (s.isEmpty()) {
            throw RingException.of("empty node list");
        }
        if (s.chars().allMatch(Character::isDigit)) {
            return named(parseCount(s));
        }
        List<Node> nodes = new ArrayList<>();
        for (String item : s.split(",", -1)) {
            nodes.add(parse(item));
        }
        return checkList(nodes);
    }

    /** One item of a node list: {@code NAME} or {@code NAME=WEIGHT}. */
    public static Node parse(String item) {
        String t = item.strip();
        if (t.isEmpty()) {
            throw RingException.of("empty node name in list");
        }
        int eq = t.lastIndexOf('=');
        if (eq < 0) {
            return of(t);
        }
        String name = t.substring(0, eq).strip();
        String w = t.substring(eq + 1).strip();
        if (!w.matches("-?\\d{1,9}")) {
            throw RingException.of("node '%s': weight is not a whole number: '%s'", name, w);
        }
        return new Node(name, Integer.parseInt(w));
    }

    /** Rejects an empty list, duplicate names and a list whose weights are all zero. */
    public static List<Node> checkList(List<Node> nodes) {
        if (nodes.isEmpty()) {
            throw RingException.of("at least one node is needed");
        }
        Set<String> seen = new HashSet<>();
        for (Node n : nodes) {
            if (!seen.add(n.name())) {
                throw RingException.of("duplicate node name '%s'", n.name());
            }
        }
        if (nodes.stream().allMatch(n -> n.weight() == 0)) {
            throw RingException.of("every node has weight 0; at least one must serve keys");
        }
        return List.copyOf(nodes);
    }

    /** {@code count} nodes named as in the post: server-a, server-b, …, server-z, server-aa, server-ab, … */
    public static List<Node> named(int count) {
        if (count < 1) {
            throw RingException.of("number of nodes must be positive: %d", count);
        }
        List<Node> nodes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            nodes.add(of("server-" + letters(i)));
        }
        return List.copyOf(nodes);
    }

    private static int parseCount(String s) {
        if (s.length() > 7) {
            throw RingException.of("number of nodes is too large: %s", s);
        }
        return Integer.parseInt(s);
    }

    /** 0 → a, 25 → z, 26 → aa: spreadsheet column letters. */
    static String letters(int i) {
        StringBuilder sb = new StringBuilder();
        int n = i + 1;
        while (n > 0) {
            n--;
            sb.append((char) ('a' + n % 26));
            n /= 26;
        }
        return sb.reverse().toString();
    }
}
