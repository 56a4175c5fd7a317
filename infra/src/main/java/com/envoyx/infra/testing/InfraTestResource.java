package com.envoyx.infra.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.envoyx.infra.InfraSettings;
import com.envoyx.infra.Infrastructure;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} at real PostgreSQL and Redis, found or embedded by
 * {@link Infrastructure} exactly as the launcher does. One infrastructure serves the whole test
 * JVM. Each test run migrates a database of its own ({@link TestDatabases}) and every Quarkus
 * start gets a fresh Redis key prefix, so runs never see each other's data and nothing needs
 * FLUSHALL.
 *
 * <p>Init args: {@code database} (the service's database name, e.g. {@code envoyx_auth}; the run
 * uses {@link TestDatabases#forThisRun} of it; omit for services without PostgreSQL).
 */
public class InfraTestResource implements QuarkusTestResourceLifecycleManager {

    private static Infrastructure shared;

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
    }

    @Override
    public Map<String, String> start() {
        Infrastructure infra = infrastructure();
        Map<String, String> config = new HashMap<>();
        if (database != null) {
            String actual = TestDatabases.forThisRun(infra.postgres(), database);
            config.put("quarkus.datasource.reactive.url", infra.postgres().reactiveUrl(actual));
            config.put("quarkus.datasource.jdbc.url", infra.postgres().jdbcUrl(actual));
            config.put("quarkus.datasource.username", infra.postgres().user());
            config.put("quarkus.datasource.password", infra.postgres().password());
        }
        config.put("quarkus.redis.hosts", infra.redis().url());
        config.put("envoyx.redis.key-prefix", "test-" + UUID.randomUUID().toString().substring(0, 8) + ":");
        return config;
    }

    @Override
    public void stop() {
        // The shared servers outlive one Quarkus start; a JVM shutdown hook stops them.
    }

    /** The infrastructure of this test JVM, provisioned on first use. */
    public static synchronized Infrastructure infrastructure() {
        if (shared == null) {
            shared = Infrastructure.provision(InfraSettings.fromEnvironment());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "envoyx-infra-stop"));
        }
        return shared;
    }
}
