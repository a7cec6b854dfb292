package dev.whale.service;

import java.net.ConnectException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.flywaydb.core.api.FlywayException;

/** Work on the server rather than in the application database: create-initial-db, and error messages. */
public final class Databases {
    private Databases() {}

    /**
     * Creates the application database unless it exists; returns whether it created it. Connects to the
     * administrative database ({@code POSTGRES_DB}), as the posts' create-initial-db does.
     */
    public static boolean create(DatabaseSettings s) {
        try (Connection c = open(s, s.adminDatabase()); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE \"" + s.database() + "\"");
            return true;
        } catch (SQLException e) {
            if ("42P04".equals(e.getSQLState())) {
                return false;
            }
            throw new ServiceException("cannot create database " + s.database() + " on " + where(s) + ": "
                    + describe(e));
        }
    }

    /** Drops the application database if it exists. */
    public static void drop(DatabaseSettings s) {
        try (Connection c = open(s, s.adminDatabase()); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS \"" + s.database() + "\" WITH (FORCE)");
        } catch (SQLException e) {
            throw new ServiceException("cannot drop database " + s.database() + " on " + where(s) + ": " + describe(e));
        }
    }

    static Connection open(DatabaseSettings s, String db) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", s.user());
        p.setProperty("password", s.password());
        p.setProperty("connectTimeout", Long.toString(Math.max(1, s.poolTimeout().toSeconds())));
        return DriverManager.getConnection(s.jdbcUrl(db), p);
    }

    static String where(DatabaseSettings s) {
        return (s.embedded() ? "localhost" : s.host()) + ":" + s.port();
    }

    /**
     * The innermost useful message of a database failure, on one line, without the class names that JDBI, Flyway and
     * HikariCP wrap around it: the driver's own message when there is one (a pool's timeout carries the connection
     * failure that caused it), and plain words for a server that refuses connections.
     */
    public static String describe(Throwable e) {
        List<Throwable> chain = chain(e);
        if (chain.stream().anyMatch(t -> t instanceof ConnectException)) {
            return "the server is unreachable (connection refused)";
        }
        Throwable t = chain.reversed().stream().filter(x -> x instanceof SQLException && x.getMessage() != null)
                .findFirst()
                .orElseGet(() -> chain.stream()
                        .filter(x -> x.getMessage() != null && !(x instanceof FlywayException))
                        .findFirst().orElse(chain.getLast()));
        String m = t.getMessage() == null ? "no message" : t.getMessage();
        String line = m.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(m);
        return CLASS_PREFIX.matcher(line).replaceFirst("");
    }

    /** A Java class name that a wrapper puts before its cause's message, and PostgreSQL's severity. */
    private static final Pattern CLASS_PREFIX =
            Pattern.compile("^(?:(?:[a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): )*(?:ERROR: |FATAL: )?");

    /** {@code e} and its causes, outermost first; a cycle ends it. */
    private static List<Throwable> chain(Throwable e) {
        List<Throwable> out = new ArrayList<>();
        for (Throwable t = e; t != null && !out.contains(t); t = t.getCause()) {
            out.add(t);
        }
        return out;
    }
}
