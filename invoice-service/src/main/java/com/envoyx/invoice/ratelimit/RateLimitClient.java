package com.envoyx.invoice.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

import com.envoyx.contracts.ratelimit.v1.CheckRequest;
import com.envoyx.contracts.ratelimit.v1.CheckResponse;
import com.envoyx.contracts.ratelimit.v1.Decision;
import com.envoyx.contracts.ratelimit.v1.Limit;
import com.envoyx.contracts.ratelimit.v1.MutinyRateLimiterGrpc;
import com.envoyx.contracts.ratelimit.v1.RefundRequest;

import io.quarkus.grpc.GrpcClient;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;

/**
 * The calls to ratelimit-service. Deadline per call from {@link RateLimitConfig#deadline()};
 * the breaker keeps a dead service from adding its deadline to every request.
 */
@ApplicationScoped
class RateLimitClient {

    private final MutinyRateLimiterGrpc.MutinyRateLimiterStub stub;
    private final long deadlineMillis;

    RateLimitClient(@GrpcClient("ratelimit") MutinyRateLimiterGrpc.MutinyRateLimiterStub stub, RateLimitConfig config) {
        this.stub = stub;
        this.deadlineMillis = config.deadline().toMillis();
    }

    @AsynchronousNonBlocking
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 2000, successThreshold = 2)
    Uni<RateLimitOutcome> check(String token, boolean upload, UUID requestId) {
        CheckRequest.Builder request = CheckRequest.newBuilder()
                .setToken(token)
                .addLimits(Limit.GENERAL_REQUESTS)
                .setCost(1)
                .setRequestId(requestId.toString());
        if (upload) {
            request.addLimits(Limit.INVOICE_UPLOADS);
        }
        return withDeadline().check(request.build()).map(response -> toOutcome(response, upload));
    }

    Uni<Boolean> refund(String token, UUID requestId) {
        return withDeadline().refund(RefundRequest.newBuilder().setToken(token).setRequestId(requestId.toString()).build())
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
