package com.envoyx.ratelimit.decision.repository;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.envoyx.ratelimit.testing.MutableClock;
import com.envoyx.ratelimit.testing.TestRedisConfig;

class RedisAvailabilityTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));
    private final RedisAvailability availability = new RedisAvailability(clock, TestRedisConfig.withPrefix("t:"));

    @Test
    void oneSlowAnswerDoesNotStopAskingRedis() {
        availability.failed();
        availability.failed();
        assertTrue(availability.shouldAsk());
        availability.answered();
        availability.failed();
        availability.failed();
        assertTrue(availability.shouldAsk(), "an answer in between resets the count");
    }

    @Test
    void repeatedFailuresSkipRedisForOneProbeInterval() {
        for (int i = 0; i < 3; i++) {
            availability.failed();
        }
        assertFalse(availability.shouldAsk());
        clock.advance(Duration.ofMillis(999));
        assertFalse(availability.shouldAsk());
        clock.advance(Duration.ofMillis(1));
        assertTrue(availability.shouldAsk(), "the probe after the interval asks Redis again");

        availability.failed();
        assertFalse(availability.shouldAsk(), "a failed probe skips another interval at once");
        clock.advance(Duration.ofSeconds(1));
        availability.answered();
        assertTrue(availability.shouldAsk());
    }
}
