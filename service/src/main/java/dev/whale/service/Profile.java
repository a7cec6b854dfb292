package dev.whale.service;

import java.util.Locale;

/** What a configuration's {@code WHALE_PROFILE} selects: the defaults of one way to run the service. */
public enum Profile {
    /** Debug logging, 127.0.0.1:5000, the embedded PostgreSQL unless a server is configured. */
    DEVELOPMENT("127.0.0.1", 5000, true, false),
    /** The test database, on a random port. */
    TESTING("127.0.0.1", 0, false, false),
    /** 0.0.0.0:8000, a JSON access log, no debug. */
    PRODUCTION("0.0.0.0", 8000, false, true);

    public final String host;
    public final int port;
    public final boolean debug;
    public final boolean jsonAccessLog;

    Profile(String host, int port, boolean debug, boolean jsonAccessLog) {
        this.host = host;
        this.port = port;
        this.debug = debug;
        this.jsonAccessLog = jsonAccessLog;
    }

    public static Profile of(String name) {
        for (Profile p : values()) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new ConfigException(
                "WHALE_PROFILE: no profile '" + name + "'; choose one of: development, testing, production");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
