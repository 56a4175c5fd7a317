package com.envoyx.ratelimit.decision.repository;

import static com.envoyx.ratelimit.testing.Requests.general;
import static com.envoyx.ratelimit.testing.Requests.refund;
import static com.envoyx.ratelimit.testing.Requests.upload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.envoyx.contracts.ratelimit.v1.AcquireLeaseRequest;
import com.envoyx.contracts.ratelimit.v1.CheckRequest;
import com.envoyx.contracts.token.InternalTokenClaims;
import com.envoyx.contracts.ratelimit.v1.CheckResponse;
import com.envoyx.contracts.ratelimit.v1.Decision;
import com.envoyx.contracts.ratelimit.v1.Limit;
import com.envoyx.ratelimit.testing.GrpcTestSupport;
import com.envoyx.ratelimit.testing.RedisProbe;
import com.envoyx.ratelimit.testing.ServiceTestResource;
import com.envoyx.ratelimit.testing.TestKeys;
import com.envoyx.ratelimit.testing.TestTokens;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class ExactWindowTest extends GrpcTestSupport {

    @Test
    void aThousandParallelChecksAdmitExactlyTheLimit() throws Exception {
        String token = TestTokens.forKey(TestTokens.newKeyId());
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            List<Callable<CheckResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                calls.add(() -> grpc.blocking().check(general(token)));
            }
            int allowed = 0;
            for (Future<CheckResponse> call : callers.invokeAll(calls)) {
                CheckResponse response = call.get();
                assertFalse(response.getDegraded());
                if (response.getAllowed()) {
                    allowed++;
                }
            }
            assertEquals(100, allowed);
        } finally {
            callers.shutdownNow();
        }
        CheckResponse after = grpc.blocking().check(general(token));
        assertFalse(after.getAllowed());
        assertEquals(0, after.getDeciding().getRemaining());
        assertTrue(after.getDeciding().getRetryAfterSeconds() >= 1 && after.getDeciding().getRetryAfterSeconds() <= 60,
                after.toString());
    }

    @Test
    void decisionsCarryLimitRemainingAndReset() {
        String token = TestTokens.forKey(TestTokens.newKeyId());
        long before = Instant.now().getEpochSecond();
        CheckResponse first = grpc.blocking().check(general(token));
        Decision decision = first.getDeciding();
        assertTrue(first.getAllowed());
        assertEquals(Limit.GENERAL_REQUESTS, decision.getLimit1());
        assertEquals(100, decision.getLimitValue3());
        assertEquals(60, decision.getWindowSeconds());
        assertEquals(99, decision.getRemaining());
        assertEquals(0, decision.getRetryAfterSeconds());
        assertTrue(decision.getResetAt() >= before + 59 && decision.getResetAt() <= before + 62, decision.toString());
        assertFalse(first.getRequestId().isEmpty());
    }

    @Test
    void anUploadChargesBothLimitsOrNeither() {
        String token = TestTokens.forKey(TestTokens.newKeyId(), Map.of("uploads_per_hour", 2));
        for (int i = 0; i < 2; i++) {
            assertTrue(grpc.blocking().check(upload(token)).getAllowed());
        }
        CheckResponse refused = grpc.blocking().check(upload(token));
        assertFalse(refused.getAllowed());
        assertEquals(Limit.INVOICE_UPLOADS, refused.getDeciding().getLimit1());
        assertEquals(2, refused.getDecisionsCount());
        Decision general = refused.getDecisions(0);
        assertTrue(general.getAllowed(), "general alone had room");
        assertEquals(98, general.getRemaining(), "the refused upload charged nothing");

        CheckResponse plain = grpc.blocking().check(general(token));
        assertTrue(plain.getAllowed());
        assertEquals(97, plain.getDeciding().getRemaining());
    }

    @Test
    void aKeysOwnLimitOverridesTheDefault() {
        String token = TestTokens.forKey(TestTokens.newKeyId(), Map.of("requests_per_minute", 3));
        for (int i = 0; i < 3; i++) {
            assertTrue(grpc.blocking().check(general(token)).getAllowed());
        }
        CheckResponse refused = grpc.blocking().check(general(token));
        assertFalse(refused.getAllowed());
        assertEquals(3, refused.getDeciding().getLimitValue3());

        String raised = TestTokens.forKey(TestTokens.newKeyId(), Map.of("requests_per_minute", 250));
        assertEquals(249, grpc.blocking().check(general(raised)).getDeciding().getRemaining());
    }

    @Test
    void costChargesSeveralUnitsAtOnce() {
        String token = TestTokens.forKey(TestTokens.newKeyId(), Map.of("requests_per_minute", 10));
        CheckResponse seven = grpc.blocking().check(general(token).toBuilder().setCost(7).build());
        assertTrue(seven.getAllowed());
        assertEquals(3, seven.getDeciding().getRemaining());
        CheckResponse four = grpc.blocking().check(general(token).toBuilder().setCost(4).build());
        assertFalse(four.getAllowed());
        assertEquals(3, four.getDeciding().getRemaining());
        assertTrue(grpc.blocking().check(general(token).toBuilder().setCost(3).build()).getAllowed());
    }

    @Test
    void aRefundReturnsTheChargeOnceAndOnlyToItsKey() {
        String keyId = TestTokens.newKeyId();
        String token = TestTokens.forKey(keyId, Map.of("uploads_per_hour", 1));
        CheckResponse charged = grpc.blocking().check(upload(token).toBuilder().setRequestId("upload-1").build());
        assertTrue(charged.getAllowed());
        assertFalse(grpc.blocking().check(upload(token)).getAllowed());

        String stranger = TestTokens.forKey(TestTokens.newKeyId());
        assertFalse(grpc.blocking().refund(refund(stranger, "upload-1")).getRefunded());

        assertTrue(grpc.blocking().refund(refund(token, "upload-1")).getRefunded());
        assertFalse(grpc.blocking().refund(refund(token, "upload-1")).getRefunded(), "refund is idempotent");
        CheckResponse again = grpc.blocking().check(upload(token));
        assertTrue(again.getAllowed());
        assertEquals(99, again.getDecisions(0).getRemaining(), "general was refunded too, then charged again");
    }

    @Test
    void aRefundLimitedToUploadsLeavesTheGeneralChargeStanding() {
        String token = TestTokens.forKey(TestTokens.newKeyId(), Map.of("uploads_per_hour", 1));
        assertTrue(grpc.blocking().check(upload(token).toBuilder().setRequestId("refused-upload").build()).getAllowed());
        assertTrue(grpc.blocking().refund(refund(token, "refused-upload").toBuilder()
                .addLimits(Limit.INVOICE_UPLOADS).build()).getRefunded());
        CheckResponse again = grpc.blocking().check(upload(token));
        assertTrue(again.getAllowed(), "the upload budget was given back");
        assertEquals(98, again.getDecisions(0).getRemaining(), "general kept the refused upload's charge");
    }

    @Test
    void keysOfOneBudgetShareEveryCounter() {
        String budget = TestTokens.newKeyId();
        String first = TestTokens.sign(TestTokens.keyClaims(budget, Map.of("requests_per_minute", 3))
                .claim(InternalTokenClaims.BUDGET_ID, budget), TestKeys.signingKey());
        String successor = TestTokens.sign(TestTokens.keyClaims(TestTokens.newKeyId(), Map.of("requests_per_minute", 3))
                .claim(InternalTokenClaims.BUDGET_ID, budget), TestKeys.signingKey());
        assertTrue(grpc.blocking().check(general(first)).getAllowed());
        assertTrue(grpc.blocking().check(general(first)).getAllowed());
        assertTrue(grpc.blocking().check(general(successor)).getAllowed());
        assertFalse(grpc.blocking().check(general(successor)).getAllowed(), "the successor spends the same 3 requests");
        assertFalse(grpc.blocking().check(general(first)).getAllowed());
        assertTrue(grpc.blocking().check(general(TestTokens.forKey(TestTokens.newKeyId(), Map.of("requests_per_minute", 3))))
                .getAllowed(), "a key of another budget is unaffected");
    }

    @Test
    void keysOfOneBudgetShareUploadsAndConnections() {
        String budget = TestTokens.newKeyId();
        Map<String, Object> limits = Map.of("uploads_per_hour", 1, "websocket_connections", 1);
        String first = TestTokens.sign(TestTokens.keyClaims(budget, limits).claim(InternalTokenClaims.BUDGET_ID, budget),
                TestKeys.signingKey());
        String successor = TestTokens.sign(TestTokens.keyClaims(TestTokens.newKeyId(), limits)
                .claim(InternalTokenClaims.BUDGET_ID, budget), TestKeys.signingKey());
        assertTrue(grpc.blocking().check(upload(first)).getAllowed());
        assertFalse(grpc.blocking().check(upload(successor)).getAllowed(), "the chain's one upload is spent");
        assertTrue(grpc.blocking().acquireLease(lease(first, "socket-1")).getGranted());
        assertFalse(grpc.blocking().acquireLease(lease(successor, "socket-2")).getGranted(), "the chain's one connection is taken");
    }

    private static AcquireLeaseRequest lease(String token, String leaseId) {
        return AcquireLeaseRequest.newBuilder().setToken(token).setLimit(Limit.WEBSOCKET_CONNECTIONS).setLeaseId(leaseId).build();
    }

    @Test
    void aRefundReturnsEveryUnitOfACostlyCharge() {
        String token = TestTokens.forKey(TestTokens.newKeyId(), Map.of("requests_per_minute", 10));
        assertTrue(grpc.blocking().check(general(token).toBuilder().setCost(4).setRequestId("batch-7").build()).getAllowed());
        assertTrue(grpc.blocking().refund(refund(token, "batch-7")).getRefunded());
        assertEquals(9, grpc.blocking().check(general(token)).getDeciding().getRemaining());
    }

    @Test
    void aRequestIdIsChargedOnlyOnce() {
        String token = TestTokens.forKey(TestTokens.newKeyId());
        assertTrue(grpc.blocking().check(general(token).toBuilder().setRequestId("req-42").build()).getAllowed());
        StatusRuntimeException duplicate = assertThrows(StatusRuntimeException.class,
                () -> grpc.blocking().check(general(token).toBuilder().setRequestId("req-42").build()));
        assertEquals(Status.Code.ALREADY_EXISTS, duplicate.getStatus().getCode());
        assertEquals(98, grpc.blocking().check(general(token)).getDeciding().getRemaining(), "the duplicate charged nothing");
    }

    @Test
    void invalidChecksAreRefusedAsInvalid() {
        String token = TestTokens.forKey(TestTokens.newKeyId(), Map.of("requests_per_minute", 5));
        List<CheckRequest> invalid = List.of(
                CheckRequest.newBuilder().setToken(token).build(),
                CheckRequest.newBuilder().setToken(token).addLimits(Limit.WEBSOCKET_CONNECTIONS).build(),
                CheckRequest.newBuilder().setToken(token).addLimits(Limit.LIMIT_UNSPECIFIED).build(),
                general(token).toBuilder().setCost(6).build(),
                general(token).toBuilder().setCost(-1).build(),
                general(token).toBuilder().setRequestId("has space").build(),
                general(token).toBuilder().setRequestId("{other}").build());
        for (CheckRequest request : invalid) {
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> grpc.blocking().check(request));
            assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode(), request.toString());
        }
        assertEquals(4, grpc.blocking().check(general(token)).getDeciding().getRemaining(), "nothing was charged");
    }

    @Test
    void memoryPerKeyIsBoundedByItsLimits() {
        String keyId = TestTokens.newKeyId();
        String token = TestTokens.forKey(keyId);
        for (int i = 0; i < 150; i++) {
            grpc.blocking().check(upload(token));
        }
        String prefix = RedisProbe.keyPrefix() + "rl:{" + keyId + "}:";
        assertEquals("100", RedisProbe.command("ZCARD", prefix + "general").substring(1), "rejected requests add nothing");
        assertEquals("100", RedisProbe.command("ZCARD", prefix + "uploads").substring(1));
        long general = memoryUsage(prefix + "general");
        long uploads = memoryUsage(prefix + "uploads");
        long usage = memoryUsage(prefix + "usage");
        assertTrue(general < 16_384 && uploads < 16_384 && usage < 4096, general + " " + uploads + " " + usage);
        long ttl = Long.parseLong(RedisProbe.command("PTTL", prefix + "general").substring(1));
        assertTrue(ttl > 0 && ttl <= 60_000, "an idle window expires on its own: " + ttl);
        System.out.printf("memory per key at full default limits: general %d B, uploads %d B, usage %d B, total %d B%n",
                general, uploads, usage, general + uploads + usage);
    }

    private static long memoryUsage(String key) {
        return Long.parseLong(RedisProbe.command("MEMORY", "USAGE", key).substring(1));
    }
}
