package com.envoyx.ratelimit.decision.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.envoyx.ratelimit.decision.model.LeaseResult;
import com.envoyx.ratelimit.decision.model.LimitDecision;
import com.envoyx.ratelimit.decision.model.LimitName;
import com.envoyx.ratelimit.decision.model.WindowLimit;
import com.envoyx.ratelimit.testing.MutableClock;

class ReplicaLimiterTest {

    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final WindowLimit GENERAL = new WindowLimit(LimitName.GENERAL_REQUESTS, 5, WINDOW, WINDOW.dividedBy(60), false);
    private static final WindowLimit UPLOADS = new WindowLimit(LimitName.INVOICE_UPLOADS, 2, Duration.ofSeconds(30), Duration.ofSeconds(30).dividedBy(60), false);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));
    private final ReplicaLimiter limiter = new ReplicaLimiter(clock, 1000, Duration.ofMinutes(1));

    /**
     * Property, over seeded random schedules: in every window of the configured length, never
     * more than N units are accepted; a refusal's retry_after is exact (one step earlier is still
     * refused, at retry_after the same cost fits); refused checks charge nothing.
     */
    @Test
    void neverMoreThanTheLimitInAnyWindowAndRetryAfterIsExact() {
        for (long seed = 1; seed <= 200; seed++) {
            Random random = new Random(seed);
            MutableClock time = new MutableClock(Instant.ofEpochSecond(1_000_000 + seed));
            ReplicaLimiter replica = new ReplicaLimiter(time, 10, Duration.ofMinutes(1));
            List<long[]> accepted = new ArrayList<>();
            for (int step = 0; step < 300; step++) {
                time.advance(Duration.ofMillis(random.nextInt(1500)));
                int cost = 1 + random.nextInt(3);
                LimitDecision decision = replica.check("k", List.of(GENERAL), cost).get(0);
                long now = time.millis();
                long inWindow = accepted.stream().filter(a -> a[0] > now - WINDOW.toMillis()).mapToLong(a -> a[1]).sum();
                assertEquals(inWindow + cost <= GENERAL.max(), decision.allowed(), "seed " + seed + " step " + step);
                if (decision.allowed()) {
                    accepted.add(new long[] {now, cost});
                    assertEquals(GENERAL.max() - inWindow - cost, decision.remaining());
                } else {
                    assertEquals(GENERAL.max() - inWindow, decision.remaining(), "a refusal charges nothing");
                    long fitsAt = fitsAt(accepted, cost, now);
                    assertEquals((fitsAt - now + 999) / 1000, decision.retryAfterSeconds(), "seed " + seed + " step " + step);
                }
            }
        }
    }

    @Test
    void allLimitsOfACheckAreChargedOrNone() {
        for (int i = 0; i < 2; i++) {
            assertTrue(limiter.check("k", List.of(GENERAL, UPLOADS), 1).stream().allMatch(LimitDecision::allowed));
        }
        List<LimitDecision> refused = limiter.check("k", List.of(GENERAL, UPLOADS), 1);
        assertTrue(refused.get(0).allowed());
        assertFalse(refused.get(1).allowed());
        assertEquals(3, refused.get(0).remaining(), "general was not charged for the refused upload");
        assertEquals(2, limiter.check("k", List.of(GENERAL), 1).get(0).remaining());
    }

    @Test
    void keysAreCountedApart() {
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.check("a", List.of(GENERAL), 1).get(0).allowed());
        }
        assertFalse(limiter.check("a", List.of(GENERAL), 1).get(0).allowed());
        assertTrue(limiter.check("b", List.of(GENERAL), 1).get(0).allowed());
    }

    @Test
    void leasesStopAtTheLimitAndExpireWithoutRenewal() {
        Duration ttl = Duration.ofSeconds(30);
        assertTrue(limiter.acquire("k", "one", 2, ttl).granted());
        assertTrue(limiter.acquire("k", "two", 2, ttl).granted());
        LeaseResult third = limiter.acquire("k", "three", 2, ttl);
        assertFalse(third.granted());
        assertEquals(30, third.retryAfterSeconds());
        assertTrue(third.degraded());

        clock.advance(Duration.ofSeconds(20));
        assertTrue(limiter.renew("k", "one", 2, ttl).granted());
        clock.advance(Duration.ofSeconds(11));
        LeaseResult afterExpiry = limiter.acquire("k", "three", 2, ttl);
        assertTrue(afterExpiry.granted(), "'two' expired unrenewed");
        assertEquals(2, afterExpiry.active());
        assertTrue(limiter.release("k", "one"));
        assertFalse(limiter.release("k", "one"));
    }

    /** When, by brute force over accepted charges, {@code cost} more units first fit: now, or when some charge leaves. */
    private static long fitsAt(List<long[]> accepted, int cost, long now) {
        List<Long> candidates = new ArrayList<>(List.of(now));
        accepted.forEach(charge -> candidates.add(charge[0] + WINDOW.toMillis()));
        return candidates.stream().filter(at -> at >= now).sorted()
                .filter(at -> accepted.stream().filter(a -> a[0] > at - WINDOW.toMillis()).mapToLong(a -> a[1]).sum() + cost
                        <= GENERAL.max())
                .findFirst().orElseThrow();
    }
}
