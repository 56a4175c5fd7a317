package com.envoyx.invoice.ratelimit;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.envoyx.contracts.error.ErrorCode;
import com.envoyx.invoice.error.ApiException;
import com.envoyx.invoice.keychain.KeyPrincipal;

import io.smallrye.mutiny.Uni;

/**
 * One rate-limit decision per request. ratelimit-service unreachable: general requests fail open
 * onto the per-replica {@link FallbackLimiter}; uploads are refused with 503, because an upload
 * budget that every replica counts separately is no budget, and uploads are the expensive path.
 */
@ApplicationScoped
public class RequestLimiter {

    private static final Logger LOG = Logger.getLogger(RequestLimiter.class);

    private final RateLimitClient client;
    private final FallbackLimiter fallback;
    private final RateLimitConfig config;

    RequestLimiter(RateLimitClient client, FallbackLimiter fallback, RateLimitConfig config) {
        this.client = client;
        this.fallback = fallback;
        this.config = config;
    }

    public Uni<RateLimitOutcome> check(KeyPrincipal principal, boolean upload, UUID requestId) {
        return client.check(principal.token(), upload, requestId).onFailure().recoverWithUni(failure -> {
            LOG.warnf("ratelimit-service unavailable (%s): %s", failure.getClass().getSimpleName(), failure.getMessage());
            if (upload) {
                return Uni.createFrom().failure(new ApiException(ErrorCode.SERVICE_UNAVAILABLE));
            }
            int limit = principal.limits().requestsPerMinute().orElse(config.defaultRequestsPerMinute());
            return Uni.createFrom().item(fallback.check(principal.keyId(), limit));
        });
    }

    /** Returns a charge whose request was refused after it was counted; best effort, never fails the response. */
    public void refund(KeyPrincipal principal, UUID requestId) {
        client.refund(principal.token(), requestId).subscribe().with(
                refunded -> LOG.debugf("Refund of %s: %s", requestId, refunded),
                failure -> LOG.warnf("Refund of %s failed: %s", requestId, failure.getMessage()));
    }
}
