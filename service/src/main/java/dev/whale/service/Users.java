package dev.whale.service;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The users table: create, count, list, find. */
public final class Users {
    /**
     * A practical address check: one @, a dot in the domain, no spaces and no control characters (PostgreSQL's text
     * cannot hold U+0000); at most 254 characters (RFC 5321).
     */
    private static final Pattern EMAIL =
            Pattern.compile("[^@\\s\\p{Cntrl}]+@[^@\\s.\\p{Cntrl}]+(\\.[^@\\s.\\p{Cntrl}]+)+");

    /**
     * One user.
     *
     * @param id the key the database gave it
     * @param email its address, unique
     */
    public record User(long id, String email) {}

    /** An email that is already taken. */
    public static final class DuplicateEmail extends ServiceException {
        private static final long serialVersionUID = 1L;

        DuplicateEmail(String email) {
            super("a user with email " + WhaleApp.echo(email) + " already exists");
        }
    }

    private final Jdbi jdbi;
    private final DataSource dataSource;

    private final Coalescer<Long> countReads;

    /** The users of {@code database}, with concurrent counts sharing one read. */
    public Users(Database database) {
        this(database, true);
    }

    /** @param coalesce whether callers of {@link #count} that arrive together share one read */
    public Users(Database database, boolean coalesce) {
        this.jdbi = database.jdbi();
        this.dataSource = database.dataSource();
        this.countReads = coalesce ? new Coalescer<>(this::countNow) : null;
    }

    /** Whether {@code email} looks like an address: the check behind the 400. */
    public static boolean valid(String email) {
        return email != null && email.length() <= 254 && EMAIL.matcher(email).matches();
    }

    /** Adds a user; throws {@link DuplicateEmail} when the address is taken. */
    public User create(String email) {
        if (!valid(email)) {
            throw new ConfigException("invalid email: " + WhaleApp.echo(email));
        }
        try {
            long id = jdbi.withHandle(h -> h.createUpdate("INSERT INTO users (email) VALUES (:email)")
                    .bind("email", email)
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one());
            return new User(id, email);
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                throw new DuplicateEmail(email);
            }
            throw e;
        }
    }

    /**
     * The number of users, from a read that started after this call. Callers that arrive together share one read
     * ({@link Coalescer}) unless the database was given with coalescing off.
     */
    public long count() {
        return countReads == null ? countNow() : countReads.get();
    }

    /** The query behind {@code GET /users}, the hot path: plain JDBC on the pool. */
    private long countNow() {
        try (var c = dataSource.getConnection(); var s = c.prepareStatement("SELECT count(*) FROM users");
                var rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new ServiceException("database unavailable: " + Databases.describe(e), e);
        }
    }

    public List<User> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, email FROM users ORDER BY id")
                .map((rs, ctx) -> new User(rs.getLong(1), rs.getString(2)))
                .list());
    }

    public Optional<User> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, email FROM users WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new User(rs.getLong(1), rs.getString(2)))
                .findOne());
    }

    /** The first user, as the posts' TDD example reads it back. */
    public Optional<User> first() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, email FROM users ORDER BY id LIMIT 1")
                .map((rs, ctx) -> new User(rs.getLong(1), rs.getString(2)))
                .findOne());
    }
}
