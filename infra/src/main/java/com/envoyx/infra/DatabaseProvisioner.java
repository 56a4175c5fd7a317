package com.envoyx.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/** Creates a service's database when it is missing; schemas are Flyway's job, not ours. */
public final class DatabaseProvisioner {

    private static final Pattern SAFE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private DatabaseProvisioner() {
    }

    public static void ensureDatabase(PostgresEndpoint endpoint, String database) {
        requireSafeName(database);
        try (Connection connection = connect(endpoint)) {
            if (!exists(connection, database)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE DATABASE " + database);
                } catch (SQLException e) {
                    // Two processes may race to create it; losing the race is fine.
                    if (!exists(connection, database)) {
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + " on "
                    + endpoint.host() + ":" + endpoint.port(), e);
        }
    }

    public static void dropDatabase(PostgresEndpoint endpoint, String database) {
        requireSafeName(database);
        try (Connection connection = connect(endpoint); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop database " + database, e);
        }
    }

    /** Every database on the server. */
    public static List<String> databaseNames(PostgresEndpoint endpoint) {
        List<String> names = new ArrayList<>();
        try (Connection connection = connect(endpoint);
             ResultSet rows = connection.createStatement().executeQuery("SELECT datname FROM pg_database")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list databases on " + endpoint.host() + ":" + endpoint.port(), e);
        }
        return names;
    }

    private static boolean exists(Connection connection, String database) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static Connection connect(PostgresEndpoint endpoint) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", endpoint.user());
        if (!endpoint.password().isEmpty()) {
            properties.setProperty("password", endpoint.password());
        }
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(endpoint.jdbcUrl("postgres"), properties);
    }

    private static void requireSafeName(String database) {
        if (!SAFE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
    }
}
