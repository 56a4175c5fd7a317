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

    /**
     * Most decisions sent in one CheckBatch. The decisions one event loop takes during one task
     * travel together; a larger burst is split so that one message stays small.
     */
    @WithDefault("256")
    int batchMaxSize();

    /**
     * Keys whose general limit is at least this spend requests from a local slice (Reserve)
     * instead of one Check each. Above ratelimit-service's exact-log maximum (1000), where its
     * window is kept in buckets; smaller limits stay exact per request.
     */
    @WithDefault("1001")
    long sliceMinLimit();

    /**
     * Taken off a slice's validity on this replica: its units stop being spent this much before
     * the service's end of the slice, whatever the two clocks' rates.
     */
    @WithDefault("50ms")
    Duration sliceSafetyMargin();

    /** How often slices that expired or stood idle are handed back, and idle keys forgotten. */
    @WithDefault("1s")
    Duration sliceSweepInterval();

    /**
     * How often slices entering the last quarter of their validity are renewed, all due keys in
     * one ReserveBatch. Well below an eighth of ratelimit-service's slice validity (1 s), where a
     * request renews its key's slice itself.
     */
    @WithDefault("100ms")
    Duration sliceRenewalInterval();

    /** Most keys this replica keeps a local refusal or a slice for. */
    @WithDefault("100000")
    long localStateMaxKeys();
}
