package dev.whale.pki.x509;

import dev.whale.pki.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OpenSSL configuration file of extensions, as {@code -extfile} takes it: {@code NAME = VALUE} lines, in the
 * unnamed {@code default} section or under {@code [ section ]} headers, with {@code #} comments, quotes and
 * trailing-backslash continuations (crypto/conf/conf_def.c). A {@code subjectAltName = @alt_names} value is
 * replaced by the names listed in that section ({@code DNS.1 = localhost}).
 */
public final class ExtensionConfig {
    /** What {@code openssl req -x509} adds with Debian's openssl.cnf: its {@code v3_ca} section. */
    public static final List<ExtensionSpec> V3_CA = List.of(
            new ExtensionSpec("subjectKeyIdentifier", "hash", "openssl.cnf [v3_ca]"),
            new ExtensionSpec("authorityKeyIdentifier", "keyid:always,issuer", "openssl.cnf [v3_ca]"),
            new ExtensionSpec("basicConstraints", "critical,CA:true", "openssl.cnf [v3_ca]"));

    private final String source;
    private final Map<String, List<String[]>> sections;

    private ExtensionConfig(String source, Map<String, List<String[]>> sections) {
        this.source = source;
        this.sections = sections;
    }

    public static ExtensionConfig parse(String text, String source) {
        Map<String, List<String[]>> sections = new LinkedHashMap<>();
        String section = "default";
        sections.put(section, new ArrayList<>());
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            StringBuilder line = new StringBuilder(lines[i]);
            while (endsWithContinuation(line) && i + 1 < lines.length) {
                line.setLength(line.length() - 1);
                line.append(lines[++i]);
            }
            String l = stripComment(line.toString()).strip();
            if (l.isEmpty()) {
                continue;
            }
            if (l.startsWith("[")) {
                if (!l.endsWith("]")) {
                    throw new InvalidInputException(source + ": line " + number
                            + ": a section header needs a closing ]: "
                            + l);
                }
                section = l.substring(1, l.length() - 1).strip();
                sections.computeIfAbsent(section, k -> new ArrayList<>());
                continue;
            }
            int eq = l.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException(source + ": line " + number + ": expected NAME = VALUE: " + l);
            }
            sections.get(section).add(new String[] {l.substring(0, eq).strip(), unquote(l.substring(eq + 1).strip()),
                String.valueOf(number)});
        }
        return new ExtensionConfig(source, sections);
    }

    private static boolean endsWithContinuation(CharSequence s) {
        return s.length() > 0 && s.charAt(s.length() - 1) == '\\';
    }

    private static String stripComment(String s) {
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '\\') {
                i++;
            } else if (c == '#') {
                return s.substring(0, i);
            }
        }
        return s;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    /** The section names, {@code default} (the lines before any header) first. */
    public List<String> sectionNames() {
        return List.copyOf(sections.keySet());
    }

    /** The extensions of {@code section}, in file order, with {@code @section} references resolved. */
    public List<ExtensionSpec> section(String name) {
        List<String[]> lines = sections.get(name);
        if (lines == null) {
            throw new InvalidInputException(source + ": no section [" + name + "]; it has " + String.join(", ",
                    sectionNames()));
        }
        List<ExtensionSpec> out = new ArrayList<>();
        for (String[] kv : lines) {
            String where = source + " line " + kv[2];
            out.add(new ExtensionSpec(kv[0], resolve(kv[1], where), where));
        }
        return out;
    }

    /** {@code [critical,]@section} becomes the section's {@code TYPE.N = value} lines as {@code TYPE:value,...}. */
    private String resolve(String value, String where) {
        String prefix = "";
        String v = value;
        if (v.startsWith("critical,")) {
            prefix = "critical,";
            v = v.substring(prefix.length()).strip();
        }
        if (!v.startsWith("@")) {
            return value;
        }
        List<String[]> names = sections.get(v.substring(1).strip());
        if (names == null) {
            throw new InvalidInputException(where + ": no section [" + v.substring(1).strip() + "] for " + value);
        }
        List<String> parts = new ArrayList<>();
        for (String[] kv : names) {
            String type = kv[0];
            int dot = type.indexOf('.');
            parts.add((dot < 0 ? type : type.substring(0, dot)) + ":" + kv[1]);
        }
        return prefix + String.join(",", parts);
    }

    @Override
    public String toString() {
        return "ExtensionConfig.parse(" + source + ")";
    }
}
