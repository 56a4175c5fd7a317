package com.envoyx.invoice.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.envoyx.contracts.ratelimit.v1.CheckBatchRequest;
import com.envoyx.contracts.ratelimit.v1.CheckError;
import com.envoyx.contracts.ratelimit.v1.CheckBatchResponse;
import com.envoyx.contracts.ratelimit.v1.CheckOutcome;
import com.envoyx.contracts.ratelimit.v1.CheckRequest;
import com.envoyx.contracts.ratelimit.v1.CheckResponse;
import com.envoyx.contracts.ratelimit.v1.Decision;
import com.envoyx.contracts.ratelimit.v1.Limit;
import com.envoyx.contracts.ratelimit.v1.RateLimiterGrpc;
import com.envoyx.contracts.ratelimit.v1.RefundRequest;
import com.envoyx.contracts.ratelimit.v1.RefundResponse;
import com.envoyx.contracts.ratelimit.v1.ReleaseSliceRequest;
import com.envoyx.contracts.ratelimit.v1.ReleaseSliceResponse;
import com.envoyx.contracts.ratelimit.v1.ReserveBatchRequest;
import com.envoyx.contracts.ratelimit.v1.ReserveBatchResponse;
import com.envoyx.contracts.ratelimit.v1.ReserveOutcome;
import com.envoyx.contracts.ratelimit.v1.ReserveRequest;
import com.envoyx.contracts.ratelimit.v1.ReserveResponse;
import com.envoyx.contracts.token.InternalTokenClaims;
import com.envoyx.contracts.token.KeyLimitsClaim;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServiceBridge;

/**
 * A ratelimit-service of the test's own, answering the RateLimiter contract (Check, CheckBatch,
 * Reserve, ReleaseSlice, Refund) from memory, for what the real one cannot answer yet or cannot
 * be made to show: how decisions arrive (batched or not), the slices handed out and given back,
 * and a service older than CheckBatch and Reserve ({@link #answerUnimplemented}). A real gRPC
 * peer on a port of its own; its budgets are exact and never refill (one window longer than any
 * test), so whatever a test counts as admitted can be compared with the limit directly. The key
 * and its limits are read from the token's claims, as the real service does (without verifying
 * the signature: invoice-service verified it already).
 */
public final class ContractRateLimiter implements AutoCloseable {

    /** The share of a limit one slice may hold, as ratelimit-service's default. */
    public static final double SLICE_SHARE = 0.02;
    /** Limits up to this are kept exactly per request: Reserve answers FAILED_PRECONDITION. */
    public static final long EXACT_LOG_MAX = 1000;
    private static final long WINDOW_SECONDS = 60;
    /** How long a slice may be spent, as ratelimit-service's default. */
    private static final long SLICE_VALIDITY_MILLIS = 1000;

    private final Vertx vertx;
    private final HttpServer server;
    private final Map<String, AtomicLong> spent = new ConcurrentHashMap<>();
    private final Map<String, Slice> slices = new ConcurrentHashMap<>();
    private final Map<String, Charge> charges = new ConcurrentHashMap<>();
    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private final AtomicInteger unaryChecks = new AtomicInteger();
    private final AtomicInteger reserves = new AtomicInteger();
    private final AtomicInteger releases = new AtomicInteger();
    private final List<Integer> reserveBatchSizes = new CopyOnWriteArrayList<>();
    private final AtomicInteger refunds = new AtomicInteger();
    private volatile boolean unimplemented;

    private record Slice(String budget, long granted, boolean[] released) {
    }

    private record Charge(List<String> budgets, long cost) {
    }

    private ContractRateLimiter(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    public static ContractRateLimiter start() {
        Vertx vertx = Vertx.vertx();
        ContractRateLimiter[] holder = new ContractRateLimiter[1];
        GrpcServer grpc = GrpcServer.server(vertx);
        try {
            HttpServer http = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                    .requestHandler(grpc).listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            holder[0] = new ContractRateLimiter(vertx, http);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("test ratelimit-service did not start", e);
        }
        GrpcServiceBridge.bridge(holder[0].service()).bind(grpc);
        return holder[0];
    }

    public int port() {
        return server.actualPort();
    }

    /** Whether CheckBatch and Reserve answer UNIMPLEMENTED, as in a ratelimit-service older than them. */
    void answerUnimplemented(boolean old) {
        this.unimplemented = old;
    }

    /** Sizes of the CheckBatch messages received so far, in order. */
    public List<Integer> batchSizes() {
        return List.copyOf(batchSizes);
    }

    /** Decisions taken so far: unary Checks plus every check of every batch. */
    public int decisions() {
        return unaryChecks.get() + batchSizes.stream().mapToInt(Integer::intValue).sum();
    }

    public int unaryChecks() {
        return unaryChecks.get();
    }

    public int reserves() {
        return reserves.get();
    }

    /** Sizes of the ReserveBatches received, in order. */
    public List<Integer> reserveBatchSizes() {
        return List.copyOf(reserveBatchSizes);
    }

    public int releases() {
        return releases.get();
    }

    public int refunds() {
        return refunds.get();
    }

    /** Units of the key's general budget charged now: direct charges plus slices, minus what came back. */
    public long generalCharged(String keyId) {
        AtomicLong units = spent.get(keyId + "/general");
        return units == null ? 0 : units.get();
    }

    /** Slices that granted {@code keyId} units and are not yet given back (an empty grant holds nothing). */
    public long slicesHeld(String keyId) {
        String prefix = keyId + "/";
        synchronized (this) {
            return slices.entrySet().stream()
                    .filter(entry -> entry.getKey().startsWith(prefix))
                    .filter(entry -> entry.getValue().granted() > 0 && !entry.getValue().released()[0])
                    .count();
        }
    }

    /** Upload units the budget of {@code keyId} holds charged. */
    public long uploadsCharged(String keyId) {
        AtomicLong units = spent.get(keyId + "/uploads");
        return units == null ? 0 : units.get();
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private RateLimiterGrpc.RateLimiterImplBase service() {
        return new RateLimiterGrpc.RateLimiterImplBase() {
            @Override
            public void check(CheckRequest request, StreamObserver<CheckResponse> answer) {
                unaryChecks.incrementAndGet();
                answer.onNext(decide(request));
                answer.onCompleted();
            }

            @Override
            public void checkBatch(CheckBatchRequest request, StreamObserver<CheckBatchResponse> answer) {
                if (unimplemented) {
                    answer.onError(Status.UNIMPLEMENTED.asRuntimeException());
                    return;
                }
                batchSizes.add(request.getChecksCount());
                CheckBatchResponse.Builder response = CheckBatchResponse.newBuilder();
                for (CheckRequest check : request.getChecksList()) {
                    response.addOutcomes(CheckOutcome.newBuilder().setResponse(decide(check)));
                }
                answer.onNext(response.build());
                answer.onCompleted();
            }

            @Override
            public void reserve(ReserveRequest request, StreamObserver<ReserveResponse> answer) {
                if (unimplemented) {
                    answer.onError(Status.UNIMPLEMENTED.asRuntimeException());
                    return;
                }
                try {
                    answer.onNext(grant(request));
                    answer.onCompleted();
                } catch (StatusRuntimeException refused) {
                    answer.onError(refused);
                }
            }

            @Override
            public void reserveBatch(ReserveBatchRequest request, StreamObserver<ReserveBatchResponse> answer) {
                if (unimplemented) {
                    answer.onError(Status.UNIMPLEMENTED.asRuntimeException());
                    return;
                }
                reserveBatchSizes.add(request.getReservesCount());
                ReserveBatchResponse.Builder response = ReserveBatchResponse.newBuilder();
                for (ReserveRequest reserve : request.getReservesList()) {
                    try {
                        response.addOutcomes(ReserveOutcome.newBuilder().setResponse(grant(reserve)));
                    } catch (StatusRuntimeException refused) {
                        response.addOutcomes(ReserveOutcome.newBuilder().setError(CheckError.newBuilder()
                                .setCode(refused.getStatus().getCode().value())
                                .setMessage(String.valueOf(refused.getStatus().getDescription()))));
                    }
                }
                answer.onNext(response.build());
                answer.onCompleted();
            }

            @Override
            public void releaseSlice(ReleaseSliceRequest request, StreamObserver<ReleaseSliceResponse> answer) {
                boolean released = release(key(request.getToken()), request.getSliceId(), request.getUnused());
                answer.onNext(ReleaseSliceResponse.newBuilder().setReleased(released).build());
                answer.onCompleted();
            }

            @Override
            public void refund(RefundRequest request, StreamObserver<RefundResponse> answer) {
                Key key = key(request.getToken());
                String chargeId = key.id() + "/" + request.getRequestId();
                boolean refunded = false;
                synchronized (ContractRateLimiter.this) {
                    Charge charge = charges.remove(chargeId);
                    if (charge != null) {
                        // Listed limits only (none listed: every limit charged), as the contract says.
                        List<String> back = request.getLimitsList().isEmpty() ? charge.budgets()
                                : request.getLimitsList().stream().map(limit -> budget(key, limit))
                                        .filter(charge.budgets()::contains).toList();
                        back.forEach(budget -> spent.get(budget).addAndGet(-charge.cost()));
                        List<String> kept = charge.budgets().stream().filter(budget -> !back.contains(budget)).toList();
                        if (!kept.isEmpty()) {
                            charges.put(chargeId, new Charge(kept, charge.cost()));
                        }
                        refunded = !back.isEmpty();
                    }
                }
                // Counted once the units are back: a test that waits for the count then reads what is charged.
                refunds.incrementAndGet();
                answer.onNext(RefundResponse.newBuilder().setRefunded(refunded).build());
                answer.onCompleted();
            }
        };
    }

    /** Reserve: the carried releases first, then a slice capped at its share and at what is left. */
    private ReserveResponse grant(ReserveRequest request) {
        reserves.incrementAndGet();
        Key key = key(request.getToken());
        request.getReleasesList().forEach(closed -> release(key, closed.getSliceId(), closed.getUnused()));
        long max = key.limit(Limit.GENERAL_REQUESTS);
        if (max <= EXACT_LOG_MAX) {
            throw Status.FAILED_PRECONDITION.withDescription("limit kept exactly").asRuntimeException();
        }
        String budget = key.id() + "/general";
        AtomicLong used = spent.computeIfAbsent(budget, b -> new AtomicLong());
        long granted;
        synchronized (this) {
            long cap = Math.max(1, (long) (max * SLICE_SHARE));
            granted = Math.max(0, Math.min(Math.min(request.getUnits(), cap), max - used.get()));
            used.addAndGet(granted);
        }
        String sliceId = request.getSliceId().isEmpty() ? UUID.randomUUID().toString() : request.getSliceId();
        slices.put(key.id() + "/" + sliceId, new Slice(budget, granted, new boolean[1]));
        return ReserveResponse.newBuilder().setGranted(granted).setValidForMs(SLICE_VALIDITY_MILLIS)
                .setSliceId(sliceId)
                .setDecision(decision(Limit.GENERAL_REQUESTS, granted > 0, max, max - used.get()))
                .build();
    }

    /** ReleaseSlice, alone or carried by a Reserve: once per slice, unused units back. */
    private boolean release(Key key, String sliceId, long unused) {
        releases.incrementAndGet();
        Slice slice = slices.get(key.id() + "/" + sliceId);
        if (slice == null) {
            return false;
        }
        synchronized (this) {
            if (slice.released()[0]) {
                return false;
            }
            slice.released()[0] = true;
            spent.get(slice.budget()).addAndGet(-Math.min(unused, slice.granted()));
            return true;
        }
    }

    /** Check: every listed limit charged, all or none, as the contract says. */
    private CheckResponse decide(CheckRequest request) {
        Key key = key(request.getToken());
        long cost = Math.max(1, request.getCost());
        List<Limit> limits = request.getLimitsList();
        CheckResponse.Builder response = CheckResponse.newBuilder().setRequestId(request.getRequestId())
                .setChargedAtUs(TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis()));
        synchronized (this) {
            boolean allowed = limits.stream().allMatch(limit -> left(key, limit) >= cost);
            if (allowed) {
                limits.forEach(limit -> spent.computeIfAbsent(budget(key, limit), b -> new AtomicLong()).addAndGet(cost));
                charges.put(key.id() + "/" + request.getRequestId(),
                        new Charge(limits.stream().map(limit -> budget(key, limit)).toList(), cost));
            }
            Decision deciding = null;
            for (Limit limit : limits) {
                boolean limitAllows = allowed || left(key, limit) >= cost;
                Decision decision = decision(limit, limitAllows, key.limit(limit), left(key, limit));
                response.addDecisions(decision);
                if (deciding == null && !limitAllows
                        || allowed && (deciding == null || decision.getRemaining() < deciding.getRemaining())) {
                    deciding = decision;
                }
            }
            return response.setAllowed(allowed).setDeciding(deciding).build();
        }
    }

    private long left(Key key, Limit limit) {
        AtomicLong used = spent.get(budget(key, limit));
        return key.limit(limit) - (used == null ? 0 : used.get());
    }

    private static String budget(Key key, Limit limit) {
        return key.id() + "/" + (limit == Limit.INVOICE_UPLOADS ? "uploads" : "general");
    }

    private static Decision decision(Limit limit, boolean allowed, long max, long remaining) {
        long now = System.currentTimeMillis() / 1000;
        return Decision.newBuilder().setLimit1(limit).setAllowed(allowed).setLimitValue3(max)
                .setWindowSeconds(limit == Limit.INVOICE_UPLOADS ? 3600 : WINDOW_SECONDS)
                .setRemaining(Math.max(0, remaining)).setResetAt(now + WINDOW_SECONDS)
                .setRetryAfterSeconds(allowed ? 0 : WINDOW_SECONDS).build();
    }

    /** A caller as the contract counts it: {@code id} is the budget (the {@code budget} claim, else {@code sub}). */
    private record Key(String id, KeyLimitsClaim limits) {
        long limit(Limit limit) {
            return switch (limit) {
                case INVOICE_UPLOADS -> limits.uploadsPerHour().orElse(100);
                default -> limits.requestsPerMinute().orElse(100);
            };
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Key key(String token) {
        try {
            String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
            Map<?, ?> claims = JSON.readValue(payload, Map.class);
            Object budget = claims.containsKey(InternalTokenClaims.BUDGET_ID) ? claims.get(InternalTokenClaims.BUDGET_ID) : claims.get("sub");
            return new Key((String) budget, KeyLimitsClaim.read(claims.get(InternalTokenClaims.LIMITS)));
        } catch (Exception e) {
            throw Status.UNAUTHENTICATED.withDescription("unreadable token").asRuntimeException();
        }
    }
}
