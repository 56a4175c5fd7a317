package com.envoyx.invoice.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

class CircuitBreakerTest {

    private Instant now = Instant.parse("2026-11-26T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final BreakerConfig config = new BreakerConfig() {
        @Override
        public int window() {
            return 4;
        }

        @Override
        public double failureRatio() {
            return 0.5;
        }

        @Override
        public Duration openFor() {
            return Duration.ofSeconds(2);
        }

        @Override
        public int closeAfter() {
            return 2;
        }
    };
    private final CircuitBreaker breaker = new CircuitBreaker("test", config, clock);
    private final AtomicInteger calls = new AtomicInteger();

    @Test
    void opensAtTheFailureRatioThenProbesAndCloses() {
        succeed();
        fail();
        succeed();
        fail();
        assertEquals(4, calls.get());
        assertThrows(CircuitOpenException.class, this::succeed);
        assertEquals(4, calls.get(), "an open breaker makes no call");

        now = now.plusSeconds(2);
        succeed();
        succeed();
        assertEquals(6, calls.get());
        fail();
        succeed();
        succeed();
        assertEquals(9, calls.get(), "closed again: a single failure in a fresh window does not open it");
    }

    @Test
    void aFailedProbeOpensItAgain() {
        for (int i = 0; i < 4; i++) {
            fail();
        }
        assertThrows(CircuitOpenException.class, this::succeed);
        now = now.plusSeconds(2);
        fail();
        assertThrows(CircuitOpenException.class, this::succeed);
        now = now.plusSeconds(1);
        assertThrows(CircuitOpenException.class, this::succeed);
        now = now.plusSeconds(1);
        succeed();
    }

    @Test
    void fewerCallsThanTheWindowNeverOpenIt() {
        fail();
        fail();
        fail();
        succeed();
        assertEquals(4, calls.get());
    }

    private void succeed() {
        breaker.call(() -> Uni.createFrom().item(calls.incrementAndGet())).await().indefinitely();
    }

    private void fail() {
        Uni<Integer> failing = breaker.call(() -> {
            calls.incrementAndGet();
            return Uni.createFrom().failure(new IllegalStateException("down"));
        });
        assertThrows(IllegalStateException.class, () -> failing.await().indefinitely());
    }
}
