package com.envoyx.ratelimit.decision.repository;

import static com.envoyx.ratelimit.testing.Requests.general;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.envoyx.contracts.ratelimit.v1.CheckBatchRequest;
import com.envoyx.contracts.ratelimit.v1.CheckOutcome;
import com.envoyx.contracts.ratelimit.v1.CheckRequest;
import com.envoyx.contracts.ratelimit.v1.CheckResponse;
import com.envoyx.contracts.ratelimit.v1.Limit;
import com.envoyx.contracts.ratelimit.v1.RefundRequest;
import com.envoyx.contracts.ratelimit.v1.ReleaseSliceRequest;
import com.envoyx.contracts.ratelimit.v1.ReserveBatchRequest;
import com.envoyx.contracts.ratelimit.v1.ReserveBatchResponse;
import com.envoyx.contracts.ratelimit.v1.ReserveRequest;
import com.envoyx.contracts.ratelimit.v1.ReserveResponse;
import com.envoyx.contracts.ratelimit.v1.SliceRelease;
import com.envoyx.contracts.ratelimit.v1.UsageBucket;
import com.envoyx.contracts.ratelimit.v1.UsageRequest;
import com.envoyx.ratelimit.testing.BucketWindowsProfile;
import com.envoyx.ratelimit.testing.GrpcTestSupport;
import com.envoyx.ratelimit.testing.RedisProbe;
import com.envoyx.ratelimit.testing.TestTokens;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Limits above exact-log-max, kept in sub-window buckets (2 s window, 4 buckets, exact-log max 10). */
@QuarkusTest
@TestProfile(BucketWindowsProfile.class)
class BucketWindowTest extends GrpcTestSupport {

    private static final int LIMIT = 20;

    @Test
    void randomBurstsNeverAdmitMoreThanTheLimitInAnyWindow() throws Exception {
        String token = token(TestTokens.newKeyId(), LIMIT);
        // The first answer verifies and caches the token, so that the bursts start together.
        List<Long> admitted = new ArrayList<>(List.of(grpc.blocking().check(general(token)).getChargedAtUs()));
        long until = System.nanoTime() + 4_500_000_000L;
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<Long>>> work = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                long seed = c;
                boolean batched = c % 2 == 0;
                work.add(() -> {
                    Random random = new Random(seed);
                    List<Long> mine = new ArrayList<>();
                    while (System.nanoTime() < until) {
                        int burst = 1 + random.nextInt(6);
                        for (CheckResponse response : burst(token, burst, batched)) {
                            assertFalse(response.getDegraded());
                            if (response.getAllowed()) {
                                mine.add(response.getChargedAtUs());
                            }
                        }
                        Thread.sleep(random.nextInt(150));
                    }
                    return mine;
                });
            }
            for (Future<List<Long>> caller : callers.invokeAll(work)) {
                admitted.addAll(caller.get());
            }
            Collections.sort(admitted);
            assertTrue(admitted.size() > LIMIT, "admissions in more than one window: " + admitted.size());
            for (int i = 0; i < admitted.size(); i++) {
                int inWindow = 0;
                for (int j = i; j < admitted.size() && admitted.get(j) <= admitted.get(i) + BucketWindowsProfile.WINDOW_MICROS; j++) {
                    inWindow++;
                }
                assertTrue(inWindow <= LIMIT, inWindow + " admitted in the window from " + admitted.get(i));
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void slicesAndChecksShareOneBudget() {
        String token = token(TestTokens.newKeyId(), LIMIT);
        long spent = 0;
        boolean sliceRefused = false;
        boolean checkRefused = false;
        for (int i = 0; !(sliceRefused && checkRefused) && i < 50; i++) {
            ReserveResponse slice = grpc.blocking().reserve(reserve(token, 100));
            assertTrue(slice.getGranted() <= LIMIT / 4, "a slice is capped at its share: " + slice);
            assertEquals(500, slice.getValidForMs());
            spent += slice.getGranted();
            if (slice.getGranted() == 0) {
                sliceRefused = true;
                assertEquals(0, slice.getDecision().getRemaining());
                assertTrue(slice.getDecision().getRetryAfterSeconds() >= 1, slice.toString());
            }
            CheckResponse check = grpc.blocking().check(general(token));
            if (check.getAllowed()) {
                spent++;
            } else {
                checkRefused = true;
            }
        }
        assertTrue(sliceRefused && checkRefused);
        assertTrue(spent <= LIMIT && spent >= LIMIT - LIMIT / 4, "slices and checks spent " + spent);
    }

    @Test
    void releaseReturnsUnusedUnitsOnceAndCountsTheUsedOnes() {
        String keyId = TestTokens.newKeyId();
        String token = token(keyId, LIMIT);
        ReserveResponse slice = grpc.blocking().reserve(reserve(token, 5));
        assertEquals(5, slice.getGranted());
        assertEquals(LIMIT - 5, slice.getDecision().getRemaining());
        assertTrue(grpc.blocking().releaseSlice(release(token, slice.getSliceId(), 3, 2)).getReleased());
        assertEquals(LIMIT - 2 - 1, grpc.blocking().check(general(token)).getDeciding().getRemaining(),
                "the 3 unused units are back, the 2 used ones are not");
        assertFalse(grpc.blocking().releaseSlice(release(token, slice.getSliceId(), 3, 2)).getReleased(),
                "a second release changes nothing");
        assertEquals(LIMIT - 2 - 2, grpc.blocking().check(general(token)).getDeciding().getRemaining());
        long requests = grpc.blocking().getUsage(UsageRequest.newBuilder().setToken(token).build())
                .getHourlyList().stream().mapToLong(UsageBucket::getRequests).sum();
        assertEquals(4, requests, "2 used slice units and 2 checks");
    }

    @Test
    void aReserveReleasesTheClosedSlicesItCarriesBeforeItGrants() {
        String keyId = TestTokens.newKeyId();
        String token = token(keyId, LIMIT);
        ReserveResponse first = grpc.blocking().reserve(reserve(token, 5));
        assertEquals(5, first.getGranted());
        ReserveResponse second = grpc.blocking().reserve(reserve(token, 5).toBuilder()
                .addReleases(SliceRelease.newBuilder().setSliceId(first.getSliceId()).setUnused(4).setUsed(1)).build());
        assertEquals(5, second.getGranted());
        assertEquals(LIMIT - 1 - 5, second.getDecision().getRemaining(), "the first slice's 4 unused units came back first");
        assertFalse(grpc.blocking().releaseSlice(release(token, first.getSliceId(), 4, 1)).getReleased(),
                "the carried release was the slice's one release");
        long requests = grpc.blocking().getUsage(UsageRequest.newBuilder().setToken(token).build())
                .getHourlyList().stream().mapToLong(UsageBucket::getRequests).sum();
        assertEquals(1, requests, "the used unit counts as usage");
    }

    @Test
    void aReserveBatchAnswersEachReserveAsItsOwnCallWould() {
        String sliced = token(TestTokens.newKeyId(), LIMIT);
        String exact = token(TestTokens.newKeyId(), 10);
        ReserveBatchResponse batch = grpc.blocking().reserveBatch(ReserveBatchRequest.newBuilder()
                .addReserves(reserve(sliced, 3))
                .addReserves(reserve(exact, 1))
                .addReserves(reserve("not a token", 1))
                .addReserves(reserve(sliced, 2))
                .build());
        assertEquals(4, batch.getOutcomesCount());
        assertEquals(3, batch.getOutcomes(0).getResponse().getGranted());
        assertEquals(Status.Code.FAILED_PRECONDITION.value(), batch.getOutcomes(1).getError().getCode());
        assertEquals(Status.Code.UNAUTHENTICATED.value(), batch.getOutcomes(2).getError().getCode());
        assertEquals(2, batch.getOutcomes(3).getResponse().getGranted());
        assertEquals(LIMIT - 3 - 2 - 1, grpc.blocking().check(general(sliced)).getDeciding().getRemaining(),
                "both slices of the batch are charged");
    }

    @Test
    void aLimitKeptExactCannotBeSliced() {
        String token = token(TestTokens.newKeyId(), 10);
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> grpc.blocking().reserve(reserve(token, 1)));
        assertEquals(Status.Code.FAILED_PRECONDITION, refused.getStatus().getCode());
    }

    @Test
    void raisingAndLoweringAcrossTheThresholdNeverOverAdmits() {
        String keyId = TestTokens.newKeyId();
        assertEquals(6, admitted(token(keyId, 8), 6), "exact log, 8");
        assertEquals(6, admitted(token(keyId, 12), 10), "raised to 12 (buckets): the log's 6 folded in");
        String logKey = RedisProbe.keyPrefix() + "rl:{" + keyId + "}:general";
        assertEquals("0", RedisProbe.command("EXISTS", logKey).substring(1), "the log was folded into buckets");
        CheckResponse lowered = grpc.blocking().check(general(token(keyId, 10)));
        assertFalse(lowered.getAllowed(), "lowered to 10 (exact log): the buckets' 12 still count");
        assertTrue(lowered.getDeciding().getRetryAfterSeconds() >= 1 && lowered.getDeciding().getRetryAfterSeconds() <= 3,
                lowered.toString());
        assertEquals(2, admitted(token(keyId, 14), 5), "raised to 14: exactly 2 more");
    }

    @Test
    void aBucketedChargeIsRefundedOnceByItsTime() {
        String token = token(TestTokens.newKeyId(), LIMIT);
        CheckResponse charged = grpc.blocking().check(CheckRequest.newBuilder().setToken(token)
                .addLimits(Limit.GENERAL_REQUESTS).setRequestId("bucketed-1").build());
        assertEquals(LIMIT - 1, charged.getDeciding().getRemaining());
        RefundRequest refund = RefundRequest.newBuilder().setToken(token).setRequestId("bucketed-1")
                .setChargedAtUs(charged.getChargedAtUs()).build();
        assertTrue(grpc.blocking().refund(refund).getRefunded());
        assertFalse(grpc.blocking().refund(refund).getRefunded(), "refund is idempotent");
        assertEquals(LIMIT - 1, grpc.blocking().check(general(token)).getDeciding().getRemaining());
    }

    @Test
    void memoryOfABucketedKeyDoesNotGrowWithItsLimit() {
        String keyId = TestTokens.newKeyId();
        String token = token(keyId, 1_000_000);
        for (int i = 0; i < 20; i++) {
            burst(token, 50, true);
        }
        long bytes = Long.parseLong(RedisProbe.command("MEMORY", "USAGE",
                RedisProbe.keyPrefix() + "rl:{" + keyId + "}:general:b").substring(1));
        assertTrue(bytes < 1024, "1,000 charges in buckets take " + bytes + " B");
    }

    private static int admitted(String token, int checks) {
        int admitted = 0;
        for (int i = 0; i < checks; i++) {
            if (grpc.blocking().check(general(token)).getAllowed()) {
                admitted++;
            }
        }
        return admitted;
    }

    private static List<CheckResponse> burst(String token, int size, boolean batched) {
        List<CheckResponse> responses = new ArrayList<>();
        if (batched) {
            CheckBatchRequest.Builder batch = CheckBatchRequest.newBuilder();
            for (int i = 0; i < size; i++) {
                batch.addChecks(general(token));
            }
            for (CheckOutcome outcome : grpc.blocking().checkBatch(batch.build()).getOutcomesList()) {
                responses.add(outcome.getResponse());
            }
        } else {
            for (int i = 0; i < size; i++) {
                responses.add(grpc.blocking().check(general(token)));
            }
        }
        return responses;
    }

    private static String token(String keyId, int perWindow) {
        return TestTokens.forKey(keyId, Map.of("requests_per_minute", perWindow));
    }

    private static ReserveRequest reserve(String token, long units) {
        return ReserveRequest.newBuilder().setToken(token).setLimit(Limit.GENERAL_REQUESTS).setUnits(units).build();
    }

    private static ReleaseSliceRequest release(String token, String sliceId, long unused, long used) {
        return ReleaseSliceRequest.newBuilder().setToken(token).setLimit(Limit.GENERAL_REQUESTS).setSliceId(sliceId)
                .setUnused(unused).setUsed(used).build();
    }
}
