package com.envoyx.invoice.ratelimit.model;

import java.util.List;
import java.util.UUID;

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
}
