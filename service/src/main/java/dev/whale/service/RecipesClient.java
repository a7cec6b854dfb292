package dev.whale.service;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The compose post's app: it connects, reads the recipes and disconnects. The connection comes from
 * {@code WHALEAPP__DB_HOST}, {@code _PORT}, {@code _NAME}, {@code _USER} and {@code _PASSWORD}, each falling back
 * to the configuration's PostgreSQL variables.
 */
public final class RecipesClient {
    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String password;

    private RecipesClient(String host, int port, String database, String user, String password) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
    }

    public static RecipesClient from(Map<String, String> env, Config config) {
        DatabaseSettings db = DatabaseSettings.from(config);
        String host = env.getOrDefault("WHALEAPP__DB_HOST", db.embedded() ? "localhost" : db.host());
        String port = env.getOrDefault("WHALEAPP__DB_PORT", Integer.toString(db.port()));
        try {
            return new RecipesClient(host, Integer.parseInt(port), env.getOrDefault("WHALEAPP__DB_NAME", db.database()),
                    env.getOrDefault("WHALEAPP__DB_USER", db.user()),
                    env.getOrDefault("WHALEAPP__DB_PASSWORD", db.password()));
        } catch (NumberFormatException e) {
            throw new ConfigException("WHALEAPP__DB_PORT: '" + port + "' is not a number");
        }
    }

    /** Where it connects, for messages: never the password. */
    public String target() {
        return user + "@" + host + ":" + port + "/" + database;
    }

    /** One connection, {@code select * from recipes}, and the connection closed. */
    public List<Recipes.Recipe> fetch() {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("connectTimeout", "5");
        p.setProperty("socketTimeout", "30");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, p)) {
            return Recipes.list(c);
        } catch (SQLException e) {
            String m = Databases.describe(e);
            throw new ServiceException(password.isEmpty() ? m : m.replace(password, "********"));
        }
    }
}
