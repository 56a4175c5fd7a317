package com.envoyx.invoice.ratelimit.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Defaults used where a key's token carries no override (shown by /api/v1/me, used by the fallback limiter). */
@ConfigMapping(prefix = "envoyx.ratelimit")
public interface RateLimitConfig {

    /**
     * Deadline of one call to ratelimit-service. A decision takes about a millisecond; the first
     * one after a start also fetches auth-service's JWKS, which on a loaded machine can take most
     * of a second, and uploads fail closed, so the default leaves room for it.
     */
    @WithDefault("1s")
    Duration deadline();

    /** General API requests per key per minute. */
    @WithDefault("100")
    int defaultRequestsPerMinute();

    /** Invoice uploads per key per hour. */
    @WithDefault("100")
    int defaultUploadsPerHour();

    /** Concurrent WebSocket connections per key. */
    @WithDefault("5")
    int defaultWebsocketConnections();

    /** Most keys the per-replica fallback limiter tracks while ratelimit-service is unreachable. */
    @WithDefault("100000")
    long fallbackMaxKeys();
}
