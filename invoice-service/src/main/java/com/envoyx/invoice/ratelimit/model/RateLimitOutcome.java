package com.envoyx.invoice.ratelimit.model;

import java.util.List;

/**
 * The decision for one request. {@code charged} says a charge was recorded by ratelimit-service
 * (and so can be refunded); {@code upload} that the upload budget was part of it; {@code degraded} says the decision was made without Redis or without
 * ratelimit-service.
 */
public record RateLimitOutcome(boolean allowed, Budget deciding, List<Budget> budgets, boolean degraded,
                               boolean charged, boolean upload) {

    /** Request-context property under which the filter leaves the outcome for the response headers. */
    public static final String PROPERTY = RateLimitOutcome.class.getName();
}
