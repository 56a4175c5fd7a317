package com.envoyx.infra;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the infrastructure is expected, read from the same environment variables the services
 * read, so that one setting moves the launcher, the tests and the services together.
 */
public record InfraSettings(
        InfraMode mode,
        String postgresHost,
        int postgresPort,
        String postgresUser,
        String postgresPassword,
        String redisHost,
        int redisPort,
        Path workDirectory) {

    public static InfraSettings fromEnvironment() {
        return from(System.getenv());
    }

    public static InfraSettings from(Map<String, String> env) {
        return new InfraSettings(
                InfraMode.parse(env.get("ENVOYX_INFRA")),
                env.getOrDefault("ENVOYX_PG_HOST", "127.0.0.1"),
                Integer.parseInt(env.getOrDefault("ENVOYX_PG_PORT", "5432")),
                env.getOrDefault("ENVOYX_PG_USER", "postgres"),
                env.getOrDefault("ENVOYX_PG_PASSWORD", ""),
                env.getOrDefault("ENVOYX_REDIS_HOST", "127.0.0.1"),
                Integer.parseInt(env.getOrDefault("ENVOYX_REDIS_PORT", "6379")),
                Path.of(env.getOrDefault("ENVOYX_WORK_DIR",
                        Path.of(System.getProperty("java.io.tmpdir"), "envoyx").toString())));
    }

    public InfraSettings withMode(InfraMode newMode) {
        return new InfraSettings(newMode, postgresHost, postgresPort, postgresUser, postgresPassword,
                redisHost, redisPort, workDirectory);
    }
}
