package com.envoyx.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Decides, per server, whether to use the PostgreSQL and Redis at the configured addresses or
 * to start embedded ones, and owns whatever it started. The launcher and every service's test
 * resource go through this one class, so "works locally" and "works in tests" mean the same.
 */
public final class Infrastructure implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Infrastructure.class.getName());
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);

    private final PostgresEndpoint postgres;
    private final RedisEndpoint redis;
    private final EmbeddedPostgresServer embeddedPostgres;
    private final EmbeddedRedisServer embeddedRedis;

    private Infrastructure(PostgresEndpoint postgres, EmbeddedPostgresServer embeddedPostgres,
                           RedisEndpoint redis, EmbeddedRedisServer embeddedRedis) {
        this.postgres = postgres;
        this.embeddedPostgres = embeddedPostgres;
        this.redis = redis;
        this.embeddedRedis = embeddedRedis;
    }

    public static Infrastructure provision(InfraSettings settings) {
        EmbeddedPostgresServer startedPostgres = null;
        PostgresEndpoint postgres;
        if (useExternal(settings.mode(), settings.postgresHost(), settings.postgresPort(), "PostgreSQL")) {
            postgres = new PostgresEndpoint(settings.postgresHost(), settings.postgresPort(),
                    settings.postgresUser(), settings.postgresPassword(), false);
        } else {
            startedPostgres = EmbeddedPostgresServer.startOnFreePort(freshDirectory(settings.workDirectory(), "pg"));
            postgres = startedPostgres.endpoint();
        }
        try {
            EmbeddedRedisServer startedRedis = null;
            RedisEndpoint redis;
            if (useExternal(settings.mode(), settings.redisHost(), settings.redisPort(), "Redis")) {
                redis = new RedisEndpoint(settings.redisHost(), settings.redisPort(), false);
            } else {
                startedRedis = EmbeddedRedisServer.startOnFreePort();
                redis = startedRedis.endpoint();
            }
            return new Infrastructure(postgres, startedPostgres, redis, startedRedis);
        } catch (RuntimeException e) {
            if (startedPostgres != null) {
                startedPostgres.close();
            }
            throw e;
        }
    }

    private static boolean useExternal(InfraMode mode, String host, int port, String what) {
        return switch (mode) {
            case EMBEDDED -> false;
            case EXTERNAL -> {
                if (!Ports.answers(host, port, PROBE_TIMEOUT)) {
                    throw new IllegalStateException(what + " does not answer at " + host + ":" + port
                            + " and ENVOYX_INFRA=external forbids starting an embedded one");
                }
                yield true;
            }
            case AUTO -> {
                boolean answers = Ports.answers(host, port, PROBE_TIMEOUT);
                if (!answers) {
                    LOG.info(() -> what + " does not answer at " + host + ":" + port + "; starting an embedded one");
                }
                yield answers;
            }
        };
    }

    private static Path freshDirectory(Path parent, String prefix) {
        try {
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory under " + parent, e);
        }
    }

    public PostgresEndpoint postgres() {
        return postgres;
    }

    public RedisEndpoint redis() {
        return redis;
    }

    public void ensureDatabase(String database) {
        DatabaseProvisioner.ensureDatabase(postgres, database);
    }

    public String describe() {
        return "PostgreSQL " + (postgres.embedded() ? "embedded" : "external") + " at " + postgres.host() + ":" + postgres.port()
                + ", Redis " + (redis.embedded() ? "embedded" : "external") + " at " + redis.host() + ":" + redis.port();
    }

    @Override
    public void close() {
        try {
            if (embeddedRedis != null) {
                embeddedRedis.close();
            }
        } finally {
            if (embeddedPostgres != null) {
                embeddedPostgres.close();
            }
        }
    }
}
