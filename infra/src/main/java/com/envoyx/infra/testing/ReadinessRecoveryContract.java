package com.envoyx.infra.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * What every service proves about its readiness: it starts on an empty database with every
 * migration applied, reports DOWN while a server it uses is gone, and UP again once the server
 * returns, without a restart. A service's test extends this with {@code @QuarkusTest} and a
 * profile that installs {@link OwnServersTestResource}, so only servers the test owns are stopped.
 */
public abstract class ReadinessRecoveryContract {

    private static final Duration DOWN_WITHIN = Duration.ofSeconds(20);
    private static final Duration UP_WITHIN = Duration.ofSeconds(40);

    /** The service's database, or null when it uses no PostgreSQL. */
    protected abstract String database();

    @Test
    void migrationsRanOnTheEmptyDatabase() throws SQLException, IOException {
        if (database() == null) {
            return;
        }
        long files;
        try (Stream<Path> migrations = Files.list(Path.of("src/main/resources/db/migration"))) {
            files = migrations.filter(path -> path.getFileName().toString().matches("V\\d+__.+\\.sql")).count();
        }
        String url = OwnServersTestResource.postgres().endpoint().jdbcUrl(database());
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             ResultSet rows = connection.createStatement()
                     .executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL")) {
            rows.next();
            assertTrue(files > 0, "no migrations found");
            assertEquals(files, rows.getLong(1));
        }
    }

    @Test
    void readinessFollowsPostgres() throws InterruptedException {
        if (database() == null) {
            return;
        }
        ReadinessProbe.awaitStatus(baseUrl(), 200, UP_WITHIN);

        OwnServersTestResource.postgres().stop();
        try {
            String body = ReadinessProbe.awaitStatus(baseUrl(), 503, DOWN_WITHIN);
            assertTrue(body.contains("\"DOWN\""), body);
        } finally {
            OwnServersTestResource.postgres().start();
        }
        ReadinessProbe.awaitStatus(baseUrl(), 200, UP_WITHIN);
    }

    @Test
    void readinessFollowsRedis() throws InterruptedException {
        ReadinessProbe.awaitStatus(baseUrl(), 200, UP_WITHIN);

        OwnServersTestResource.redis().stop();
        try {
            String body = ReadinessProbe.awaitStatus(baseUrl(), 503, DOWN_WITHIN);
            assertTrue(body.contains("\"DOWN\""), body);
        } finally {
            OwnServersTestResource.redis().start();
        }
        ReadinessProbe.awaitStatus(baseUrl(), 200, UP_WITHIN);
    }

    private static String baseUrl() {
        return "http://127.0.0.1:" + ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
    }
}
