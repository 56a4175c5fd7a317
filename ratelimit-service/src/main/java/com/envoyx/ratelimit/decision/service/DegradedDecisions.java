package com.envoyx.ratelimit.decision.service;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.envoyx.ratelimit.decision.config.DegradedConfig;
import com.envoyx.ratelimit.decision.config.LeaseConfig;
import com.envoyx.ratelimit.decision.config.LimitsConfig;
import com.envoyx.ratelimit.decision.model.CheckResult;
import com.envoyx.ratelimit.decision.model.FailureMode;
import com.envoyx.ratelimit.decision.model.LeaseResult;
import com.envoyx.ratelimit.decision.model.LimitName;
import com.envoyx.ratelimit.decision.model.WindowLimit;
import com.envoyx.ratelimit.error.RateLimitException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Decides while Redis cannot be asked, limit by limit, by its failure mode: {@code open} limits
 * are counted by this replica alone ({@link ReplicaLimiter}); a {@code closed} limit refuses the
 * whole call with a retryable SERVICE_UNAVAILABLE. Every such decision is counted in
 * {@code envoyx_ratelimit_degraded_decisions_total{limit,mode,outcome}}.
 */
@ApplicationScoped
public class DegradedDecisions {

    private static final Logger LOG = Logger.getLogger(DegradedDecisions.class);

    private final DegradedConfig config;
    private final MeterRegistry metrics;
    private final ReplicaLimiter replica;

    DegradedDecisions(DegradedConfig config, LimitsConfig limits, LeaseConfig leases, MeterRegistry metrics, Clock clock) {
        this.config = config;
        this.metrics = metrics;
        Duration idleAfter = max(max(limits.generalWindow(), limits.uploadWindow()), leases.ttl());
        this.replica = new ReplicaLimiter(clock, config.maxKeys(), idleAfter);
    }

    public CheckResult check(String keyId, List<WindowLimit> limits, int cost, String requestId) {
        LimitName closed = limits.stream().map(WindowLimit::name)
                .filter(name -> mode(name) == FailureMode.CLOSED).findFirst().orElse(null);
        if (closed != null) {
            limits.forEach(limit -> count(limit.name(), false));
            throw unavailable(closed);
        }
        CheckResult result = CheckResult.of(replica.check(keyId, limits, cost), true, requestId, 0);
        limits.forEach(limit -> count(limit.name(), result.allowed()));
        return result;
    }

    public LeaseResult acquire(String keyId, LimitName limit, String leaseId, long max, Duration ttl) {
        requireOpen(limit);
        LeaseResult result = replica.acquire(keyId, leaseId, max, ttl);
        count(limit, result.granted());
        return result;
    }

    public LeaseResult renew(String keyId, LimitName limit, String leaseId, long max, Duration ttl) {
        requireOpen(limit);
        LeaseResult result = replica.renew(keyId, leaseId, max, ttl);
        count(limit, result.granted());
        return result;
    }

    public boolean release(String keyId, LimitName limit, String leaseId) {
        requireOpen(limit);
        return replica.release(keyId, leaseId);
    }

    private void requireOpen(LimitName limit) {
        if (mode(limit) == FailureMode.CLOSED) {
            count(limit, false);
            throw unavailable(limit);
        }
    }

    private RateLimitException unavailable(LimitName limit) {
        LOG.debugf("Redis unavailable: %s fails closed", limit);
        return RateLimitException.unavailable(
                "Rate limits cannot be checked right now (" + limit.jsonName() + " fails closed); retry shortly.",
                Math.max(1, config.retryAfter().toSeconds()));
    }

    private FailureMode mode(LimitName limit) {
        return switch (limit) {
            case GENERAL_REQUESTS -> config.generalRequests();
            case INVOICE_UPLOADS -> config.invoiceUploads();
            case WEBSOCKET_CONNECTIONS -> config.websocketConnections();
        };
    }

    private void count(LimitName limit, boolean allowed) {
        Counter.builder("envoyx.ratelimit.degraded.decisions")
                .description("Decisions taken without Redis, by the limit's failure mode")
                .tag("limit", limit.jsonName())
                .tag("mode", mode(limit).name().toLowerCase(Locale.ROOT))
                .tag("outcome", allowed ? "allowed" : "denied")
                .register(metrics)
                .increment();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
