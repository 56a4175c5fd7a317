package com.envoyx.invoice.keychain.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The per-client-address budget of API keys that are not already known to be valid. */
@ConfigMapping(prefix = "envoyx.key-throttle")
public interface KeyThrottleConfig {

    /**
     * Attempts with keys not cached as valid that one client address may make per window; the next
     * ones are answered 429 without asking auth-service. Keys that turn out valid give their attempt back.
     */
    @WithDefault("60")
    int maxAttempts();

    /** Fixed window of the counter, started by the address's first attempt (Redis EXPIRE). */
    @WithDefault("60s")
    Duration window();

    /** Longest wait for the Redis counter; past it the attempt is let through uncounted (fail open). */
    @WithDefault("500ms")
    Duration deadline();

    /**
     * IPv6 clients are counted per network of this prefix length, because one subscriber usually
     * holds a whole /64 and could otherwise pick a fresh address for every attempt.
     */
    @WithDefault("64")
    int ipv6PrefixLength();
}
