package com.envoyx.invoice.ratelimit.service;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.invoice.ratelimit.config.RateLimitConfig;
import com.envoyx.invoice.ratelimit.model.Budget;
import com.envoyx.invoice.ratelimit.model.RateLimitOutcome;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Keys this replica saw refused, answered 429 here until the refusal's retry_after ran out,
 * without asking ratelimit-service. Exactness is untouched: a refused request changes no counter,
 * so answering it locally admits nothing. Until is counted from when the refused decision was
 * asked for, so it never outlasts the service's own retry_after. What it cannot see is another
 * replica's refund of the key: then a request may be refused that could have been admitted.
 * Dropped for a key by this replica's refund and by the key events (limits changed, revoked,
 * deleted, rotated).
 */
@ApplicationScoped
class LocalRefusals {

    private record Refused(UUID budgetId, String policy) {
    }

    private record Refusal(Budget deciding, long untilMillis) {
    }

    private final Clock clock;
    private final Cache<Refused, Refusal> refusals;

    LocalRefusals(Clock clock, RateLimitConfig config) {
        this.clock = clock;
        // Caffeine's expiry only frees the memory; whether a refusal still holds is read from the clock.
        this.refusals = Caffeine.newBuilder()
                .maximumSize(config.localStateMaxKeys())
                .expireAfter(Expiry.<Refused, Refusal>creating((key, refusal) ->
                        Duration.ofMillis(Math.max(0, refusal.untilMillis() - clock.millis()))))
                .build();
    }

    /** Remembers a refusal that ratelimit-service decided for a request asked for at {@code askedAtMillis}. */
    void remember(UUID budgetId, Budget deciding, long askedAtMillis) {
        if (deciding.allowed() || deciding.retryAfterSeconds() <= 0) {
            return;
        }
        refusals.put(new Refused(budgetId, deciding.policy()),
                new Refusal(deciding, askedAtMillis + deciding.retryAfterSeconds() * 1000));
    }

    /**
     * The 429 for a request of this key, if a remembered refusal of a limit it needs still holds
     * (every request needs the general limit; uploads also the upload limit); null otherwise.
     */
    RateLimitOutcome refusal(UUID budgetId, boolean upload) {
        RateLimitOutcome general = refusal(budgetId, "general");
        if (general != null || !upload) {
            return general;
        }
        return refusal(budgetId, "uploads");
    }

    private RateLimitOutcome refusal(UUID budgetId, String policy) {
        Refusal refusal = refusals.getIfPresent(new Refused(budgetId, policy));
        if (refusal == null) {
            return null;
        }
        long left = refusal.untilMillis() - clock.millis();
        if (left <= 0) {
            return null;
        }
        Budget was = refusal.deciding();
        long retryAfter = Math.max(1, (left + 999) / 1000);
        return RateLimitOutcome.local(new Budget(was.policy(), was.limit(), was.windowSeconds(), 0, was.resetAt(),
                retryAfter, false), false);
    }

    void forget(UUID budgetId) {
        refusals.invalidate(new Refused(budgetId, "general"));
        refusals.invalidate(new Refused(budgetId, "uploads"));
    }

    void forgetAll() {
        refusals.invalidateAll();
    }
}
