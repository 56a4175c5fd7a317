package com.envoyx.invoice.ratelimit.rest;

import java.time.Clock;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.envoyx.invoice.keychain.rest.CurrentKey;
import com.envoyx.invoice.ratelimit.model.RateLimitOutcome;
import com.envoyx.invoice.ratelimit.service.RequestLimiter;

/**
 * Puts the key's budget on every response the chain let through or refused for its limit, and
 * hands an upload's charge back to the upload budget when the upload itself failed (the general
 * budget keeps it: a refused upload is still an answered request). The headers are
 * {@link RateLimitOutcome#writeHeaders}; their meaning is in the module README.
 */
class RateLimitHeaders {

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
        outcome.writeHeaders(response.getHeaders()::putSingle, clock.instant().getEpochSecond());
        if (outcome.charged() && outcome.upload() && response.getStatus() >= 400) {
            limiter.refundUpload(CurrentKey.of(request), outcome);
        }
    }
}
