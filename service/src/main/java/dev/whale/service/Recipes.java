package dev.whale.service;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/** The recipes table of the compose post. */
public final class Recipes {
    /**
     * One recipe.
     *
     * @param id {@code recipe_id}
     * @param name {@code recipe_name}
     */
    public record Recipe(int id, String name) {}

    private final Jdbi jdbi;

    public Recipes(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public List<Recipe> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT recipe_id, recipe_name FROM recipes ORDER BY recipe_id")
                .map((rs, ctx) -> new Recipe(rs.getInt(1), rs.getString(2)))
                .list());
    }

    /** {@code select * from recipes} on one connection, as the compose post's app runs it. */
    public static List<Recipe> list(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select * from recipes")) {
            List<Recipe> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Recipe(rs.getInt(1), rs.getString(2)));
            }
            return out;
        }
    }

    /** The rows as the post's Python app prints them: {@code [(1, 'Tacos'), (2, 'Tomato Soup')]}. */
    public static String pythonRepr(List<Recipe> rows) {
        return rows.stream()
                .map(r -> "(" + r.id() + ", " + pythonString(r.name()) + ")")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** Python's repr of a str: single quotes unless the text holds one and no double quote. */
    static String pythonString(String s) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder b = new StringBuilder().append(q);
        for (char ch : s.toCharArray()) {
            if (ch == q || ch == '\\') {
                b.append('\\').append(ch);
            } else if (ch == '\n') {
                b.append("\\n");
            } else if (ch == '\t') {
                b.append("\\t");
            } else if (ch == '\r') {
                b.append("\\r");
            } else {
                b.append(ch);
            }
        }
        return b.append(q).toString();
    }
}
