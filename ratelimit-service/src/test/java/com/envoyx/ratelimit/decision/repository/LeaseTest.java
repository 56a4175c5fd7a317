package com.envoyx.ratelimit.decision.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.envoyx.contracts.ratelimit.v1.AcquireLeaseRequest;
import com.envoyx.contracts.ratelimit.v1.LeaseResponse;
import com.envoyx.contracts.ratelimit.v1.Limit;
import com.envoyx.contracts.ratelimit.v1.ReleaseLeaseRequest;
import com.envoyx.contracts.ratelimit.v1.RenewLeaseRequest;
import com.envoyx.ratelimit.testing.GrpcTestSupport;
import com.envoyx.ratelimit.testing.ShortWindowsProfile;
import com.envoyx.ratelimit.testing.TestTokens;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Leases with a 2 s TTL. */
@QuarkusTest
@TestProfile(ShortWindowsProfile.class)
class LeaseTest extends GrpcTestSupport {

    @Test
    void acquireStopsAtTheLimitAndReleaseFreesASlot() {
        String token = TestTokens.forKey(TestTokens.newKeyId(), Map.of("websocket_connections", 2));
        LeaseResponse first = acquire(token, "");
        assertTrue(first.getGranted());
        assertFalse(first.getLeaseId().isEmpty(), "an id is generated when none is given");
        assertEquals(1, first.getActive());
        assertEquals(2, first.getLimitValue());
        assertEquals(2, first.getTtlSeconds());
        assertTrue(acquire(token, "conn-2").getGranted());

        LeaseResponse third = acquire(token, "conn-3");
        assertFalse(third.getGranted());
        assertEquals(2, third.getActive());
        assertTrue(third.getRetryAfterSeconds() >= 1 && third.getRetryAfterSeconds() <= 2, third.toString());

        assertTrue(acquire(token, "conn-2").getGranted(), "acquiring a held lease again refreshes it");
        assertTrue(grpc.blocking().releaseLease(release(token, "conn-2")).getReleased());
        assertFalse(grpc.blocking().releaseLease(release(token, "conn-2")).getReleased());
        assertTrue(acquire(token, "conn-3").getGranted());
    }

    @Test
    void aDeadHoldersLeaseExpiresWithinItsTtl() throws InterruptedException {
        String token = TestTokens.forKey(TestTokens.newKeyId(), Map.of("websocket_connections", 1));
        assertTrue(acquire(token, "crashed-replica").getGranted());
        assertFalse(acquire(token, "new-connection").getGranted());

        Thread.sleep(2100);
        assertTrue(acquire(token, "new-connection").getGranted());
        assertFalse(renew(token, "crashed-replica").getGranted(), "an expired lease cannot be renewed");
    }

    @Test
    void renewingKeepsALeaseAlive() throws InterruptedException {
        String token = TestTokens.forKey(TestTokens.newKeyId(), Map.of("websocket_connections", 1));
        assertTrue(acquire(token, "live").getGranted());
        for (int i = 0; i < 3; i++) {
            Thread.sleep(700);
            LeaseResponse renewed = renew(token, "live");
            assertTrue(renewed.getGranted());
            assertEquals(1, renewed.getActive());
        }
        assertFalse(acquire(token, "other").getGranted(), "still held after more than one TTL");
        assertFalse(renew(token, "never-acquired").getGranted());
    }

    @Test
    void onlyWebsocketConnectionsAreLeased() {
        String token = TestTokens.forKey(TestTokens.newKeyId());
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> grpc.blocking().acquireLease(
                AcquireLeaseRequest.newBuilder().setToken(token).setLimit(Limit.GENERAL_REQUESTS).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
    }

    private static LeaseResponse acquire(String token, String leaseId) {
        return grpc.blocking().acquireLease(AcquireLeaseRequest.newBuilder()
                .setToken(token).setLimit(Limit.WEBSOCKET_CONNECTIONS).setLeaseId(leaseId).build());
    }

    private static LeaseResponse renew(String token, String leaseId) {
        return grpc.blocking().renewLease(RenewLeaseRequest.newBuilder()
                .setToken(token).setLimit(Limit.WEBSOCKET_CONNECTIONS).setLeaseId(leaseId).build());
    }

    private static ReleaseLeaseRequest release(String token, String leaseId) {
        return ReleaseLeaseRequest.newBuilder().setToken(token).setLimit(Limit.WEBSOCKET_CONNECTIONS).setLeaseId(leaseId).build();
    }
}
