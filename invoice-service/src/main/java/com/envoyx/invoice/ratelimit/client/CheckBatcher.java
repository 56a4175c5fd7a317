package com.envoyx.invoice.ratelimit.client;

import java.util.ArrayList;
import java.util.List;

import com.envoyx.contracts.ratelimit.v1.CheckBatchResponse;
import com.envoyx.contracts.ratelimit.v1.CheckError;
import com.envoyx.contracts.ratelimit.v1.CheckOutcome;
import com.envoyx.contracts.ratelimit.v1.CheckRequest;
import com.envoyx.contracts.ratelimit.v1.CheckResponse;

import io.grpc.Status;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Coalesces the Checks one event loop asks for during one task (the requests Netty read in one
 * turn) into one CheckBatch, sent once that task is over, so that one gRPC message and one Redis
 * round trip serve them all. Each caller gets its own answer or its own failure, exactly what a
 * unary Check would have given it. Off an event loop there is nothing to wait for: the check goes
 * out alone.
 */
final class CheckBatcher {

    /** How a batch travels; the client adds deadline, breaker and the fallback to unary Checks. */
    interface Transport {
        /** Completes each pending check of {@code batch}, in order. */
        void send(List<Pending> batch);
    }

    record Pending(CheckRequest request, UniEmitter<? super CheckResponse> answer) {
    }

    /** The batch an event loop is filling; only that loop's thread touches it. */
    private static final class OpenBatch {
        final List<Pending> checks = new ArrayList<>();
        boolean sent;
    }

    private final int maxSize;
    private final Transport transport;
    // One open batch per event-loop thread: an event loop never runs two tasks at once, so no lock.
    private final ThreadLocal<OpenBatch> open = new ThreadLocal<>();

    CheckBatcher(int maxSize, Transport transport) {
        this.maxSize = maxSize;
        this.transport = transport;
    }

    Uni<CheckResponse> check(CheckRequest request) {
        return Uni.createFrom().emitter(answer -> enqueue(new Pending(request, answer)));
    }

    private void enqueue(Pending pending) {
        Context context = Vertx.currentContext();
        if (context == null || !Context.isOnEventLoopThread()) {
            transport.send(List.of(pending));
            return;
        }
        OpenBatch batch = open.get();
        if (batch == null) {
            OpenBatch created = new OpenBatch();
            open.set(created);
            // runOnContext queues behind the task running now: every check this turn joins first.
            context.runOnContext(ignored -> flush(created));
            batch = created;
        }
        batch.checks.add(pending);
        if (batch.checks.size() >= maxSize) {
            flush(batch);
        }
    }

    private void flush(OpenBatch batch) {
        if (batch.sent) {
            return;
        }
        batch.sent = true;
        if (open.get() == batch) {
            open.remove();
        }
        transport.send(batch.checks);
    }

    /** Hands each check of a batch its own outcome; a reply that does not match the batch fails them all. */
    static void answer(List<Pending> batch, CheckBatchResponse response) {
        if (response.getOutcomesCount() != batch.size()) {
            IllegalStateException mismatch = new IllegalStateException("CheckBatch answered " + response.getOutcomesCount()
                    + " outcomes for " + batch.size() + " checks");
            batch.forEach(pending -> pending.answer().fail(mismatch));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            CheckOutcome outcome = response.getOutcomes(i);
            UniEmitter<? super CheckResponse> answer = batch.get(i).answer();
            if (outcome.hasResponse()) {
                answer.complete(outcome.getResponse());
            } else if (outcome.hasError()) {
                answer.fail(asFailure(outcome.getError()));
            } else {
                answer.fail(new IllegalStateException("CheckBatch answered an empty outcome"));
            }
        }
    }

    /** The failure a unary Check would have ended with. */
    static RuntimeException asFailure(CheckError error) {
        return Status.fromCodeValue(error.getCode()).withDescription(error.getMessage()).asRuntimeException();
    }
}
