package dev.whale.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The posts' TDD example: create a user, read it back; the email is unique and never empty. */
class UserTest {
    private Users users;

    /** A fresh database for each test, as the post's function-scoped fixture gives. */
    @BeforeEach
    void database() {
        users = new Users(Database.over(TestDb.fresh()));
    }

    @Test
    void create_thenGet_readsItBack() {
        String email = "some.email@server.com";
        users.create(email);
        assertEquals(email, users.first().orElseThrow().email());
        assertEquals(1, users.count());
    }

    @Test
    void create_takenEmail_isRefused() {
        users.create("twice@server.com");
        Users.DuplicateEmail e = assertThrows(Users.DuplicateEmail.class, () -> users.create("twice@server.com"));
        assertEquals("a user with email twice@server.com already exists", e.getMessage());
    }

    @Test
    void create_invalidEmail_isRefusedBeforeTheDatabase() {
        assertThrows(ConfigException.class, () -> users.create(""));
        assertThrows(ConfigException.class, () -> users.create("no-at-sign"));
        assertFalse(Users.valid("a@b"));
        assertFalse(Users.valid("a b@c.com"));
        assertTrue(Users.valid("admin@server.com"));
    }

    @Test
    void schema_saysTheSameAsTheModel() {
        var db = Database.over(TestDb.fresh());
        String nullable = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT is_nullable FROM information_schema.columns"
                        + " WHERE table_name = 'users' AND column_name = 'email'")
                .mapTo(String.class).one());
        assertEquals("NO", nullable);
        int length = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT character_maximum_length FROM information_schema.columns"
                        + " WHERE table_name = 'recipes' AND column_name = 'recipe_name'")
                .mapTo(Integer.class).one());
        assertEquals(30, length);
    }
}
