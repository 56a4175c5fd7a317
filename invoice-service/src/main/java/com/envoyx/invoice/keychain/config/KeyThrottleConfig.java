package com.envoyx.invoice.keychain.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The per-client-address budget of API keys that turned out invalid, and its lookups in flight. */
@ConfigMapping(prefix = "envoyx.key-throttle")
public interface KeyThrottleConfig {

    /**
     * Invalid keys one client address may present per window; then every key not cached as valid
     * is answered 429 without asking auth-service until the window ends. Valid keys spend nothing.
     */
    @WithDefault("60")
    int maxAttempts();

    /** Fixed window of the counter, started by the address's first attempt (Redis EXPIRE). */
    @WithDefault("60s")
    Duration window();

    /** Longest wait for the Redis counter; past it the key is looked up uncounted (fail open). */
    @WithDefault("500ms")
    Duration deadline();

    /**
     * IPv6 clients are counted per network of this prefix length, because one subscriber usually
     * holds a whole /64 and could otherwise pick a fresh address for every attempt.
     */
    @WithDefault("64")
    int ipv6PrefixLength();

    /** Key lookups (auth-service exchanges) one client address may have in flight on a replica; the next ones wait. */
    @WithDefault("8")
    int concurrentExchanges();

    /** Lookups of one client address that may wait on a replica; beyond them, 503 with Retry-After 1. */
    @WithDefault("256")
    int queuedExchanges();
}
