package com.envoyx.invoice.ratelimit.model;

import java.util.List;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * The decision for one request. {@code charged} says a charge was recorded by ratelimit-service
 * (and so can be refunded by {@code requestId} and {@code chargedAtUs}, the Redis time of the
 * charge, which limits kept in sub-window buckets need); {@code upload} that the upload budget was
 * part of it; {@code degraded} says the decision was made without Redis or without
 * ratelimit-service. Decisions taken on this replica alone (a local refusal, a unit of a local
 * slice) are not charges.
 */
public record RateLimitOutcome(boolean allowed, Budget deciding, List<Budget> budgets, boolean degraded,
                               boolean charged, boolean upload, UUID requestId, long chargedAtUs) {

    /** Request-context property under which the filter leaves the outcome for the response headers. */
    public static final String PROPERTY = RateLimitOutcome.class.getName();

    /** A decision taken on this replica alone, about one limit only. */
    public static RateLimitOutcome local(Budget budget, boolean degraded) {
        return new RateLimitOutcome(budget.allowed(), budget, List.of(budget), degraded, false, false, null, 0);
    }

    /**
     * The key's budget as response headers (meanings in the module README): the deciding limit as
     * {@code X-RateLimit-*}, every limit as the IETF draft's {@code RateLimit-Policy} and
     * {@code RateLimit}; {@code nowSeconds} in epoch seconds. One rendering for every adapter that
     * answers with a decision (the REST response filter, the early refusal route).
     */
    public void writeHeaders(BiConsumer<String, String> header, long nowSeconds) {
        header.accept("X-RateLimit-Limit", Long.toString(deciding.limit()));
        header.accept("X-RateLimit-Remaining", Long.toString(deciding.remaining()));
        header.accept("X-RateLimit-Reset", Long.toString(deciding.resetAt()));
        StringJoiner policies = new StringJoiner(", ");
        StringJoiner states = new StringJoiner(", ");
        for (Budget budget : budgets) {
            policies.add("\"" + budget.policy() + "\";q=" + budget.limit() + ";w=" + budget.windowSeconds());
            states.add("\"" + budget.policy() + "\";r=" + budget.remaining() + ";t=" + Math.max(0, budget.resetAt() - nowSeconds));
        }
        header.accept("RateLimit-Policy", policies.toString());
        header.accept("RateLimit", states.toString());
    }
}
