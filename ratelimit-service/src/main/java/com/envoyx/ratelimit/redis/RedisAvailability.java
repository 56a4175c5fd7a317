package com.envoyx.ratelimit.redis;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.ratelimit.config.RedisConfig;

/**
 * Remembers a recent Redis failure for one probe interval, so that while Redis is slow or gone
 * most calls go straight to their failure mode instead of each waiting out the deadline. The
 * first call after the interval asks Redis again; its success ends the degraded period.
 */
@ApplicationScoped
public class RedisAvailability {

    private final Clock clock;
    private final long probeIntervalMillis;
    private final AtomicLong skipUntil = new AtomicLong();

    RedisAvailability(Clock clock, RedisConfig config) {
        this.clock = clock;
        this.probeIntervalMillis = config.probeInterval().toMillis();
    }

    public boolean shouldAsk() {
        return clock.millis() >= skipUntil.get();
    }

    public void failed() {
        skipUntil.set(clock.millis() + probeIntervalMillis);
    }

    public void answered() {
        skipUntil.set(0);
    }
}
