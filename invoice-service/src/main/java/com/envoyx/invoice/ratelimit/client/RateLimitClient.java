package com.envoyx.invoice.ratelimit.client;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.contracts.ratelimit.v1.CheckRequest;
import com.envoyx.contracts.ratelimit.v1.CheckResponse;
import com.envoyx.contracts.ratelimit.v1.Decision;
import com.envoyx.contracts.ratelimit.v1.Limit;
import com.envoyx.contracts.ratelimit.v1.MutinyRateLimiterGrpc;
import com.envoyx.contracts.ratelimit.v1.RefundRequest;
import com.envoyx.invoice.platform.BreakerConfig;
import com.envoyx.invoice.platform.CircuitBreaker;
import com.envoyx.invoice.platform.Deadlines;
import com.envoyx.invoice.ratelimit.config.RateLimitConfig;
import com.envoyx.invoice.ratelimit.model.Budget;
import com.envoyx.invoice.ratelimit.model.RateLimitOutcome;

import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;

/**
 * The calls to ratelimit-service. Deadline per call from {@link RateLimitConfig#deadline()};
 * the breaker keeps a dead service from adding its deadline to every request.
 */
@ApplicationScoped
public class RateLimitClient {

    private final MutinyRateLimiterGrpc.MutinyRateLimiterStub stub;
    private final long deadlineMillis;
    private final CircuitBreaker breaker;

    RateLimitClient(@GrpcClient("ratelimit") MutinyRateLimiterGrpc.MutinyRateLimiterStub stub, RateLimitConfig config,
                    BreakerConfig breakerConfig, Clock clock) {
        this.stub = stub;
        this.deadlineMillis = config.deadline().toMillis();
        this.breaker = new CircuitBreaker("ratelimit-service", breakerConfig, clock);
    }

    public Uni<RateLimitOutcome> check(String token, boolean upload, UUID requestId) {
        CheckRequest.Builder request = CheckRequest.newBuilder()
                .setToken(token)
                .addLimits(Limit.GENERAL_REQUESTS)
                .setCost(1)
                .setRequestId(requestId.toString());
        if (upload) {
            request.addLimits(Limit.INVOICE_UPLOADS);
        }
        return breaker.call(() -> Deadlines.bound(withDeadline().check(request.build()), deadlineMillis))
                .map(response -> toOutcome(response, upload));
    }

    public Uni<Boolean> refund(String token, UUID requestId) {
        return Deadlines.bound(withDeadline().refund(
                        RefundRequest.newBuilder().setToken(token).setRequestId(requestId.toString()).build()), deadlineMillis)
                .map(response -> response.getRefunded());
    }

    private MutinyRateLimiterGrpc.MutinyRateLimiterStub withDeadline() {
        return stub.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }

    private static RateLimitOutcome toOutcome(CheckResponse response, boolean upload) {
        List<Budget> budgets = new ArrayList<>(response.getDecisionsCount());
        for (Decision decision : response.getDecisionsList()) {
            budgets.add(toBudget(decision));
        }
        Budget deciding = response.hasDeciding() ? toBudget(response.getDeciding()) : budgets.get(0);
        return new RateLimitOutcome(response.getAllowed(), deciding, List.copyOf(budgets), response.getDegraded(),
                response.getAllowed(), upload);
    }

    private static Budget toBudget(Decision decision) {
        // protoc renames the accessors of `limit` and `limit_value`, whose default names collide.
        return new Budget(policyName(decision.getLimit1()), decision.getLimitValue3(), decision.getWindowSeconds(),
                decision.getRemaining(), decision.getResetAt(), decision.getRetryAfterSeconds(), decision.getAllowed());
    }

    static String policyName(Limit limit) {
        return switch (limit) {
            case INVOICE_UPLOADS -> "uploads";
            case WEBSOCKET_CONNECTIONS -> "websockets";
            default -> "general";
        };
    }
}
