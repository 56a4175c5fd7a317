package com.envoyx.invoice.ratelimit.service;

import java.time.Clock;
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
 * One rate-limit decision per request (the module README, "Rate limiting on this replica", says
 * which are taken here and why they stay exact). ratelimit-service unreachable: general requests fail open
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
    private final LocalRefusals refusals;
    private final SliceAllowance slices;
    private final RateLimitConfig config;
    private final Clock clock;
    private final Counter openAllowed;
    private final Counter openRefused;
    private final Counter closedRefused;

    RequestLimiter(RateLimitClient client, FallbackLimiter fallback, LocalRefusals refusals, SliceAllowance slices,
                   RateLimitConfig config, Clock clock, MeterRegistry meters) {
        this.client = client;
        this.fallback = fallback;
        this.refusals = refusals;
        this.slices = slices;
        this.config = config;
        this.clock = clock;
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

    /**
     * The decision for one request: a refusal this replica still remembers for the key, else a
     * unit of the key's local slice (large general limits, non-upload requests), else one Check.
     */
    public Uni<RateLimitOutcome> check(KeyPrincipal principal, boolean upload, UUID requestId) {
        RateLimitOutcome refused = refusals.refusal(principal.budgetId(), upload);
        if (refused != null) {
            return Uni.createFrom().item(refused);
        }
        int limit = generalLimit(principal);
        if (!upload && slices.applies(limit)) {
            return slices.admit(principal, limit)
                    .flatMap(outcome -> outcome != null ? Uni.createFrom().item(outcome) : checkRemotely(principal, false, requestId));
        }
        return checkRemotely(principal, upload, requestId);
    }

    /**
     * The 429 this replica can answer for the key without asking anyone, whatever the route: a
     * refusal of its general budget that still holds (every request needs that budget); null
     * otherwise. Counts nothing, so answering it early changes no limit.
     */
    public RateLimitOutcome knownRefusal(KeyPrincipal principal) {
        return refusals.refusal(principal.keyId(), false);
    }

    private Uni<RateLimitOutcome> checkRemotely(KeyPrincipal principal, boolean upload, UUID requestId) {
        long askedAt = clock.millis();
        return client.check(principal.token(), upload, requestId).onItem().invoke(outcome -> {
            if (!outcome.allowed() && !outcome.degraded()) {
                refusals.remember(principal.budgetId(), outcome.deciding(), askedAt);
            }
        }).onFailure().recoverWithUni(failure -> {
            LOG.warnf("ratelimit-service unavailable (%s): %s", failure.getClass().getSimpleName(), failure.getMessage());
            if (upload) {
                closedRefused.increment();
                return Uni.createFrom().failure(new ApiException(ErrorCode.SERVICE_UNAVAILABLE,
                        ErrorCode.SERVICE_UNAVAILABLE.message(), null, RETRY_UPLOAD_AFTER_SECONDS));
            }
            RateLimitOutcome outcome = fallback.check(principal.budgetId(), generalLimit(principal));
            (outcome.allowed() ? openAllowed : openRefused).increment();
            return Uni.createFrom().item(outcome);
        });
    }

    private int generalLimit(KeyPrincipal principal) {
        return principal.limits().requestsPerMinute().orElse(config.defaultRequestsPerMinute());
    }

    /**
     * Returns the upload budget of an upload that was refused after it was counted (only accepted
     * uploads count as uploads); the general charge stands, because every answered request costs
     * one. Best effort, never fails the response. The key may have upload budget again: this
     * replica's remembered refusal is dropped.
     */
    public void refundUpload(KeyPrincipal principal, RateLimitOutcome charge) {
        refusals.forget(principal.budgetId());
        client.refundUpload(principal.token(), charge.requestId(), charge.chargedAtUs()).subscribe().with(
                refunded -> LOG.debugf("Refund of %s: %s", charge.requestId(), refunded),
                failure -> LOG.warnf("Refund of %s failed: %s", charge.requestId(), failure.getMessage()));
    }

    /** A key of the budget changed (a key event): what this replica decided for the budget alone no longer holds. */
    public void forget(UUID budgetId) {
        refusals.forget(budgetId);
        slices.forget(budgetId);
    }

    /** Key events may have been missed (the subscription was down): forget every key's local state. */
    public void forgetAll() {
        refusals.forgetAll();
        slices.forgetAll();
    }
}
