package com.envoyx.ratelimit.decision.service;

import static com.envoyx.ratelimit.testing.Requests.general;
import static com.envoyx.ratelimit.testing.Requests.refund;
import static com.envoyx.ratelimit.testing.Requests.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import com.envoyx.contracts.ratelimit.v1.AcquireLeaseRequest;
import com.envoyx.contracts.ratelimit.v1.CheckResponse;
import com.envoyx.contracts.ratelimit.v1.LeaseResponse;
import com.envoyx.contracts.ratelimit.v1.Limit;
import com.envoyx.contracts.ratelimit.v1.RenewLeaseRequest;
import com.envoyx.contracts.ratelimit.v1.UsageRequest;
import com.envoyx.infra.testing.OwnServersTestResource;
import com.envoyx.ratelimit.error.ErrorMapping;
import com.envoyx.ratelimit.testing.GrpcTestSupport;
import com.envoyx.ratelimit.testing.OwnServersProfile;
import com.envoyx.ratelimit.testing.RedisProbe;
import com.envoyx.ratelimit.testing.TestTokens;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Redis slow or gone, on a Redis server this test owns: answers stay fast, failure modes decide, exactness returns. */
@QuarkusTest
@TestProfile(OwnServersProfile.class)
class RedisOutageTest extends GrpcTestSupport {

    /** The test deadline (2 s) plus room for a loaded machine; far below the 10 s stall. */
    private static final Duration ANSWERED_WITHIN = Duration.ofMillis(4000);

    @Test
    void aStalledRedisIsAnsweredWithinTheDeadline() {
        String token = TestTokens.forKey(TestTokens.newKeyId());
        assertFalse(grpc.blocking().check(general(token)).getDegraded());

        assertEquals("+OK", RedisProbe.command("CLIENT", "PAUSE", "10000", "ALL"));
        try {
            CheckResponse stalled = timed(() -> grpc.blocking().check(general(token)));
            assertTrue(stalled.getDegraded());
            assertTrue(stalled.getAllowed(), "general requests fail open");
        } finally {
            RedisProbe.command("CLIENT", "UNPAUSE");
        }
        awaitExact(token);
    }

    @Test
    void whileRedisIsDownFailureModesDecideAndExactLimitingResumesAfter() {
        String keyId = TestTokens.newKeyId();
        String token = TestTokens.forKey(keyId, Map.of("requests_per_minute", 3, "websocket_connections", 1));
        assertTrue(grpc.blocking().acquireLease(lease(token, "held-before")).getGranted());

        OwnServersTestResource.redis().stop();
        try {
            for (int i = 0; i < 3; i++) {
                CheckResponse open = timed(() -> grpc.blocking().check(general(token)));
                assertTrue(open.getAllowed());
                assertTrue(open.getDegraded());
                assertEquals(2 - i, open.getDeciding().getRemaining());
            }
            CheckResponse overReplicaLimit = timed(() -> grpc.blocking().check(general(token)));
            assertFalse(overReplicaLimit.getAllowed(), "the per-replica limiter keeps the same limit");
            assertTrue(overReplicaLimit.getDegraded());
            assertTrue(overReplicaLimit.getDeciding().getRetryAfterSeconds() >= 1);

            StatusRuntimeException closed = assertThrows(StatusRuntimeException.class,
                    () -> timed(() -> grpc.blocking().check(upload(TestTokens.forKey(TestTokens.newKeyId())))));
            assertEquals(Status.Code.UNAVAILABLE, closed.getStatus().getCode(), "uploads fail closed");
            assertEquals("1", closed.getTrailers().get(ErrorMapping.RETRY_AFTER));

            LeaseResponse renewed = timed(() -> grpc.blocking().renewLease(RenewLeaseRequest.newBuilder()
                    .setToken(token).setLimit(Limit.WEBSOCKET_CONNECTIONS).setLeaseId("held-before").build()));
            assertTrue(renewed.getGranted(), "a live connection is not cut because Redis is away");
            assertTrue(renewed.getDegraded());

            assertEquals(Status.Code.UNAVAILABLE, assertThrows(StatusRuntimeException.class,
                    () -> grpc.blocking().refund(refund(token, "anything"))).getStatus().getCode());
            assertEquals(Status.Code.UNAVAILABLE, assertThrows(StatusRuntimeException.class,
                    () -> grpc.blocking().getUsage(UsageRequest.newBuilder().setToken(token).build())).getStatus().getCode());

            given().header("Authorization", "Bearer " + token).contentType("application/json")
                    .body("{\"limits\":[\"general_requests\",\"invoice_uploads\"]}")
                    .post("/api/v1/ratelimit/check")
                    .then().statusCode(503)
                    .header("Retry-After", "1")
                    .body("code", equalTo("SERVICE_UNAVAILABLE"))
                    .body("data.retry_after", equalTo(1));

            given().get("/q/metrics").then().statusCode(200)
                    .body(containsString("envoyx_ratelimit_degraded_decisions_total{limit=\"general_requests\",mode=\"open\",outcome=\"allowed\"}"))
                    .body(containsString("envoyx_ratelimit_degraded_decisions_total{limit=\"invoice_uploads\",mode=\"closed\",outcome=\"denied\"}"));
        } finally {
            OwnServersTestResource.redis().start();
        }

        String fresh = TestTokens.forKey(TestTokens.newKeyId(), Map.of("requests_per_minute", 2));
        awaitExact(fresh);
        CheckResponse second = grpc.blocking().check(general(fresh));
        assertTrue(second.getAllowed());
        assertFalse(second.getDegraded());
        CheckResponse third = grpc.blocking().check(general(fresh));
        assertFalse(third.getAllowed());
        assertFalse(third.getDegraded(), "exact limiting is back without a restart");
    }

    private static AcquireLeaseRequest lease(String token, String leaseId) {
        return AcquireLeaseRequest.newBuilder().setToken(token).setLimit(Limit.WEBSOCKET_CONNECTIONS).setLeaseId(leaseId).build();
    }

    /** Waits until a check is decided by Redis again; that check charges one unit. */
    private static void awaitExact(String token) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!grpc.blocking().check(general(token)).getDegraded()) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("still degraded 20 s after Redis returned");
    }

    private static <T> T timed(Supplier<T> call) {
        long start = System.nanoTime();
        try {
            return call.get();
        } finally {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(ANSWERED_WITHIN) < 0, "answered after " + took.toMillis() + " ms");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
