package com.envoyx.ratelimit.decision.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.contracts.error.ErrorCode;
import com.envoyx.ratelimit.decision.model.CheckResult;
import com.envoyx.ratelimit.decision.model.LeaseResult;
import com.envoyx.ratelimit.decision.model.LimitDecision;
import com.envoyx.ratelimit.decision.model.LimitName;
import com.envoyx.ratelimit.decision.model.ReleaseResult;
import com.envoyx.ratelimit.decision.model.SliceGrant;
import com.envoyx.ratelimit.decision.model.SliceRelease;
import com.envoyx.ratelimit.decision.model.UsageReport;
import com.envoyx.ratelimit.decision.model.WindowLimit;
import com.envoyx.ratelimit.decision.repository.LeaseRegistry;
import com.envoyx.ratelimit.decision.repository.SlidingWindowLimiter;
import com.envoyx.ratelimit.decision.repository.UsageReader;
import com.envoyx.ratelimit.error.Outages;
import com.envoyx.ratelimit.error.RateLimitException;
import com.envoyx.ratelimit.token.model.Caller;
import com.envoyx.ratelimit.token.model.KeyIds;

import io.smallrye.mutiny.Uni;

/**
 * Every operation of the service, once, for gRPC and REST alike: validates the request, applies
 * the caller's limits and asks Redis; when Redis cannot answer, checks and leases fall back to
 * their failure modes, while refunds and usage answer SERVICE_UNAVAILABLE.
 */
@ApplicationScoped
public class RateLimitService {

    /** Request and lease ids become parts of Redis keys and members: no braces, spaces or '#'. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    /** The service allowed to read any key's usage (for the dashboard). */
    private static final String USAGE_READER_SERVICE = "auth-service";

    private final LimitPolicy policy;
    private final SlidingWindowLimiter windows;
    private final LeaseRegistry leases;
    private final UsageReader usage;
    private final DegradedDecisions degraded;

    RateLimitService(LimitPolicy policy, SlidingWindowLimiter windows, LeaseRegistry leases, UsageReader usage,
            DegradedDecisions degraded) {
        this.policy = policy;
        this.windows = windows;
        this.leases = leases;
        this.usage = usage;
        this.degraded = degraded;
    }

    public Uni<CheckResult> check(Caller caller, List<LimitName> requested, int requestedCost, String requestedId) {
        String keyId = keyOf(caller);
        List<WindowLimit> limits = rollingLimits(caller, requested);
        int cost = requestedCost == 0 ? 1 : requestedCost;
        if (cost < 1 || cost > policy.maxCost()) {
            throw invalid("cost must be between 1 and " + policy.maxCost() + ".");
        }
        for (WindowLimit limit : limits) {
            if (cost > limit.max()) {
                throw invalid("cost " + cost + " can never fit " + limit.name().jsonName() + " of " + limit.max() + ".");
            }
        }
        String requestId = idOrNew(requestedId, "request_id");
        return orDegraded(windows.check(keyId, limits, cost, requestId),
                () -> degraded.check(keyId, limits, cost, requestId));
    }

    public Uni<LeaseResult> acquire(Caller caller, LimitName limit, String requestedLeaseId) {
        String keyId = keyOf(caller);
        long max = concurrency(caller, limit);
        String leaseId = idOrNew(requestedLeaseId, "lease_id");
        Duration ttl = policy.leaseTtl();
        return orDegraded(leases.acquire(keyId, limit, leaseId, max, ttl),
                () -> degraded.acquire(keyId, limit, leaseId, max, ttl));
    }

    public Uni<LeaseResult> renew(Caller caller, LimitName limit, String leaseId) {
        String keyId = keyOf(caller);
        long max = concurrency(caller, limit);
        requireId(leaseId, "lease_id");
        Duration ttl = policy.leaseTtl();
        return orDegraded(leases.renew(keyId, limit, leaseId, max, ttl),
                () -> degraded.renew(keyId, limit, leaseId, max, ttl));
    }

    public Uni<ReleaseResult> release(Caller caller, LimitName limit, String leaseId) {
        String keyId = keyOf(caller);
        concurrency(caller, limit);
        requireId(leaseId, "lease_id");
        return orDegraded(leases.release(keyId, limit, leaseId).map(released -> new ReleaseResult(released, false)),
                () -> new ReleaseResult(degraded.release(keyId, limit, leaseId), true));
    }

    /**
     * {@code chargedAtUs}: the charge's {@code CheckResult.chargedAtUs}, needed for bucketed limits
     * (0 = unknown). {@code only}: the limits to give it back to; empty means every rolling limit.
     */
    public Uni<Boolean> refund(Caller caller, String requestId, long chargedAtUs, List<LimitName> only) {
        String keyId = keyOf(caller);
        requireId(requestId, "request_id");
        List<WindowLimit> limits = policy.rollingWindows(caller).stream()
                .filter(limit -> only.isEmpty() || only.contains(limit.name()))
                .toList();
        if (limits.isEmpty()) {
            throw invalid("limits of a refund must be rolling limits.");
        }
        return windows.refund(keyId, requestId, chargedAtUs, limits);
    }

    /**
     * A slice of a bucketed limit: at most the policy's largest slice and what the window has left.
     * Exact-log limits are refused (FAILED_PRECONDITION): they stay exact per request. Redis away
     * grants nothing and says degraded, so the caller decides per request through Check. The
     * caller's closed slices of the same limit ({@code releases}) are released first, so their
     * unused units count for this grant; a release that fails leaves its units to age out with
     * the window, as a failed ReleaseSlice does.
     */
    public Uni<SliceGrant> reserve(Caller caller, LimitName name, long units, String requestedSliceId,
                                   List<SliceRelease> releases) {
        String keyId = keyOf(caller);
        WindowLimit limit = rolling(caller, name);
        if (!limit.bucketed()) {
            throw new RateLimitException(ErrorCode.INVALID_STATUS_TRANSITION, name.jsonName() + " of " + limit.max()
                    + " is kept exact per request and cannot be sliced; use Check.");
        }
        if (units < 1) {
            throw invalid("units must be at least 1.");
        }
        String sliceId = idOrNew(requestedSliceId, "slice_id");
        releases.forEach(RateLimitService::requireValid);
        Duration validity = policy.sliceValidity();
        Supplier<Uni<SliceGrant>> grant = () -> orDegraded(
                windows.reserve(keyId, limit, units, policy.largestSlice(limit), validity.toNanos() / 1000, sliceId),
                () -> new SliceGrant(0, 0, sliceId, new LimitDecision(name, false, limit.max(), limit.windowSeconds(),
                        0, 0, 0), true));
        if (releases.isEmpty()) {
            return grant.get();
        }
        List<Uni<Boolean>> released = releases.stream()
                .map(release -> windows.release(keyId, limit, release.sliceId(), release.unused(), release.used())
                        .onFailure().recoverWithItem(false))
                .toList();
        return Uni.join().all(released).andFailFast().chain(ignored -> grant.get());
    }

    /** Ends a slice (idempotent); like a refund it has no failure mode. */
    public Uni<Boolean> releaseSlice(Caller caller, LimitName name, String sliceId, long unused, long used) {
        String keyId = keyOf(caller);
        WindowLimit limit = rolling(caller, name);
        SliceRelease release = new SliceRelease(sliceId, unused, used);
        requireValid(release);
        return windows.release(keyId, limit, sliceId, unused, used);
    }

    private static void requireValid(SliceRelease release) {
        requireId(release.sliceId(), "slice_id");
        if (release.unused() < 0 || release.used() < 0) {
            throw invalid("unused and used must not be negative.");
        }
    }

    /**
     * A key reads its own usage (its budget's, shared with the rest of its rotation chain);
     * auth-service reads any budget's by its id. An empty key id means the caller's own key.
     */
    public Uni<UsageReport> usage(Caller caller, String requestedKeyId) {
        String keyId;
        if (caller.isService()) {
            if (!USAGE_READER_SERVICE.equals(caller.service())) {
                throw new RateLimitException(ErrorCode.FORBIDDEN, "Only auth-service may read another key's usage.");
            }
            keyId = requestedKeyId;
        } else {
            boolean own = requestedKeyId == null || requestedKeyId.isBlank()
                    || requestedKeyId.equalsIgnoreCase(caller.keyId()) || requestedKeyId.equalsIgnoreCase(caller.budgetId());
            if (!own) {
                throw new RateLimitException(ErrorCode.FORBIDDEN, "A key may read only its own usage.");
            }
            keyId = caller.budgetId();
        }
        if (!KeyIds.isKeyId(keyId)) {
            throw invalid("key_id must be an API key id (UUID).");
        }
        return usage.usage(keyId.toLowerCase(Locale.ROOT));
    }

    private static <T> Uni<T> orDegraded(Uni<T> exact, Supplier<T> fallback) {
        return exact.onFailure(Outages::isOutage)
                .recoverWithUni(() -> Uni.createFrom().item(fallback));
    }

    private List<WindowLimit> rollingLimits(Caller caller, List<LimitName> requested) {
        Set<LimitName> distinct = new LinkedHashSet<>(requested);
        if (distinct.isEmpty()) {
            throw invalid("limits must name at least one rolling limit (general_requests, invoice_uploads).");
        }
        List<WindowLimit> limits = new ArrayList<>(distinct.size());
        for (LimitName name : distinct) {
            if (name == null || !name.rolling()) {
                throw invalid("Check applies to rolling limits only (general_requests, invoice_uploads); "
                        + "websocket_connections is held with leases.");
            }
            limits.add(policy.window(caller, name));
        }
        return limits;
    }

    private WindowLimit rolling(Caller caller, LimitName name) {
        if (name == null || !name.rolling()) {
            throw invalid("Slices apply to rolling limits only (general_requests, invoice_uploads).");
        }
        return policy.window(caller, name);
    }

    private long concurrency(Caller caller, LimitName limit) {
        if (limit != LimitName.WEBSOCKET_CONNECTIONS) {
            throw invalid("Leases apply to websocket_connections only.");
        }
        return policy.concurrency(caller, limit);
    }

    /** Where a key's counters live: its budget, shared along its rotation chain. */
    private static String keyOf(Caller caller) {
        if (caller.isService()) {
            throw new RateLimitException(ErrorCode.FORBIDDEN, "A service token owns no budget; call with the key's token.");
        }
        return caller.budgetId();
    }

    private static String idOrNew(String id, String field) {
        if (id == null || id.isEmpty()) {
            return UUID.randomUUID().toString();
        }
        requireId(id, field);
        return id;
    }

    private static void requireId(String id, String field) {
        if (id == null || !ID.matcher(id).matches()) {
            throw invalid(field + " must be 1 to 128 characters of A-Z a-z 0-9 . _ : -");
        }
    }

    private static RateLimitException invalid(String message) {
        return new RateLimitException(ErrorCode.VALIDATION_ERROR, message);
    }
}
