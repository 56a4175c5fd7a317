package com.envoyx.ratelimit.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.envoyx.contracts.ratelimit.v1.CheckBatchRequest;
import com.envoyx.contracts.ratelimit.v1.CheckBatchResponse;
import com.envoyx.contracts.ratelimit.v1.CheckOutcome;
import com.envoyx.contracts.ratelimit.v1.CheckRequest;
import com.envoyx.contracts.ratelimit.v1.CheckResponse;
import com.envoyx.contracts.ratelimit.v1.RateLimiterGrpc;
import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;

import io.grpc.Status;

/**
 * The benchmark's stand-in for invoice-service's batched client: checks that arrive while earlier
 * batches are in flight go out together as one CheckBatch. A few batches may be in flight at once
 * (as several event loops would send them); the rest wait and grow. No sender thread: whoever
 * finds a free slot (a caller, or the answer of a batch) sends what waits, so a check costs no
 * extra thread hand-off.
 */
final class CoalescingClient {

    private static final int MAX_BATCH = 64;
    private static final int IN_FLIGHT = 4;

    private final RateLimiterGrpc.RateLimiterFutureStub stub;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);

    CoalescingClient(RateLimiterGrpc.RateLimiterFutureStub stub) {
        this.stub = stub;
    }

    CheckResponse check(CheckRequest request) throws Exception {
        CompletableFuture<CheckResponse> answer = new CompletableFuture<>();
        queue.add(new Pending(request, answer));
        sendWaiting();
        return answer.get(10, TimeUnit.SECONDS);
    }

    /**
     * Publish, then look: a check queued while every slot is taken is sent by the batch whose
     * answer frees a slot, because that answer looks at the queue after releasing it.
     */
    private void sendWaiting() {
        while (!queue.isEmpty() && inFlight.tryAcquire()) {
            List<Pending> batch = new ArrayList<>();
            queue.drainTo(batch, MAX_BATCH);
            if (batch.isEmpty()) {
                inFlight.release();
            } else {
                send(batch);
            }
        }
    }

    private void send(List<Pending> batch) {
        CheckBatchRequest.Builder request = CheckBatchRequest.newBuilder();
        batch.forEach(pending -> request.addChecks(pending.request()));
        Futures.addCallback(stub.withDeadlineAfter(10, TimeUnit.SECONDS).checkBatch(request.build()),
                new FutureCallback<CheckBatchResponse>() {
                    @Override
                    public void onSuccess(CheckBatchResponse response) {
                        inFlight.release();
                        sendWaiting();
                        for (int i = 0; i < batch.size(); i++) {
                            CheckOutcome outcome = response.getOutcomes(i);
                            if (outcome.hasResponse()) {
                                batch.get(i).answer().complete(outcome.getResponse());
                            } else {
                                batch.get(i).answer().completeExceptionally(Status.fromCodeValue(outcome.getError().getCode())
                                        .withDescription(outcome.getError().getMessage()).asRuntimeException());
                            }
                        }
                    }

                    @Override
                    public void onFailure(Throwable failure) {
                        inFlight.release();
                        sendWaiting();
                        batch.forEach(pending -> pending.answer().completeExceptionally(failure));
                    }
                }, MoreExecutors.directExecutor());
    }

    private record Pending(CheckRequest request, CompletableFuture<CheckResponse> answer) {
    }
}
