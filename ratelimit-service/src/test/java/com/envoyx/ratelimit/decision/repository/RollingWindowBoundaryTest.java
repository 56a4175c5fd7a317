package com.envoyx.ratelimit.decision.repository;

import static com.envoyx.ratelimit.testing.Requests.general;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.envoyx.contracts.ratelimit.v1.CheckResponse;
import com.envoyx.ratelimit.testing.GrpcTestSupport;
import com.envoyx.ratelimit.testing.ShortWindowsProfile;
import com.envoyx.ratelimit.testing.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A 4 s general window: what a fixed window gets wrong at its boundary, this one does not. */
@QuarkusTest
@TestProfile(ShortWindowsProfile.class)
class RollingWindowBoundaryTest extends GrpcTestSupport {

    @Test
    void budgetReturnsOnlyAsOldChargesLeaveTheWindow() throws InterruptedException {
        String token = TestTokens.forKey(TestTokens.newKeyId(), Map.of("requests_per_minute", 4));
        for (int i = 0; i < 2; i++) {
            assertTrue(grpc.blocking().check(general(token)).getAllowed());
        }
        Thread.sleep(2400);
        for (int i = 0; i < 2; i++) {
            assertTrue(grpc.blocking().check(general(token)).getAllowed());
        }
        CheckResponse full = grpc.blocking().check(general(token));
        assertFalse(full.getAllowed());
        long retryAfter = full.getDeciding().getRetryAfterSeconds();
        assertTrue(retryAfter >= 1 && retryAfter <= 2, "the first two leave within 1.6 s: " + full);

        Thread.sleep(retryAfter * 1000);
        // A fixed window would have reset by now and let 4 more through; a rolling window frees only the first two.
        assertTrue(grpc.blocking().check(general(token)).getAllowed());
        assertTrue(grpc.blocking().check(general(token)).getAllowed());
        assertFalse(grpc.blocking().check(general(token)).getAllowed());
    }

    @Test
    void aRequestSentAfterRetryAfterIsAccepted() throws InterruptedException {
        String token = TestTokens.forKey(TestTokens.newKeyId(), Map.of("requests_per_minute", 3));
        for (int i = 0; i < 3; i++) {
            assertTrue(grpc.blocking().check(general(token)).getAllowed());
        }
        CheckResponse refused = grpc.blocking().check(general(token));
        assertFalse(refused.getAllowed());
        long retryAfter = refused.getDeciding().getRetryAfterSeconds();
        assertTrue(retryAfter >= 1 && retryAfter <= 4, refused.toString());
        assertEquals(0, refused.getDeciding().getRemaining());

        Thread.sleep(retryAfter * 1000);
        CheckResponse accepted = grpc.blocking().check(general(token));
        assertTrue(accepted.getAllowed(), accepted.toString());
    }

    @Test
    void theWholeBudgetIsBackAtResetAt() throws InterruptedException {
        String token = TestTokens.forKey(TestTokens.newKeyId(), Map.of("requests_per_minute", 2));
        grpc.blocking().check(general(token));
        CheckResponse last = grpc.blocking().check(general(token));
        assertEquals(0, last.getDeciding().getRemaining());

        long waitMillis = last.getDeciding().getResetAt() * 1000 - System.currentTimeMillis();
        Thread.sleep(Math.max(0, waitMillis) + 50);
        assertEquals(1, grpc.blocking().check(general(token)).getDeciding().getRemaining());
    }
}
