package com.envoyx.infra.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.envoyx.infra.DatabaseProvisioner;
import com.envoyx.infra.EmbeddedPostgresServer;
import com.envoyx.infra.EmbeddedRedisServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a test PostgreSQL and Redis servers of its own, which it may stop and start to prove
 * how a service behaves when they go away and come back. Never touches the machine's shared
 * servers. Init arg {@code database}: the database to create (omit when the service has none).
 */
public class OwnServersTestResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgresServer postgres;
    private static EmbeddedRedisServer redis;

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        if (database != null) {
            postgres = EmbeddedPostgresServer.startOnFreePort(tempDirectory());
            DatabaseProvisioner.ensureDatabase(postgres.endpoint(), database);
            config.put("quarkus.datasource.reactive.url", postgres.endpoint().reactiveUrl(database));
            config.put("quarkus.datasource.jdbc.url", postgres.endpoint().jdbcUrl(database));
            config.put("quarkus.datasource.username", postgres.endpoint().user());
        }
        redis = EmbeddedRedisServer.startOnFreePort();
        config.put("quarkus.redis.hosts", redis.endpoint().url());
        config.put("envoyx.redis.key-prefix", "own:");
        return config;
    }

    @Override
    public void stop() {
        if (redis != null) {
            redis.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /** The PostgreSQL server of the running test, or null when the service has none. */
    public static EmbeddedPostgresServer postgres() {
        return postgres;
    }

    public static EmbeddedRedisServer redis() {
        return redis;
    }

    private static Path tempDirectory() {
        try {
            return Files.createTempDirectory("envoyx-own-pg-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
