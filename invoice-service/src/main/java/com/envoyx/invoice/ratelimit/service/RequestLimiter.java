package com.envoyx.invoice.ratelimit.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.envoyx.contracts.error.ErrorCode;
import com.envoyx.invoice.error.ApiException;
import com.envoyx.invoice.keychain.model.KeyPrincipal;
import com.envoyx.invoice.ratelimit.client.RateLimitClient;
import com.envoyx.invoice.ratelimit.config.RateLimitConfig;
import com.envoyx.invoice.ratelimit.model.RateLimitOutcome;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * One rate-limit decision per request. ratelimit-service unreachable: general requests fail open
 * onto the per-replica {@link FallbackLimiter}; uploads are refused with 503, because an upload
 * budget that every replica counts separately is no budget, and uploads are the expensive path.
 * Every decision taken without ratelimit-service is counted in
 * {@code envoyx_ratelimit_degraded_decisions_total{mode, outcome}}, so an outage shows on a
 * dashboard before customers report it. Created at start, so the counters are exported at zero
 * before the first outage.
 */
@Startup
@ApplicationScoped
public class RequestLimiter {

    private static final Logger LOG = Logger.getLogger(RequestLimiter.class);

    private static final String DEGRADED = "envoyx.ratelimit.degraded.decisions";
    /** ratelimit-service's own advice for a closed limit (its README): an upload is safe to retry soon. */
    private static final long RETRY_UPLOAD_AFTER_SECONDS = 1;

    private final RateLimitClient client;
    private final FallbackLimiter fallback;
    private final RateLimitConfig config;
    private final Counter openAllowed;
    private final Counter openRefused;
    private final Counter closedRefused;

    RequestLimiter(RateLimitClient client, FallbackLimiter fallback, RateLimitConfig config, MeterRegistry meters) {
        this.client = client;
        this.fallback = fallback;
        this.config = config;
        this.openAllowed = degraded(meters, "fail_open", "allowed");
        this.openRefused = degraded(meters, "fail_open", "refused");
        this.closedRefused = degraded(meters, "fail_closed", "refused");
    }

    private static Counter degraded(MeterRegistry meters, String mode, String outcome) {
        return Counter.builder(DEGRADED)
                .description("Rate-limit decisions taken without ratelimit-service (local window or refusal)")
                .tag("mode", mode).tag("outcome", outcome)
                .register(meters);
    }

    public Uni<RateLimitOutcome> check(KeyPrincipal principal, boolean upload, UUID requestId) {
        return client.check(principal.token(), upload, requestId).onFailure().recoverWithUni(failure -> {
            LOG.warnf("ratelimit-service unavailable (%s): %s", failure.getClass().getSimpleName(), failure.getMessage());
            if (upload) {
                closedRefused.increment();
                return Uni.createFrom().failure(new ApiException(ErrorCode.SERVICE_UNAVAILABLE,
                        ErrorCode.SERVICE_UNAVAILABLE.message(), null, RETRY_UPLOAD_AFTER_SECONDS));
            }
            int limit = principal.limits().requestsPerMinute().orElse(config.defaultRequestsPerMinute());
            RateLimitOutcome outcome = fallback.check(principal.keyId(), limit);
            (outcome.allowed() ? openAllowed : openRefused).increment();
            return Uni.createFrom().item(outcome);
        });
    }

    /** Returns a charge whose request was refused after it was counted; best effort, never fails the response. */
    public void refund(KeyPrincipal principal, UUID requestId) {
        client.refund(principal.token(), requestId).subscribe().with(
                refunded -> LOG.debugf("Refund of %s: %s", requestId, refunded),
                failure -> LOG.warnf("Refund of %s failed: %s", requestId, failure.getMessage()));
    }
}
