package io.releasegraph.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A PostgreSQL database of its own for one test, created on the server at {@code RG_PG_HOST} (default
 * {@code 127.0.0.1:5432}, user {@code RG_PG_USER} or {@code postgres}, password {@code RG_PG_PASSWORD}) and
 * dropped on close. Without a reachable server the test is skipped, unless {@code RG_REQUIRE_POSTGRESQL=true} (CI).
 */
public final class TestDatabase implements AutoCloseable {

    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    public static TestDatabase create() throws SQLException {
        String name = "rg_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return new TestDatabase(name);
    }

    /** Whether a PostgreSQL server answers; CI requires one, a developer's machine may have none. */
    public static boolean available() {
        try (Connection ignored = admin()) {
            return true;
        } catch (SQLException e) {
            if (Boolean.parseBoolean(System.getenv("RG_REQUIRE_POSTGRESQL"))) {
                throw new IllegalStateException("RG_REQUIRE_POSTGRESQL is set but PostgreSQL is unreachable", e);
            }
            return false;
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host() + "/" + name;
    }

    public String user() {
        return env("RG_PG_USER", "postgres");
    }

    public String password() {
        return env("RG_PG_PASSWORD", "");
    }

    @Override
    public void close() throws SQLException {
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static Connection admin() throws SQLException {
        DriverManager.setLoginTimeout(3);
        return DriverManager.getConnection("jdbc:postgresql://" + host() + "/postgres", env("RG_PG_USER", "postgres"),
                env("RG_PG_PASSWORD", ""));
    }

    private static String host() {
        return env("RG_PG_HOST", "127.0.0.1:5432");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
