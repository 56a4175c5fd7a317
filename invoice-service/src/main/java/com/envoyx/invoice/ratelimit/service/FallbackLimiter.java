package com.envoyx.invoice.ratelimit.service;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.invoice.ratelimit.config.RateLimitConfig;
import com.envoyx.invoice.ratelimit.model.Budget;
import com.envoyx.invoice.ratelimit.model.RateLimitOutcome;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The per-replica limiter used only while ratelimit-service cannot be asked: a one-minute window
 * per key, opened by the key's first request, at the key's own general limit. With N replicas a key may get up to N times its
 * budget during an outage; that is the price of failing open rather than refusing every customer.
 */
@ApplicationScoped
class FallbackLimiter {

    private static final long WINDOW_SECONDS = 60;

    private final Clock clock;
    private final Cache<UUID, Window> windows;

    FallbackLimiter(Clock clock, RateLimitConfig config) {
        this.clock = clock;
        this.windows = Caffeine.newBuilder().maximumSize(config.fallbackMaxKeys()).build();
    }

    RateLimitOutcome check(UUID budgetId, int limit) {
        long now = clock.instant().getEpochSecond();
        Window window = windows.asMap().compute(budgetId, (id, current) ->
                current == null || now >= current.start() + WINDOW_SECONDS ? new Window(now, 1) : current.next());
        long resetAt = window.start() + WINDOW_SECONDS;
        boolean allowed = window.count() <= limit;
        Budget budget = new Budget("general", limit, WINDOW_SECONDS, Math.max(0, limit - window.count()), resetAt,
                allowed ? 0 : Math.max(1, resetAt - now), allowed);
        return RateLimitOutcome.local(budget, true);
    }

    private record Window(long start, long count) {
        Window next() {
            return new Window(start, count + 1);
        }
    }
}
