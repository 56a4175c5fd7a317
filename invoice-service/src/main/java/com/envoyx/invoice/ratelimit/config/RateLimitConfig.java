package com.envoyx.invoice.ratelimit.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Defaults used where a key's token carries no override (shown by /api/v1/me, used by the fallback limiter). */
// Defaults: in @WithDefault where SmallRye derives the documented environment variable from the key's
// name; in application.properties (${ENV:default}, once) where the documented variable is another, since
// SmallRye does not fall back to @WithDefault from an unset ${ENV} or an empty ${ENV:}.
@ConfigMapping(prefix = "envoyx.ratelimit")
public interface RateLimitConfig {

    /**
     * Deadline of one call to ratelimit-service. A decision takes about a millisecond; the first
     * one after a start also fetches auth-service's JWKS, which on a loaded machine can take most
     * of a second, and uploads fail closed, so the default leaves room for it.
     */
    Duration deadline();

    /** General API requests per key per minute. */
    int defaultRequestsPerMinute();

    /** Invoice uploads per key per hour. */
    int defaultUploadsPerHour();

    /** Concurrent WebSocket connections per key. */
    int defaultWebsocketConnections();

    /** Most keys the per-replica fallback limiter tracks while ratelimit-service is unreachable. */
    @WithDefault("100000")
    long fallbackMaxKeys();
}
