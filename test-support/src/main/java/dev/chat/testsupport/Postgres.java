package dev.chat.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/**
 * The PostgreSQL server of the machine (CHAT_PG_HOST/PORT/USER/PASSWORD, default 127.0.0.1:5432 postgres):
 * each test database is dropped and created anew once per JVM, so every run starts empty.
 */
public final class Postgres {

    public static final String HOST = env("CHAT_PG_HOST", "127.0.0.1");
    public static final String PORT = env("CHAT_PG_PORT", "5432");
    public static final String USER = env("CHAT_PG_USER", "postgres");
    public static final String PASSWORD = env("CHAT_PG_PASSWORD", "");
    /** Appended to every test database's name: two checkouts can run the same module's tests at once. */
    private static final String SUFFIX = env("CHAT_TEST_DB_SUFFIX", "");
    private static final Set<String> created = new HashSet<>();

    private Postgres() {
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    /**
     * Drops and creates {@code database} (with CHAT_TEST_DB_SUFFIX appended) the first time this JVM asks for it;
     * returns its JDBC URL.
     */
    public static synchronized String freshDatabase(String name) {
        String database = name + SUFFIX;
        if (!database.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        if (created.add(database)) {
            try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
                 var st = c.createStatement()) {
                st.execute("drop database if exists " + database + " with (force)");
                st.execute("create database " + database);
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL at " + HOST + ":" + PORT
                        + " is needed for this test (start it with ./chat up, or set CHAT_PG_HOST/PORT)", e);
            }
        }
        return jdbcUrl(database);
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
