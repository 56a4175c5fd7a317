package com.envoyx.ratelimit.decision.grpc;

import java.util.List;
import java.util.function.Function;

import com.envoyx.contracts.ratelimit.v1.AcquireLeaseRequest;
import com.envoyx.contracts.ratelimit.v1.CheckBatchRequest;
import com.envoyx.contracts.ratelimit.v1.CheckBatchResponse;
import com.envoyx.contracts.ratelimit.v1.CheckRequest;
import com.envoyx.contracts.ratelimit.v1.CheckResponse;
import com.envoyx.contracts.ratelimit.v1.LeaseResponse;
import com.envoyx.contracts.ratelimit.v1.RateLimiter;
import com.envoyx.contracts.ratelimit.v1.RefundRequest;
import com.envoyx.contracts.ratelimit.v1.RefundResponse;
import com.envoyx.contracts.ratelimit.v1.ReleaseLeaseRequest;
import com.envoyx.contracts.ratelimit.v1.ReleaseLeaseResponse;
import com.envoyx.contracts.ratelimit.v1.ReleaseSliceRequest;
import com.envoyx.contracts.ratelimit.v1.ReleaseSliceResponse;
import com.envoyx.contracts.ratelimit.v1.RenewLeaseRequest;
import com.envoyx.contracts.ratelimit.v1.ReserveBatchRequest;
import com.envoyx.contracts.ratelimit.v1.ReserveBatchResponse;
import com.envoyx.contracts.ratelimit.v1.ReserveRequest;
import com.envoyx.contracts.ratelimit.v1.ReserveResponse;
import com.envoyx.contracts.ratelimit.v1.UsageRequest;
import com.envoyx.contracts.ratelimit.v1.UsageResponse;
import com.envoyx.ratelimit.decision.service.RateLimitService;
import com.envoyx.ratelimit.error.ErrorMapping;
import com.envoyx.ratelimit.token.model.Caller;
import com.envoyx.ratelimit.token.service.TokenVerifier;

import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;

/** The internal gRPC API (contracts rate_limiter.proto): verify the token, decide, map. */
@GrpcService
public class RateLimiterGrpcService implements RateLimiter {

    /** Entries of one CheckBatch or ReserveBatch: a caller's batch is one event loop's or one tick's worth, far below this. */
    private static final int MAX_BATCH = 1000;

    private final TokenVerifier tokens;
    private final RateLimitService service;

    RateLimiterGrpcService(TokenVerifier tokens, RateLimitService service) {
        this.tokens = tokens;
        this.service = service;
    }

    @Override
    public Uni<CheckResponse> check(CheckRequest request) {
        return as(request.getToken(), caller -> service
                .check(caller, ProtoMapping.limits(request.getLimitsList()), request.getCost(), request.getRequestId())
                .map(ProtoMapping::checkResponse));
    }

    /**
     * Every check subscribed in this one task, so that {@code CheckBatcher} sends them to Redis in
     * one script call; each outcome is what its unary Check would have answered.
     */
    @Override
    public Uni<CheckBatchResponse> checkBatch(CheckBatchRequest request) {
        return each(request.getChecksList(), "checks",
                check -> check(check).onItemOrFailure().transform(ProtoMapping::outcome),
                all -> CheckBatchResponse.newBuilder().addAllOutcomes(all).build());
    }

    @Override
    public Uni<ReserveResponse> reserve(ReserveRequest request) {
        return as(request.getToken(), caller -> service
                .reserve(caller, ProtoMapping.limit(request.getLimit()), request.getUnits(), request.getSliceId(),
                        ProtoMapping.releases(request.getReleasesList()))
                .map(ProtoMapping::reserveResponse));
    }

    /** Every reserve of the batch at once; each outcome is what its unary Reserve would have answered. */
    @Override
    public Uni<ReserveBatchResponse> reserveBatch(ReserveBatchRequest request) {
        return each(request.getReservesList(), "reserves",
                reserve -> reserve(reserve).onItemOrFailure().transform(ProtoMapping::outcome),
                all -> ReserveBatchResponse.newBuilder().addAllOutcomes(all).build());
    }

    @Override
    public Uni<ReleaseSliceResponse> releaseSlice(ReleaseSliceRequest request) {
        return as(request.getToken(), caller -> service
                .releaseSlice(caller, ProtoMapping.limit(request.getLimit()), request.getSliceId(), request.getUnused(),
                        request.getUsed())
                .map(released -> ReleaseSliceResponse.newBuilder().setReleased(released).build()));
    }

    @Override
    public Uni<LeaseResponse> acquireLease(AcquireLeaseRequest request) {
        return as(request.getToken(), caller -> service
                .acquire(caller, ProtoMapping.limit(request.getLimit()), request.getLeaseId())
                .map(ProtoMapping::leaseResponse));
    }

    @Override
    public Uni<LeaseResponse> renewLease(RenewLeaseRequest request) {
        return as(request.getToken(), caller -> service
                .renew(caller, ProtoMapping.limit(request.getLimit()), request.getLeaseId())
                .map(ProtoMapping::leaseResponse));
    }

    @Override
    public Uni<ReleaseLeaseResponse> releaseLease(ReleaseLeaseRequest request) {
        return as(request.getToken(), caller -> service
                .release(caller, ProtoMapping.limit(request.getLimit()), request.getLeaseId())
                .map(ProtoMapping::releaseResponse));
    }

    @Override
    public Uni<RefundResponse> refund(RefundRequest request) {
        return as(request.getToken(), caller -> service.refund(caller, request.getRequestId(), request.getChargedAtUs(),
                ProtoMapping.limits(request.getLimitsList()))
                .map(refunded -> RefundResponse.newBuilder().setRefunded(refunded).build()));
    }

    @Override
    public Uni<UsageResponse> getUsage(UsageRequest request) {
        return as(request.getToken(), caller -> service.usage(caller, request.getKeyId())
                .map(ProtoMapping::usageResponse));
    }

    /** A batch: every entry decided at once, each outcome in request order, at most MAX_BATCH entries. */
    private static <E, O, B> Uni<B> each(List<E> entries, String what, Function<E, Uni<O>> decide,
                                         Function<List<O>, B> answer) {
        if (entries.size() > MAX_BATCH) {
            return Uni.createFrom().failure(Status.INVALID_ARGUMENT
                    .withDescription("A batch holds at most " + MAX_BATCH + " " + what + ".").asRuntimeException());
        }
        if (entries.isEmpty()) {
            return Uni.createFrom().item(answer.apply(List.of()));
        }
        return Uni.join().all(entries.stream().map(decide).toList()).andFailFast().map(answer);
    }

    private <T> Uni<T> as(String token, Function<Caller, Uni<? extends T>> call) {
        return tokens.verify(token).<T>flatMap(call::apply).onFailure().transform(ErrorMapping::toStatus);
    }
}
