package com.envoyx.ratelimit.decision.repository;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.ratelimit.platform.RedisConfig;

/**
 * After a few consecutive Redis failures, skips Redis for one probe interval, so that while Redis
 * is slow or gone most calls go straight to their failure mode instead of each waiting out the
 * deadline. One slow answer alone (a GC pause, a cold connection) does not trip it. The first
 * call after the interval asks Redis again; its success ends the degraded period.
 */
@ApplicationScoped
public class RedisAvailability {

    private final Clock clock;
    private final long probeIntervalMillis;
    private final int failuresBeforeSkip;
    private final AtomicLong skipUntil = new AtomicLong();
    private final AtomicInteger consecutiveFailures = new AtomicInteger();

    RedisAvailability(Clock clock, RedisConfig config) {
        this.clock = clock;
        this.probeIntervalMillis = config.probeInterval().toMillis();
        this.failuresBeforeSkip = config.failuresBeforeSkip();
    }

    public boolean shouldAsk() {
        return clock.millis() >= skipUntil.get();
    }

    public void failed() {
        if (consecutiveFailures.incrementAndGet() >= failuresBeforeSkip) {
            skipUntil.set(clock.millis() + probeIntervalMillis);
        }
    }

    public void answered() {
        consecutiveFailures.set(0);
        skipUntil.set(0);
    }
}
