package com.envoyx.ratelimit.decision.grpc;

import static com.envoyx.ratelimit.testing.Requests.general;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.envoyx.contracts.ratelimit.v1.CheckBatchRequest;
import com.envoyx.contracts.ratelimit.v1.CheckBatchResponse;
import com.envoyx.contracts.ratelimit.v1.CheckOutcome;
import com.envoyx.contracts.ratelimit.v1.CheckRequest;
import com.envoyx.contracts.ratelimit.v1.CheckResponse;
import com.envoyx.contracts.ratelimit.v1.Limit;
import com.envoyx.contracts.ratelimit.v1.UsageRequest;
import com.envoyx.ratelimit.testing.GrpcTestSupport;
import com.envoyx.ratelimit.testing.ServiceTestResource;
import com.envoyx.ratelimit.testing.TestTokens;

import io.grpc.Status;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** CheckBatch, and coalesced unary checks: each decision its own answer, exact as if alone. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class CheckBatchTest extends GrpcTestSupport {

    @Test
    void eachCheckOfABatchGetsItsOwnAnswerOrError() {
        String token = TestTokens.forKey(TestTokens.newKeyId());
        String other = TestTokens.forKey(TestTokens.newKeyId());
        // Verified (and cached) first, so that every check of the batch reaches Redis in the same
        // task, in request order: a cache miss would verify on a worker and arrive later.
        grpc.blocking().getUsage(UsageRequest.newBuilder().setToken(token).build());
        grpc.blocking().getUsage(UsageRequest.newBuilder().setToken(other).build());
        CheckBatchResponse batch = grpc.blocking().checkBatch(CheckBatchRequest.newBuilder()
                .addChecks(withId(token, "same-id"))
                .addChecks(general("not-a-token"))
                .addChecks(CheckRequest.newBuilder().setToken(token).addLimits(Limit.GENERAL_REQUESTS).setCost(-1).build())
                .addChecks(withId(token, "same-id"))
                .addChecks(general(other))
                .addChecks(CheckRequest.newBuilder().setToken(other).addLimits(Limit.WEBSOCKET_CONNECTIONS).build())
                .build());
        List<CheckOutcome> outcomes = batch.getOutcomesList();
        assertEquals(6, outcomes.size());
        assertTrue(outcomes.get(0).getResponse().getAllowed());
        assertEquals("same-id", outcomes.get(0).getResponse().getRequestId());
        assertTrue(outcomes.get(0).getResponse().getChargedAtUs() > 0);
        assertEquals(Status.Code.UNAUTHENTICATED.value(), outcomes.get(1).getError().getCode());
        assertEquals(Status.Code.INVALID_ARGUMENT.value(), outcomes.get(2).getError().getCode());
        assertEquals(Status.Code.ALREADY_EXISTS.value(), outcomes.get(3).getError().getCode(),
                "the second charge of one id in one batch, as two unary checks would be");
        assertEquals(99, outcomes.get(4).getResponse().getDeciding().getRemaining(), "another key, its own budget");
        assertEquals(Status.Code.INVALID_ARGUMENT.value(), outcomes.get(5).getError().getCode());
        assertEquals(98, grpc.blocking().check(general(token)).getDeciding().getRemaining(),
                "only the allowed check of the key was charged");
    }

    @Test
    void aHundredAndFiftyParallelChecksInBatchesAdmitExactlyTheLimit() throws Exception {
        String token = TestTokens.forKey(TestTokens.newKeyId());
        ExecutorService callers = Executors.newFixedThreadPool(15);
        try {
            List<Callable<List<CheckOutcome>>> calls = new ArrayList<>();
            for (int c = 0; c < 15; c++) {
                calls.add(() -> {
                    CheckBatchRequest.Builder batch = CheckBatchRequest.newBuilder();
                    for (int i = 0; i < 10; i++) {
                        batch.addChecks(general(token));
                    }
                    return grpc.blocking().checkBatch(batch.build()).getOutcomesList();
                });
            }
            int allowed = 0;
            for (Future<List<CheckOutcome>> call : callers.invokeAll(calls)) {
                for (CheckOutcome outcome : call.get()) {
                    assertFalse(outcome.getResponse().getDegraded());
                    if (outcome.getResponse().getAllowed()) {
                        allowed++;
                    } else {
                        long retryAfter = outcome.getResponse().getDeciding().getRetryAfterSeconds();
                        assertTrue(retryAfter >= 1 && retryAfter <= 60, outcome.toString());
                    }
                }
            }
            assertEquals(100, allowed);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aHundredAndFiftyParallelUnaryChecksAdmitExactlyTheLimit() throws Exception {
        String token = TestTokens.forKey(TestTokens.newKeyId());
        ExecutorService callers = Executors.newFixedThreadPool(64);
        try {
            List<Callable<CheckResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                calls.add(() -> grpc.future().check(general(token)).get());
            }
            int allowed = 0;
            for (Future<CheckResponse> call : callers.invokeAll(calls)) {
                if (call.get().getAllowed()) {
                    allowed++;
                }
            }
            assertEquals(100, allowed);
        } finally {
            callers.shutdownNow();
        }
    }

    private static CheckRequest withId(String token, String requestId) {
        return CheckRequest.newBuilder().setToken(token).addLimits(Limit.GENERAL_REQUESTS).setRequestId(requestId).build();
    }
}
