package com.envoyx.auth.apikey.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The call to ratelimit-service for usage statistics (its address: quarkus.grpc.clients.ratelimit.*). */
@ConfigMapping(prefix = "envoyx.usage")
public interface UsageConfig {

    /** gRPC deadline of one GetUsage call (env ENVOYX_USAGE_DEADLINE). */
    @WithDefault("1s")
    Duration deadline();
}
