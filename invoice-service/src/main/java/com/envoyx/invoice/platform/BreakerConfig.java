package com.envoyx.invoice.platform;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Circuit breakers of the calls to auth-service and ratelimit-service (one breaker each, same settings). */
@ConfigMapping(prefix = "envoyx.breaker")
public interface BreakerConfig {

    /** How many recent calls the failure ratio is computed over. */
    @WithDefault("10")
    int window();

    /** Share of failed calls in the window that opens the breaker. */
    @WithDefault("0.5")
    double failureRatio();

    /** How long an open breaker refuses calls before it lets a probe through. */
    @WithDefault("2s")
    Duration openFor();

    /** Consecutive successful probes that close the breaker again. */
    @WithDefault("2")
    int closeAfter();
}
