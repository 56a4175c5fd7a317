package com.envoyx.invoice.ratelimit.rest;

import java.time.Clock;
import java.util.StringJoiner;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedMap;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.envoyx.invoice.keychain.rest.CurrentKey;
import com.envoyx.invoice.ratelimit.model.Budget;
import com.envoyx.invoice.ratelimit.model.RateLimitOutcome;
import com.envoyx.invoice.ratelimit.service.RequestLimiter;

/**
 * Puts the key's budget on every response the chain let through or refused for its limit, and
 * hands an upload's charge back to the upload budget when the upload itself failed (the general
 * budget keeps it: a refused upload is still an answered request). The meaning of each header is in
 * the module README.
 */
class RateLimitHeaders {

    static final String LIMIT = "X-RateLimit-Limit";
    static final String REMAINING = "X-RateLimit-Remaining";
    static final String RESET = "X-RateLimit-Reset";
    static final String RATE_LIMIT = "RateLimit";
    static final String RATE_LIMIT_POLICY = "RateLimit-Policy";

    private final Clock clock;
    private final RequestLimiter limiter;

    RateLimitHeaders(Clock clock, RequestLimiter limiter) {
        this.clock = clock;
        this.limiter = limiter;
    }

    @ServerResponseFilter
    void addBudget(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(RateLimitOutcome.PROPERTY) instanceof RateLimitOutcome outcome)) {
            return;
        }
        write(outcome, response.getHeaders(), clock.instant().getEpochSecond());
        if (outcome.charged() && outcome.upload() && response.getStatus() >= 400) {
            limiter.refundUpload(CurrentKey.of(request), outcome);
        }
    }

    /** Writes the budget headers; {@code now} in epoch seconds. */
    static void write(RateLimitOutcome outcome, MultivaluedMap<String, Object> headers, long now) {
        Budget deciding = outcome.deciding();
        headers.putSingle(LIMIT, deciding.limit());
        headers.putSingle(REMAINING, deciding.remaining());
        headers.putSingle(RESET, deciding.resetAt());
        StringJoiner policies = new StringJoiner(", ");
        StringJoiner states = new StringJoiner(", ");
        for (Budget budget : outcome.budgets()) {
            policies.add("\"" + budget.policy() + "\";q=" + budget.limit() + ";w=" + budget.windowSeconds());
            states.add("\"" + budget.policy() + "\";r=" + budget.remaining() + ";t=" + Math.max(0, budget.resetAt() - now));
        }
        headers.putSingle(RATE_LIMIT_POLICY, policies.toString());
        headers.putSingle(RATE_LIMIT, states.toString());
    }
}
