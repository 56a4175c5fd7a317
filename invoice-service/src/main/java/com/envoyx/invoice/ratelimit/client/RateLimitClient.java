package com.envoyx.invoice.ratelimit.client;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.envoyx.contracts.ratelimit.v1.CheckBatchRequest;
import com.envoyx.contracts.ratelimit.v1.CheckRequest;
import com.envoyx.contracts.ratelimit.v1.CheckResponse;
import com.envoyx.contracts.ratelimit.v1.Decision;
import com.envoyx.contracts.ratelimit.v1.Limit;
import com.envoyx.contracts.ratelimit.v1.MutinyRateLimiterGrpc;
import com.envoyx.contracts.ratelimit.v1.RefundRequest;
import com.envoyx.contracts.ratelimit.v1.ReleaseSliceRequest;
import com.envoyx.contracts.ratelimit.v1.ReserveBatchRequest;
import com.envoyx.contracts.ratelimit.v1.ReserveBatchResponse;
import com.envoyx.contracts.ratelimit.v1.ReserveOutcome;
import com.envoyx.contracts.ratelimit.v1.ReserveRequest;
import com.envoyx.contracts.ratelimit.v1.ReserveResponse;
import com.envoyx.contracts.ratelimit.v1.SliceRelease;
import com.envoyx.invoice.platform.BreakerConfig;
import com.envoyx.invoice.platform.CircuitBreaker;
import com.envoyx.invoice.platform.Deadlines;
import com.envoyx.invoice.ratelimit.config.RateLimitConfig;
import com.envoyx.invoice.ratelimit.model.Budget;
import com.envoyx.invoice.ratelimit.model.ClosedSlice;
import com.envoyx.invoice.ratelimit.model.RateLimitOutcome;
import com.envoyx.invoice.ratelimit.model.SliceAsk;
import com.envoyx.invoice.ratelimit.model.SliceGrant;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;

/**
 * The calls to ratelimit-service. Deadline per call from {@link RateLimitConfig#deadline()};
 * the breaker keeps a dead service from adding its deadline to every request. Checks travel in
 * batches ({@link CheckBatcher}); a ratelimit-service that does not know CheckBatch or Reserve yet
 * (UNIMPLEMENTED) is served unary Checks, as before those RPCs existed.
 */
@ApplicationScoped
public class RateLimitClient {

    private static final Logger LOG = Logger.getLogger(RateLimitClient.class);

    /**
     * How long unary Checks are used after CheckBatch answered UNIMPLEMENTED, before it is tried
     * again: an older ratelimit-service upgraded under a running replica is picked up within this.
     */
    private static final long UNIMPLEMENTED_RETRY_MILLIS = 60_000;

    private final MutinyRateLimiterGrpc.MutinyRateLimiterStub stub;
    private final long deadlineMillis;
    private final long safetyMarginNanos;
    private final CircuitBreaker breaker;
    private final Clock clock;
    private final CheckBatcher batcher;
    private volatile long batchUnimplementedUntil;
    private volatile long reserveBatchUnimplementedUntil;

    RateLimitClient(@GrpcClient("ratelimit") MutinyRateLimiterGrpc.MutinyRateLimiterStub stub, RateLimitConfig config,
                    BreakerConfig breakerConfig, Clock clock) {
        this.stub = stub;
        this.deadlineMillis = config.deadline().toMillis();
        this.safetyMarginNanos = config.sliceSafetyMargin().toNanos();
        this.breaker = new CircuitBreaker("ratelimit-service", breakerConfig, clock);
        this.clock = clock;
        this.batcher = new CheckBatcher(config.batchMaxSize(), this::send);
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
        return batcher.check(request.build()).map(response -> toOutcome(response, upload, requestId));
    }

    /**
     * Asks for a slice of the key's general limit, releasing the key's closed slices first. Empty
     * when this limit cannot be sliced here (FAILED_PRECONDITION: too small for the service;
     * UNIMPLEMENTED: a service without Reserve): the key then uses Check. Any other failure fails
     * the Uni, as a Check would.
     */
    public Uni<Optional<SliceGrant>> reserve(SliceAsk ask) {
        return breaker.call(() -> {
            // The slice's validity counts from the moment the request leaves, so read the clock first.
            long sentAt = System.nanoTime();
            return Deadlines.bound(withDeadline().reserve(toRequest(ask)), deadlineMillis)
                    .map(response -> Optional.of(toGrant(response, sentAt)))
                    .onFailure(RateLimitClient::notSliceable).recoverWithItem(Optional.empty());
        });
    }

    /**
     * Several keys' Reserves in one ReserveBatch, each answered as {@link #reserve} would answer
     * it, in order. A service without ReserveBatch gets them one by one.
     */
    public List<Uni<Optional<SliceGrant>>> reserveAll(List<SliceAsk> asks) {
        List<CompletableFuture<Optional<SliceGrant>>> answers = new ArrayList<>(asks.size());
        asks.forEach(ask -> answers.add(new CompletableFuture<>()));
        if (clock.millis() < reserveBatchUnimplementedUntil) {
            reserveEach(asks, answers);
        } else {
            ReserveBatchRequest.Builder request = ReserveBatchRequest.newBuilder();
            asks.forEach(ask -> request.addReserves(toRequest(ask)));
            long sentAt = System.nanoTime();
            breaker.call(() -> Deadlines.bound(withDeadline().reserveBatch(request.build()), deadlineMillis)
                            .onFailure(e -> is(e, Status.Code.UNIMPLEMENTED)).recoverWithNull())
                    .subscribe().with(response -> {
                        if (response == null) {
                            LOG.infof("ratelimit-service does not serve ReserveBatch; unary Reserves for %d s",
                                    UNIMPLEMENTED_RETRY_MILLIS / 1000);
                            reserveBatchUnimplementedUntil = clock.millis() + UNIMPLEMENTED_RETRY_MILLIS;
                            reserveEach(asks, answers);
                        } else {
                            answerEach(response, sentAt, answers);
                        }
                    }, failure -> answers.forEach(answer -> answer.completeExceptionally(failure)));
        }
        return answers.stream().map(answer -> Uni.createFrom().completionStage(answer)).toList();
    }

    private void reserveEach(List<SliceAsk> asks, List<CompletableFuture<Optional<SliceGrant>>> answers) {
        for (int i = 0; i < asks.size(); i++) {
            CompletableFuture<Optional<SliceGrant>> answer = answers.get(i);
            reserve(asks.get(i)).subscribe().with(answer::complete, answer::completeExceptionally);
        }
    }

    private void answerEach(ReserveBatchResponse response, long sentAt,
                            List<CompletableFuture<Optional<SliceGrant>>> answers) {
        if (response.getOutcomesCount() != answers.size()) {
            IllegalStateException mismatch = new IllegalStateException("ReserveBatch answered "
                    + response.getOutcomesCount() + " outcomes for " + answers.size() + " reserves");
            answers.forEach(answer -> answer.completeExceptionally(mismatch));
            return;
        }
        for (int i = 0; i < answers.size(); i++) {
            ReserveOutcome outcome = response.getOutcomes(i);
            CompletableFuture<Optional<SliceGrant>> answer = answers.get(i);
            if (outcome.hasResponse()) {
                answer.complete(Optional.of(toGrant(outcome.getResponse(), sentAt)));
            } else if (outcome.hasError()) {
                RuntimeException failure = CheckBatcher.asFailure(outcome.getError());
                if (notSliceable(failure)) {
                    answer.complete(Optional.empty());
                } else {
                    answer.completeExceptionally(failure);
                }
            } else {
                answer.completeExceptionally(new IllegalStateException("ReserveBatch answered an empty outcome"));
            }
        }
    }

    private static ReserveRequest toRequest(SliceAsk ask) {
        ReserveRequest.Builder request = ReserveRequest.newBuilder().setToken(ask.token())
                .setLimit(Limit.GENERAL_REQUESTS).setUnits(ask.units()).setSliceId(ask.sliceId());
        ask.releases().forEach(closed -> request.addReleases(SliceRelease.newBuilder()
                .setSliceId(closed.sliceId()).setUnused(closed.unused()).setUsed(closed.used())));
        return request.build();
    }

    private static boolean notSliceable(Throwable failure) {
        return is(failure, Status.Code.FAILED_PRECONDITION) || is(failure, Status.Code.UNIMPLEMENTED);
    }

    /** Hands back the unspent units of a closed slice and records the spent ones as usage. */
    public Uni<Boolean> releaseSlice(String token, ClosedSlice closed) {
        return Deadlines.bound(withDeadline().releaseSlice(ReleaseSliceRequest.newBuilder().setToken(token)
                        .setLimit(Limit.GENERAL_REQUESTS).setSliceId(closed.sliceId()).setUnused(closed.unused())
                        .setUsed(closed.used()).build()),
                deadlineMillis).map(response -> response.getReleased());
    }

    /** Gives the charge back to the upload budget only: the request it paid for still counts as one. */
    public Uni<Boolean> refundUpload(String token, UUID requestId, long chargedAtUs) {
        return Deadlines.bound(withDeadline().refund(RefundRequest.newBuilder().setToken(token)
                        .setRequestId(requestId.toString()).setChargedAtUs(chargedAtUs)
                        .addLimits(Limit.INVOICE_UPLOADS).build()), deadlineMillis)
                .map(response -> response.getRefunded());
    }

    private void send(List<CheckBatcher.Pending> batch) {
        if (clock.millis() < batchUnimplementedUntil) {
            batch.forEach(this::sendAlone);
            return;
        }
        CheckBatchRequest.Builder request = CheckBatchRequest.newBuilder();
        batch.forEach(pending -> request.addChecks(pending.request()));
        // UNIMPLEMENTED is an answer, not an outage: the breaker records it as a success.
        breaker.call(() -> Deadlines.bound(withDeadline().checkBatch(request.build()), deadlineMillis)
                        .onFailure(e -> is(e, Status.Code.UNIMPLEMENTED)).recoverWithNull())
                .subscribe().with(response -> {
                    if (response == null) {
                        LOG.infof("ratelimit-service does not serve CheckBatch; unary Checks for %d s",
                                UNIMPLEMENTED_RETRY_MILLIS / 1000);
                        batchUnimplementedUntil = clock.millis() + UNIMPLEMENTED_RETRY_MILLIS;
                        batch.forEach(this::sendAlone);
                    } else {
                        CheckBatcher.answer(batch, response);
                    }
                }, failure -> batch.forEach(pending -> pending.answer().fail(failure)));
    }

    private void sendAlone(CheckBatcher.Pending pending) {
        breaker.call(() -> Deadlines.bound(withDeadline().check(pending.request()), deadlineMillis))
                .subscribe().with(pending.answer()::complete, pending.answer()::fail);
    }

    private MutinyRateLimiterGrpc.MutinyRateLimiterStub withDeadline() {
        return stub.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }

    private static boolean is(Throwable failure, Status.Code code) {
        return failure instanceof StatusRuntimeException grpc && grpc.getStatus().getCode() == code;
    }

    private SliceGrant toGrant(ReserveResponse response, long sentAt) {
        long validFor = TimeUnit.MILLISECONDS.toNanos(response.getValidForMs());
        return new SliceGrant(response.getSliceId(), response.getGranted(), sentAt + validFor - safetyMarginNanos,
                validFor, toBudget(response.getDecision()), response.getDegraded());
    }

    private static RateLimitOutcome toOutcome(CheckResponse response, boolean upload, UUID requestId) {
        List<Budget> budgets = new ArrayList<>(response.getDecisionsCount());
        for (Decision decision : response.getDecisionsList()) {
            budgets.add(toBudget(decision));
        }
        Budget deciding = response.hasDeciding() ? toBudget(response.getDeciding()) : budgets.get(0);
        return new RateLimitOutcome(response.getAllowed(), deciding, List.copyOf(budgets), response.getDegraded(),
                response.getAllowed(), upload, requestId, response.getChargedAtUs());
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
