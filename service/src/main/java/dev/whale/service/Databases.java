package dev.whale.service;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

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

    /** The innermost useful message of a database failure, on one line. */
    public static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t
                && (t.getMessage() == null || t instanceof org.flywaydb.core.api.FlywayException)) {
            t = t.getCause();
        }
        if (t instanceof SQLException sql && sql.getCause() instanceof java.net.ConnectException) {
            return "the server is unreachable (connection refused)";
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(m);
    }
}
