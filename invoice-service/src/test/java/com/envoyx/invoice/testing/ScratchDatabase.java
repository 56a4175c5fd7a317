package com.envoyx.invoice.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.UUID;

/**
 * An empty PostgreSQL database for a child service, named in infra's test-database pattern
 * ({@code <base>_test_<stamp>_<hex>}) so that one left behind by a killed JVM is swept like the others.
 */
final class ScratchDatabase {

    private final String serverUrl;
    private final Properties credentials;
    private final String name;

    private ScratchDatabase(String serverUrl, Properties credentials, String name) {
        this.serverUrl = serverUrl;
        this.credentials = credentials;
        this.name = name;
    }

    /** {@code jdbcUrl} is any database URL on the server; the new database lives beside it. */
    static ScratchDatabase create(String jdbcUrl, String user, String password, String baseName) {
        String serverUrl = jdbcUrl.substring(0, jdbcUrl.lastIndexOf('/') + 1);
        Properties credentials = new Properties();
        credentials.setProperty("user", user);
        if (password != null && !password.isEmpty()) {
            credentials.setProperty("password", password);
        }
        String name = baseName + "_test_" + LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
                + "_" + UUID.randomUUID().toString().substring(0, 6);
        ScratchDatabase database = new ScratchDatabase(serverUrl, credentials, name);
        database.execute("CREATE DATABASE " + name);
        return database;
    }

    String name() {
        return name;
    }

    void drop() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void execute(String statement) {
        try (Connection connection = DriverManager.getConnection(serverUrl + "postgres", credentials)) {
            connection.createStatement().execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run: " + statement, e);
        }
    }
}
